package main

import (
	"fmt"

	"github.com/blinasim/blinasim/model"
)

// applyBy sets --by on every scenario: results are then reported for
// everyone and for each level of the attribute (docs/attributes.md).
func applyBy(models []*model.Model, o runOptions) error {
	if o.By == "" {
		return nil
	}
	if o.PSA > 0 {
		return usageError{fmt.Errorf("--by with --psa is not supported: run the subgroups' PSA with a subgroup target, or without --by")}
	}
	for _, m := range models {
		m.By = o.By
	}
	return nil
}
