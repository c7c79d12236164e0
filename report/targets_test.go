package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// TestWilsonSolvesTheScoreEquation: each bound b of sim.Proportion (the
// Wilson interval of occupancy and ever-in shares) solves
// |p − b| = z·√(b(1 − b)/n), its definition (Wilson 1927).
func TestWilsonSolvesTheScoreEquation(t *testing.T) {
	const z = 1.959963984540054
	for _, c := range []struct {
		p float64
		n int
	}{{0.36, 64}, {29.0 / 64, 64}, {0.18, 64}, {0.5, 7}, {0.02, 1000}} {
		e := sim.Proportion(c.p, c.n)
		lo, hi := e.Lower, e.Upper
		for _, b := range []float64{lo, hi} {
			if d := math.Abs(math.Abs(c.p-b) - z*math.Sqrt(b*(1-b)/float64(c.n))); d > 1e-12 {
				t.Errorf("p %v, n %d: bound %v misses the score equation by %v", c.p, c.n, b, d)
			}
		}
		if !(lo < c.p && c.p < hi) {
			t.Errorf("p %v, n %d: interval [%v, %v] misses p", c.p, c.n, lo, hi)
		}
	}
}

func targetsResult() *sim.Result {
	est := func(v, lo, hi float64) sim.Estimate { return sim.Estimate{Value: v, Lower: lo, Upper: hi} }
	return &sim.Result{Model: "m", Scenario: "m", Unit: model.Month, Horizon: 60, Patients: 1000, Targets: []sim.TargetResult{
		{Target: model.Target{Name: "os12", Measure: model.MeasureSurvival, Endpoint: "os", Time: 12, Value: 0.36, N: 64}, Simulated: est(0.37, 0.36, 0.38)},
		{Target: model.Target{Name: "med", Measure: model.MeasureMedian, Endpoint: "os", Value: 8.5, N: 64, Lower: 6.5, Upper: 11.1}, Simulated: est(8.47, 8.4, 8.5)},
		{Target: model.Target{Name: "cr", Measure: model.MeasureShareEntering, State: "cr", Value: 0.45, N: 64, Note: "shrunk by design"}, Simulated: est(0.45, 0.44, 0.46)},
	}}
}

// TestCheckCSV: one row per target with the published value, the study's
// interval (given; else exact binomial for a proportion, approximate for a
// median), where it comes from, the simulated value and its interval, and
// whether it lies inside; NA where a field does not apply.
func TestCheckCSV(t *testing.T) {
	var b bytes.Buffer
	r := targetsResult()
	r.Targets = append(r.Targets,
		sim.TargetResult{Target: model.Target{Name: "rfs", Measure: model.MeasureMedian, Endpoint: "rfs", Value: 7.4, N: 29},
			Simulated: sim.Estimate{Value: 13, Lower: 12, Upper: 14}},
		sim.TargetResult{Target: model.Target{Name: "cr84", Measure: model.MeasureShareEntering, State: "cr", Time: 2.76, Value: 0.45, N: 64},
			Simulated: sim.Estimate{Value: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}})
	if err := writeCheckCSV(&b, []*sim.Result{r}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || strings.Join(rows[0], ",") != strings.Join(checkHeader, ",") {
		t.Fatalf("rows %v", rows)
	}
	// R: binom.test(23, 64)$conf.int (x = round(0.36 × 64) = 23), checked
	// with mpmath's regularised incomplete beta to 12 digits.
	const lo23, hi23 = 0.243190291031, 0.489037401839
	se := 1 / (math.Ln2 * math.Sqrt(29)) // fit.MedianSE(29)
	want := [][]string{
		{"m", "os12", "survival", "os", "12", "64", "0.36", formatNumber(lo23), formatNumber(hi23), "exact", "0.37", "0.36", "0.38", "TRUE"},
		{"m", "med", "median", "os", "NA", "64", "8.5", "6.5", "11.1", "published", "8.47", "8.4", "8.5", "TRUE"},
		{"m", "cr", "share_entering", "cr", "NA", "64", "0.45"},
		{"m", "rfs", "median", "rfs", "NA", "29", "7.4", formatNumber(7.4 * math.Exp(-1.959963984540054*se)),
			formatNumber(7.4 * math.Exp(1.959963984540054*se)), "approximate", "13", "12", "14", "FALSE"},
		{"m", "cr84", "share_entering", "cr", "2.76", "64", "0.45", formatNumber(0.328207114504), formatNumber(0.582523684684),
			"exact", "NA", "NA", "NA", "FALSE"},
	}
	for i, w := range want {
		if got := rows[i+1][:len(w)]; strings.Join(got, ",") != strings.Join(w, ",") {
			t.Errorf("row %d: %v, want %v", i+1, got, w)
		}
	}
}

// TestTargetsMarkdown: summary.md gets a "Published figures" table only when
// the model has targets.
func TestTargetsMarkdown(t *testing.T) {
	var b bytes.Buffer
	writeScenarioMarkdown(&b, scenarioSummary(targetsResult(), followUp{}))
	for _, want := range []string{"### Published figures", "survival of `os` at 12 months", "8.50 (6.50–11.10) months", "share_entering of `cr`",
		"| Inside |", "| yes |", "- `cr`: shrunk by design"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary.md lacks %q:\n%s", want, b.String())
		}
	}
	r := targetsResult()
	r.Targets = nil
	b.Reset()
	writeScenarioMarkdown(&b, scenarioSummary(r, followUp{}))
	if strings.Contains(b.String(), "Published figures") {
		t.Error("a model without targets got a targets table")
	}
}
