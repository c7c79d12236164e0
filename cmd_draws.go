package main

import (
	"fmt"
	"strings"

	"github.com/blinasim/blinasim/model"
)

// checkSharedDraws rejects scenarios that give one parameter name different
// uncertainty distributions (or different rank correlations): PSA draws are
// keyed by name, so the same name must mean the same parameter in every
// scenario, or the two distributions would share one uniform (ranks
// correlated 1) and silently narrow the band of the difference. The error
// names both files and what differs.
func checkSharedDraws(files []string, models []*model.Model) error {
	name := func(i int) string {
		if i < len(files) && files[i] != "" {
			return files[i]
		}
		return fmt.Sprintf("the default study (%s)", models[i].Name)
	}
	for i := range models {
		for j := 0; j < i; j++ {
			cs := model.DrawConflicts(models[j], models[i])
			if len(cs) == 0 {
				continue
			}
			return usageError{fmt.Errorf("scenarios %s and %s give the same name different uncertainty (\"here\" is %s, \"there\" %s):\n  %s\n"+
				"PSA draws are keyed by parameter name, so one name must have one distribution in every scenario: "+
				"rename the parameter in one scenario, or give both the same uncertainty",
				name(j), name(i), name(j), name(i), strings.Join(cs, "\n  "))}
		}
	}
	return nil
}
