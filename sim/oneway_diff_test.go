package sim

import (
	"context"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestOneWayDifferenceExact: base alive → dead at rate h ~ Gamma(25, 250),
// the scenario the same with hazard ratio 0.5. The difference in S(12) is
// exp(−6h) − exp(−12h); at h's base value and at each end of its range the
// analysis' difference lies within 4 of its paired SEs of the exact one, and
// the paired interval is narrower than the independent one would be.
func TestOneWayDifferenceExact(t *testing.T) {
	base, scen, o := halfHazardPair()
	const n = 20_000
	ow, err := RunOneWayDifference(context.Background(), base, scen, o, DiffRanges(base, scen), Options{Patients: n, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	exact := func(h float64) float64 { return math.Exp(-6*h) - math.Exp(-12*h) }
	if !ow.BasePaired || ow.Scenario != "half" {
		t.Errorf("paired %v, scenario %q", ow.BasePaired, ow.Scenario)
	}
	within(t, "difference at h = 0.1", ow.Base.Value, exact(0.1), ow.Base.SE, 4)
	// independent SE of the difference, for comparison: √(S₀(1−S₀)/n + S₁(1−S₁)/n)
	s0, s1 := math.Exp(-1.2), math.Exp(-0.6)
	if ind := math.Sqrt((s0*(1-s0) + s1*(1-s1)) / n); !(ow.Base.SE < 0.8*ind) {
		t.Errorf("paired SE %v not below the independent one %v", ow.Base.SE, ind)
	}
	if len(ow.Rows) != 1 {
		t.Fatalf("rows %v", ow.Rows)
	}
	r := ow.Rows[0]
	within(t, "difference at h low", r.AtLow.Value, exact(r.Low), r.AtLow.SE, 4)
	within(t, "difference at h high", r.AtHigh.Value, exact(r.High), r.AtHigh.SE, 4)
	if r.DiffLow.Value != r.AtLow.Value-ow.Base.Value {
		t.Errorf("change at low %v, want %v", r.DiffLow.Value, r.AtLow.Value-ow.Base.Value)
	}

	sw := model.Sweep{Name: "h", Axes: []model.SweepAxis{{Name: "h", Values: []float64{0.05, 0.2}}}}
	res, err := RunSweepDifference(context.Background(), base, scen, o, sw, Options{Patients: n, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range []float64{0.05, 0.2} {
		within(t, "sweep difference", res.At(i).Value, exact(h), res.At(i).SE, 4)
	}
}

// halfHazardPair is the base alive → dead at rate h ~ Gamma(25, 250), the
// scenario the same with hazard ratio 0.5, and the outcome S(12).
func halfHazardPair() (base, scen *model.Model, o model.Outcome) {
	base = oneExitPSA(&model.Uncertainty{Family: model.UncGamma, A: 25, B: 250})
	scen = oneExitPSA(&model.Uncertainty{Family: model.UncGamma, A: 25, B: 250})
	scen.Name = "half"
	hr := model.Num(0.5)
	scen.States[0].Exits[0].HazardRatio = &hr
	return base, scen, model.Outcome{Endpoint: "os", Measure: model.OutcomeSurvival, Time: 12}
}
