package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/blinasim/blinasim/sim"
)

// WriteCheck writes `blinasim check`'s report of one run as Markdown: the
// published figures beside the simulated ones, whether each lies inside the
// study's 95% interval, and a last line with the verdict. It returns the
// number of targets outside.
func WriteCheck(w io.Writer, title string, r *sim.Result) (outside int, err error) {
	bw := bufio.NewWriter(w)
	sc := ScenarioSummary{Unit: r.Unit.String(), Targets: targetSummaries(r)}
	fmt.Fprintf(bw, "## %s\n\n", strings.TrimSpace(title))
	fmt.Fprintf(bw, "Model `%s`: %d simulated patients, seed %d.\n\n", r.Model, r.Patients, r.Seed)
	var out []string
	for _, t := range sc.Targets {
		if !t.Inside {
			out = append(out, t.Name)
		}
	}
	if len(sc.Targets) == 0 {
		fmt.Fprintf(bw, "The model has no targets: nothing to check.\n")
		return 0, bw.Flush()
	}
	writeTargetTable(bw, sc)
	fmt.Fprintf(bw, "\n%s\n\n", targetsNote)
	if len(out) == 0 {
		fmt.Fprintf(bw, "All %d targets inside the study's 95%% interval.\n", len(sc.Targets))
	} else {
		fmt.Fprintf(bw, "%d of %d targets outside the study's 95%% interval: %s.\n", len(out), len(sc.Targets), strings.Join(out, ", "))
	}
	return len(out), bw.Flush()
}
