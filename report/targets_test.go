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

// TestWilsonSolvesTheScoreEquation: each Wilson bound b solves
// |p − b| = z·√(b(1 − b)/n), its definition (Wilson 1927).
func TestWilsonSolvesTheScoreEquation(t *testing.T) {
	const z = 1.959963984540054
	for _, c := range []struct {
		p float64
		n int
	}{{0.36, 64}, {29.0 / 64, 64}, {0.18, 64}, {0.5, 7}, {0.02, 1000}} {
		lo, hi := wilsonInterval(c.p, c.n)
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

// TestTargetsCSV: one row per target with the published value, the study's
// interval (given, or Wilson's for a proportion), the simulated value and
// its interval; NA where a field does not apply.
func TestTargetsCSV(t *testing.T) {
	var b bytes.Buffer
	if err := writeTargetsCSV(&b, []*sim.Result{targetsResult()}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || strings.Join(rows[0], ",") != strings.Join(targetsHeader, ",") {
		t.Fatalf("rows %v", rows)
	}
	lo, hi := wilsonInterval(0.36, 64)
	want := [][]string{
		{"m", "os12", "survival", "os", "12", "64", "0.36", formatNumber(lo), formatNumber(hi), "0.37", "0.36", "0.38"},
		{"m", "med", "median", "os", "NA", "64", "8.5", "6.5", "11.1", "8.47", "8.4", "8.5"},
		{"m", "cr", "share_entering", "cr", "NA", "64", "0.45"},
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
	writeScenarioMarkdown(&b, scenarioSummary(targetsResult()))
	for _, want := range []string{"### Published figures", "survival of `os` at 12 months", "8.50 (6.50–11.10) months", "share_entering of `cr`", "- `cr`: shrunk by design"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary.md lacks %q:\n%s", want, b.String())
		}
	}
	r := targetsResult()
	r.Targets = nil
	b.Reset()
	writeScenarioMarkdown(&b, scenarioSummary(r))
	if strings.Contains(b.String(), "Published figures") {
		t.Error("a model without targets got a targets table")
	}
}
