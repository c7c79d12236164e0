package sim

import (
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestShareEnteringByTime checks share-entering targets against closed forms:
// from `well`, sickness at rate a competes with death at rate b, so the share
// entering `sick` by t is a/(a+b)·(1 − e^{−(a+b)t}); without a time it is the
// same by the horizon; the starting state counts from time 0; a time past the
// horizon is not simulated.
func TestShareEnteringByTime(t *testing.T) {
	const a, b, horizon, n = 0.2, 0.1, 24.0, 200_000
	m := &model.Model{Name: "m", Unit: model.Month, Horizon: horizon, States: []model.State{
		{Name: "well", Initial: model.Num(1), Exits: []model.Exit{expExit("sick", a), expExit("dead", b)}},
		{Name: "sick", Exits: []model.Exit{expExit("dead", 0.5)}},
		{Name: "dead"},
	}}
	target := func(name, state string, time float64) model.Target {
		return model.Target{Name: name, Measure: model.MeasureShareEntering, State: state, Time: time, Value: 0.5, N: 10, Source: "test"}
	}
	m.Targets = []model.Target{target("sick_by_3", "sick", 3), target("sick_by_12", "sick", 12), target("sick_ever", "sick", 0),
		target("well_by_1", "well", 1), target("sick_by_30", "sick", 30), target("sick_by_horizon", "sick", horizon)}
	r := mustRun(t, m, Options{Patients: n, Seed: 11})
	share := func(t float64) float64 { return a / (a + b) * (1 - math.Exp(-(a+b)*t)) }
	for i, want := range []float64{share(3), share(12), share(horizon), 1, math.NaN(), share(horizon)} {
		got := r.Targets[i].Simulated
		if math.IsNaN(want) {
			if !math.IsNaN(got.Value) {
				t.Errorf("%s: got %v, want NaN (past the horizon)", m.Targets[i].Name, got.Value)
			}
			continue
		}
		within(t, m.Targets[i].Name, got.Value, want, math.Sqrt(want*(1-want)/n), 4)
		if !(got.Lower <= got.Value && got.Value <= got.Upper) {
			t.Errorf("%s: interval %v-%v does not hold %v", m.Targets[i].Name, got.Lower, got.Upper, got.Value)
		}
	}
	if r.Targets[2].Simulated != r.Targets[5].Simulated {
		t.Errorf("by the horizon %+v differs from ever %+v", r.Targets[5].Simulated, r.Targets[2].Simulated)
	}
}
