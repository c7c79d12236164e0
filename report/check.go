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
// number of targets firmly outside and the number borderline (the Monte
// Carlo interval contains a bound of the study's: the verdict could flip with
// the seed).
func WriteCheck(w io.Writer, title string, r *sim.Result) (outside, borderline int, err error) {
	bw := bufio.NewWriter(w)
	sc := ScenarioSummary{Unit: r.Unit.String(), Targets: targetSummaries(r)}
	fmt.Fprintf(bw, "## %s\n\n", strings.TrimSpace(title))
	fmt.Fprintf(bw, "Model `%s`: %d simulated patients, seed %d.\n\n", r.Model, r.Patients, r.Seed)
	var out, border []string
	for _, t := range sc.Targets {
		switch {
		case t.Borderline:
			border = append(border, t.Name)
		case !t.Inside:
			out = append(out, t.Name)
		}
	}
	if len(sc.Targets) == 0 {
		fmt.Fprintf(bw, "The model has no targets: nothing to check.\n")
		return 0, 0, bw.Flush()
	}
	writeTargetTable(bw, sc)
	fmt.Fprintf(bw, "\n%s\n\n", targetsNote)
	switch {
	case len(out) == 0 && len(border) == 0:
		fmt.Fprintf(bw, "All %d targets inside the study's 95%% interval.\n", len(sc.Targets))
	case len(out) > 0:
		fmt.Fprintf(bw, "%d of %d targets outside the study's 95%% interval: %s.\n", len(out), len(sc.Targets), strings.Join(out, ", "))
	}
	if len(border) > 0 {
		fmt.Fprintf(bw, "%d of %d targets borderline: their simulated value's Monte Carlo 95%% interval contains a bound of the study's interval, "+
			"so inside or outside depends on the seed; run more patients (--patients) to settle it: %s.\n", len(border), len(sc.Targets), strings.Join(border, ", "))
	}
	return len(out), len(border), bw.Flush()
}
