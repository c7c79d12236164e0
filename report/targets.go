package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// TargetSummary is one published figure (a model target) beside the same
// figure simulated. Published carries the study's 95% interval: the one the
// file gives, or for a proportion without one the Wilson interval from the
// value and n (the study's own sampling error); null when neither exists.
type TargetSummary struct {
	Name      string   `json:"name"`
	Measure   string   `json:"measure"` // survival, incidence, median or share_entering
	Of        string   `json:"of"`      // the endpoint, or the state for share_entering
	Time      Number   `json:"time"`    // survival and incidence targets; null otherwise
	N         int      `json:"n"`       // the study's sample size
	Published Interval `json:"published"`
	Simulated Interval `json:"simulated"` // with its Monte Carlo 95% interval
	Source    string   `json:"source"`
	Note      string   `json:"note,omitempty"` // how the figure maps onto the model
}

// targetSummaries collects a result's targets.
func targetSummaries(r *sim.Result) []TargetSummary {
	out := []TargetSummary{}
	for _, tr := range r.Targets {
		t := tr.Target
		s := TargetSummary{Name: t.Name, Measure: string(t.Measure), Of: t.Endpoint, Time: Number(math.NaN()),
			N: t.N, Published: publishedInterval(t), Simulated: interval(tr.Simulated), Source: t.Source, Note: t.Note}
		switch t.Measure {
		case model.MeasureShareEntering:
			s.Of = t.State
		case model.MeasureSurvival, model.MeasureIncidence:
			s.Time = Number(t.Time)
		}
		out = append(out, s)
	}
	return out
}

// publishedInterval is a target's value with the study's 95% interval.
func publishedInterval(t model.Target) Interval {
	iv := Interval{Value: Number(t.Value), Lower: Number(math.NaN()), Upper: Number(math.NaN())}
	switch {
	case t.Lower != 0 || t.Upper != 0:
		iv.Lower, iv.Upper = Number(t.Lower), Number(t.Upper)
	case t.Measure != model.MeasureMedian && t.N > 0:
		lo, hi := wilsonInterval(t.Value, t.N)
		iv.Lower, iv.Upper = Number(lo), Number(hi)
	}
	return iv
}

// wilsonInterval is the Wilson score 95% interval of a proportion p of n.
func wilsonInterval(p float64, n int) (lo, hi float64) {
	e := sim.Proportion(p, n)
	return e.Lower, e.Upper
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

// targetsHeader is targets.csv's header row.
var targetsHeader = []string{"scenario", "target", "measure", "of", "time", "n",
	"published", "published_lower", "published_upper", "simulated", "lower", "upper"}

// writeTargetsCSV writes targets.csv: every target of every scenario.
func writeTargetsCSV(w io.Writer, results []*sim.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(targetsHeader); err != nil {
		return err
	}
	for _, r := range results {
		for _, t := range targetSummaries(r) {
			row := []string{scenarioLabel(r), t.Name, t.Measure, t.Of, formatNumber(float64(t.Time)), fmt.Sprint(t.N),
				formatNumber(float64(t.Published.Value)), formatNumber(float64(t.Published.Lower)), formatNumber(float64(t.Published.Upper)),
				formatNumber(float64(t.Simulated.Value)), formatNumber(float64(t.Simulated.Lower)), formatNumber(float64(t.Simulated.Upper))}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeTargetTable writes summary.md's table of published against simulated figures.
func writeTargetTable(w io.Writer, sc ScenarioSummary) {
	units := plural(sc.Unit)
	header := []string{"Target", "Measure", "Published (study 95% CI)", "Simulated (95% CI)", "n"}
	writeRow(w, header)
	writeRule(w, len(header))
	for _, t := range sc.Targets {
		measure := t.Measure + " of `" + t.Of + "`"
		if finite(float64(t.Time)) {
			measure += " at " + mdExact(float64(t.Time)) + " " + units
		}
		show := func(iv Interval) string {
			if t.Measure == string(model.MeasureMedian) {
				return mdEstimate(float64(iv.Value), float64(iv.Lower), float64(iv.Upper)) + " " + units
			}
			return mdProbability(float64(iv.Value), float64(iv.Lower), float64(iv.Upper))
		}
		writeRow(w, []string{"`" + t.Name + "`", measure, show(t.Published), show(t.Simulated), fmt.Sprint(t.N)})
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
