package sim

import (
	"context"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// tauOSModel has exponential death at rate lambda per month from time 0
// (nobody censored before the 60-month horizon) and overall survival with
// RMST window tau (0: the horizon).
func tauOSModel(name string, lambda, tau float64) *model.Model {
	rate := model.Num(lambda)
	return &model.Model{Name: name, Unit: model.Month, Horizon: 60, Landmarks: []float64{12},
		States: []model.State{
			{Name: "alive", Initial: model.Num(1), Exits: []model.Exit{{To: "death", Dist: model.DistSpec{Family: model.FamExponential, Rate: &rate}}}},
			{Name: "death"},
		},
		Endpoints: []model.Endpoint{{Name: "os", Events: []string{"death"}, Tau: tau}},
	}
}

// TestPairsUseTau: the paired per-patient differences min(T₁, τ) − min(T₀, τ)
// use the endpoint's τ = 36, not the horizon: without censoring their mean
// is the difference of the two Kaplan-Meier RMSTs to 36 up to the bins'
// linear interpolation (within 0.01 month; to 60 the difference would be
// about 3.6 months larger, (1 − e^(−1.2))/0.02 − (1 − e^(−1.8))/0.03 against
// the same at 36). A scenario whose τ differs (48) is neither paired nor
// given an RMST difference.
func TestPairsUseTau(t *testing.T) {
	progs := mustCompile(t, tauOSModel("base", 0.03, 36), tauOSModel("lower", 0.02, 36), tauOSModel("other", 0.02, 48))
	tl, err := SimulateScenarios(context.Background(), progs, Options{Patients: 20_000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	res, comps := tl.Results()
	for i, want := range []float64{36, 36, 48} {
		if got := res[i].Endpoints[0].Tau; got != want {
			t.Errorf("scenario %d: os τ %v, want %v", i, got, want)
		}
	}
	pa := tl.pairs[0]
	if len(pa.eps) != 1 || pa.eps[0].name != "os" || pa.eps[0].tau != 36 {
		t.Fatalf("pairs of base and lower: %+v, want os with τ = 36", pa.eps)
	}
	mean := (pa.dPos[0].float() - pa.dNeg[0].float()) / float64(pa.n) / pa.tickScale
	diff := res[1].Endpoints[0].RMST.Value - res[0].Endpoints[0].RMST.Value
	if math.Abs(mean-diff) > 0.01 {
		t.Errorf("mean paired difference %.5g, difference of the RMSTs to 36 %.5g", mean, diff)
	}
	if d := comps[0].Endpoints[0].RMST; !d.Paired || math.Abs(d.Value-diff) > 1e-12 {
		t.Errorf("ΔRMST of lower: %+v, want paired, %v", d, diff)
	}
	if len(tl.pairs[1].eps) != 0 {
		t.Errorf("base (τ 36) and other (τ 48) paired: %+v", tl.pairs[1].eps)
	}
	if d := comps[1].Endpoints[0].RMST; d.Paired || !math.IsNaN(d.Value) || !math.IsNaN(d.Unpaired.Value) {
		t.Errorf("ΔRMST of other (a different τ): %+v, want none (NaN)", d)
	}
}
