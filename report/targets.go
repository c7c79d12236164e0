package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"

	"github.com/blinasim/blinasim/fit"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// TargetSummary is one published figure (a model target) beside the same
// figure simulated, checked: Published carries the study's 95% interval (the
// file's; else, from n, the exact binomial one for a proportion or the
// approximate one for a median, see fit.PublishedInterval; null when there
// is neither), and Inside says whether the simulated value lies within it.
type TargetSummary struct {
	Name      string   `json:"name"`
	Measure   string   `json:"measure"` // survival, incidence, median or share_entering
	Of        string   `json:"of"`      // the endpoint, or the state for share_entering
	Time      Number   `json:"time"`    // survival, incidence and share_entering targets with a time; null otherwise
	N         int      `json:"n"`       // the study's sample size
	Published Interval `json:"published"`
	Interval  string   `json:"interval"`  // where the study's interval comes from: published, exact, approximate or none
	Simulated Interval `json:"simulated"` // with its Monte Carlo 95% interval
	Inside    bool     `json:"inside"`    // the simulated value lies within the study's interval
	// Borderline: the simulated value's Monte Carlo interval contains a
	// bound of the study's interval, so Inside could flip with the seed.
	Borderline bool   `json:"borderline"`
	Source     string `json:"source"`
	Note       string `json:"note,omitempty"` // how the figure maps onto the model
}

// targetSummaries collects a result's targets, checked.
func targetSummaries(r *sim.Result) []TargetSummary {
	out := []TargetSummary{}
	for _, row := range fit.Check(r) {
		t := row.Target
		s := TargetSummary{Name: t.Name, Measure: string(t.Measure), Of: t.Of(), Time: Number(math.NaN()),
			N: t.N, Published: publishedInterval(t), Interval: string(row.Published.Method),
			Simulated: interval(row.Simulated), Inside: row.Inside, Borderline: row.Borderline, Source: t.Source, Note: t.Note}
		if t.Measure != model.MeasureMedian && t.Time > 0 {
			s.Time = Number(t.Time)
		}
		out = append(out, s)
	}
	return out
}

// publishedInterval is a target's value with the study's 95% interval (see
// fit.PublishedInterval); the bounds are NaN when there is none.
func publishedInterval(t model.Target) Interval {
	p := fit.PublishedInterval(t)
	return Interval{Value: Number(p.Value), Lower: Number(p.Lower), Upper: Number(p.Upper)}
}

// hasTargets reports whether any result has targets.
func hasTargets(results []*sim.Result) bool {
	for _, r := range results {
		if len(r.Targets) > 0 {
			return true
		}
	}
	return false
}

// checkHeader is check.csv's header row.
var checkHeader = []string{"scenario", "target", "measure", "of", "time", "n",
	"published", "published_lower", "published_upper", "interval", "simulated", "lower", "upper", "inside", "borderline"}

// writeCheckCSV writes check.csv: every target of every scenario, checked;
// inside and borderline are TRUE or FALSE, as R's read.csv reads logicals
// (borderline: the simulated Monte Carlo interval contains a bound of the
// study's interval, so inside could flip with the seed).
func writeCheckCSV(w io.Writer, results []*sim.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(checkHeader); err != nil {
		return err
	}
	for _, r := range results {
		for _, t := range targetSummaries(r) {
			row := []string{scenarioLabel(r), t.Name, t.Measure, t.Of, formatNumber(float64(t.Time)), fmt.Sprint(t.N),
				formatNumber(float64(t.Published.Value)), formatNumber(float64(t.Published.Lower)), formatNumber(float64(t.Published.Upper)),
				t.Interval, formatNumber(float64(t.Simulated.Value)), formatNumber(float64(t.Simulated.Lower)), formatNumber(float64(t.Simulated.Upper)),
				formatBool(t.Inside), formatBool(t.Borderline)}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// targetsNote explains the targets table of summary.md and of `blinasim check`.
const targetsNote = "The model's targets: figures the study published, with their sample size n and the study's 95% interval " +
	"(as published; else from n: exact binomial, Clopper-Pearson, for a proportion; for a median, value·exp(±1.96/(ln 2·√n)), " +
	"marked ≈), beside the same figure simulated with its Monte Carlo interval. Inside says whether the simulated value lies " +
	"within the study's interval: the check that the model reproduces the study."

// writeTargetTable writes the table of published against simulated figures.
func writeTargetTable(w io.Writer, sc ScenarioSummary) {
	units := plural(sc.Unit)
	header := []string{"Target", "Measure", "Published (study 95% CI)", "Simulated (95% CI)", "Inside", "n"}
	writeRow(w, header)
	writeRule(w, len(header))
	for _, t := range sc.Targets {
		measure := t.Measure + " of `" + t.Of + "`"
		switch {
		case finite(float64(t.Time)) && t.Measure == string(model.MeasureShareEntering):
			measure += " by " + mdExact(float64(t.Time)) + " " + units
		case finite(float64(t.Time)):
			measure += " at " + mdExact(float64(t.Time)) + " " + units
		}
		show := func(iv Interval) string {
			if t.Measure == string(model.MeasureMedian) {
				return mdEstimate(float64(iv.Value), float64(iv.Lower), float64(iv.Upper)) + " " + units
			}
			return mdProbability(float64(iv.Value), float64(iv.Lower), float64(iv.Upper))
		}
		pub := show(t.Published)
		if t.Interval == string(fit.FromApprox) {
			pub += " ≈"
		}
		inside := "no"
		if t.Inside {
			inside = "yes"
		}
		if t.Borderline {
			inside = "borderline: run more patients"
		}
		writeRow(w, []string{"`" + t.Name + "`", measure, pub, show(t.Simulated), inside, fmt.Sprint(t.N)})
	}
	first := true
	for _, t := range sc.Targets {
		if t.Note != "" {
			if first {
				fmt.Fprintln(w)
				first = false
			}
			fmt.Fprintf(w, "- `%s`: %s\n", t.Name, t.Note)
		}
	}
}
