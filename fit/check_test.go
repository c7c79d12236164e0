package fit

import (
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// TestCheck: a simulated value inside the study's interval (bounds
// included) passes; outside, not simulated, a median never reached and a
// target without any interval fail, the last two saying why.
func TestCheck(t *testing.T) {
	est := func(v float64) sim.Estimate { return sim.Estimate{Value: v, Lower: v, Upper: v} }
	surv := model.Target{Name: "s", Measure: model.MeasureSurvival, Endpoint: "os", Time: 12, Value: 0.453125, N: 64}
	lo, _ := ClopperPearson(29, 64, 0.95)
	med := model.Target{Name: "m", Measure: model.MeasureMedian, Endpoint: "os", Value: 8.5, N: 64, Lower: 6.5, Upper: 11.1}
	r := &sim.Result{Targets: []sim.TargetResult{
		{Target: surv, Simulated: est(0.5)},
		{Target: surv, Simulated: est(lo)},
		{Target: surv, Simulated: est(0.6)},
		{Target: surv, Simulated: est(math.NaN())},
		{Target: med, Simulated: est(11.1)},
		{Target: med, Simulated: est(math.Inf(1))},
		{Target: model.Target{Name: "x", Measure: model.MeasureSurvival, Value: 0.5}, Simulated: est(0.5)},
	}}
	rows := Check(r)
	want := []struct {
		inside bool
		why    string
	}{{true, ""}, {true, ""}, {false, ""}, {false, "not simulated"}, {true, ""}, {false, ""}, {false, "no study interval"}}
	for i, w := range want {
		if rows[i].Inside != w.inside || rows[i].Why != w.why {
			t.Errorf("row %d: inside %v (%q), want %v (%q)", i, rows[i].Inside, rows[i].Why, w.inside, w.why)
		}
	}
	if n := Outside(rows); n != 4 {
		t.Errorf("Outside = %d, want 4", n)
	}
}
