package fit

import (
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// TestVerdict: a target with the study interval [0.30, 0.50] (published) is
// inside or outside only when the simulated Monte Carlo interval lies wholly
// on one side of each bound; else borderline.
func TestVerdict(t *testing.T) {
	tg := model.Target{Name: "s12", Measure: model.MeasureSurvival, Endpoint: "os", Time: 12, Value: 0.4, Lower: 0.30, Upper: 0.50}
	cases := []struct {
		v, lo, hi float64
		want      string
	}{
		{0.40, 0.39, 0.41, VerdictInside},
		{0.31, 0.29, 0.33, VerdictBorderline},  // point inside, interval crosses the lower bound
		{0.29, 0.28, 0.305, VerdictBorderline}, // point outside, interval crosses it
		{0.49, 0.48, 0.52, VerdictBorderline},  // crosses the upper bound
		{0.25, 0.24, 0.26, VerdictOutside},
		{0.55, 0.54, 0.56, VerdictOutside},
	}
	for _, c := range cases {
		row := CheckTarget(tg, sim.Estimate{Value: c.v, Lower: c.lo, Upper: c.hi})
		if got := row.Verdict(); got != c.want {
			t.Errorf("simulated %v (%v, %v): %q, want %q", c.v, c.lo, c.hi, got, c.want)
		}
	}
	rows := []Row{CheckTarget(tg, sim.Estimate{Value: 0.31, Lower: 0.29, Upper: 0.33}), CheckTarget(tg, sim.Estimate{Value: 0.25, Lower: 0.24, Upper: 0.26})}
	if o, b := Counts(rows); o != 1 || b != 1 {
		t.Errorf("Counts = %d outside, %d borderline; want 1, 1", o, b)
	}
}
