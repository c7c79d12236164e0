package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/blinasim/blinasim/sim"
)

// differenceLabel is the outcome label of an analysis of the difference
// scenario − base, on two lines so that it fits a journal column:
// "Overall survival at 12 months\n(difference: second alloHSCT − no
// consolidation)", with the scenarios' titles when given and different
// (titles: scenario, base), else their names: a scenario that keeps its
// base's title would read "A − A".
func differenceLabel(ow *sim.OneWay, label string, titles []string) string {
	scen, base := ow.Scenario, ow.BaseResult.Model
	if len(titles) == 2 && titles[0] != "" && titles[1] != "" && titles[0] != titles[1] {
		scen, base = titles[0], titles[1]
	}
	return fmt.Sprintf("%s\n(difference: %s − %s)", label, scen, base)
}

// writeDifferenceMarkdown writes sensitivity.md of an analysis of the
// difference between two scenarios: the base difference, the one-way table
// of differences at each end with their paired intervals, and each sweep of
// the difference.
func writeDifferenceMarkdown(w io.Writer, s Sensitivity) error {
	bw := bufio.NewWriter(w)
	ow, base := s.OneWay, s.OneWay.BaseResult
	label := OutcomeLabel(ow.Outcome, base)
	f := outcomeFormat(ow.Outcome)
	f.pastFollowUp = s.pastFollowUp()
	diff := func(e sim.Estimate) string {
		if f.probability && finite(e.Value) && !f.pastFollowUp {
			return f.diff(sim.Difference{Estimate: e}) + " pp"
		}
		return f.diff(sim.Difference{Estimate: e})
	}
	paired := "paired 95% intervals: per-patient differences on the same patients"
	if !ow.BasePaired {
		paired = "independent 95% intervals (this outcome has no per-patient pairing: medians, or an endpoint that starts later)"
	}
	fmt.Fprintf(bw, "# %s: sensitivity of the difference %s − %s\n\n", strings.TrimSpace(s.Title), ow.Scenario, base.Model)
	fmt.Fprintf(bw, "Outcome: %s, written `%s`. Both scenarios are simulated on the same %d patients (seed %d, common random numbers) "+
		"in every run, so each difference carries %s. Base difference (every parameter at its value): %s.\n",
		label, ow.Outcome, base.Patients, base.Seed, paired, diff(ow.Base))
	if f.pastFollowUp {
		fmt.Fprintf(bw, "\n%s\n", strings.Replace(pastFollowUpNote, "in the base run", "in the base run of either scenario", 1))
	}
	if len(ow.Rows) > 0 {
		fmt.Fprintf(bw, "\n## One-way sensitivity of the difference\n\n")
		header := []string{"Parameter", "Value", "Low", "High", "Difference at low (95% CI)", "Difference at high (95% CI)", "Swing"}
		writeRow(bw, header)
		writeRule(bw, len(header))
		for _, r := range ow.Rows {
			name := "`" + r.Parameter + "`"
			if r.Ends == sim.EndsBounds {
				name += " †"
			}
			writeRow(bw, []string{name, mdParam(r.Value), mdParam(r.Low), mdParam(r.High),
				diff(r.AtLow), diff(r.AtHigh), f.swing(r.Swing)})
		}
		fmt.Fprintf(bw, "\nEach parameter at its low and at its high value in both scenarios (in whichever has it), every other parameter "+
			"at its value and derived parameters following; rows by swing |at high − at low|, the largest first (tornado.png: bars from "+
			"the base difference, whiskers their paired intervals; every figure with its interval in oneway.csv). Low and high are the %g%% and %g%% quantiles of the "+
			"parameter's uncertainty distribution, or (†) the bounds in the `sensitivity:` section. Intervals are Monte Carlo only.\n",
			100*sim.LowQuantile, 100*sim.HighQuantile)
	}
	for _, sw := range s.Sweeps {
		fmt.Fprintf(bw, "\n## Sweep of the difference: %s\n\n", sw.Name)
		if len(sw.Parameters) == 1 {
			header := []string{"`" + sw.Parameters[0] + "`", "Difference (95% CI)"}
			writeRow(bw, header)
			writeRule(bw, len(header))
			for k, e := range sw.Cells {
				writeRow(bw, []string{mdParam(sw.Values[0][k]), diff(e)})
			}
		} else {
			fmt.Fprintf(bw, "A %d × %d grid of `%s` and `%s`: ", len(sw.Values[0]), len(sw.Values[1]), sw.Parameters[0], sw.Parameters[1])
		}
		fmt.Fprintf(bw, "\nFigure: sweep_%s.png; data with intervals: sweep_%s.csv.\n", sw.Name, sw.Name)
	}
	return bw.Flush()
}
