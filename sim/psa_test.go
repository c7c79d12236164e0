package sim

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// oneExitPSA is alive → dead at a rate with a gamma uncertainty.
func oneExitPSA(unc *model.Uncertainty) *model.Model {
	return &model.Model{Name: "psa", Unit: model.Month, Horizon: 24, Landmarks: []float64{12},
		Parameters: []model.Parameter{{Name: "h", Value: 0.1, Source: "test", Uncertainty: unc}},
		States: []model.State{
			{Name: "alive", Initial: model.Num(1), Exits: []model.Exit{{To: "dead", Dist: model.DistSpec{Family: model.FamExponential, Rate: &model.Quantity{Param: "h"}}}}},
			{Name: "dead"}}}
}

// TestPSABandIsTheParameterBand: with a constant hazard λ ~ Gamma(25, 250)
// (mean 0.1), S(12) = e^(−12λ) is monotone in λ, so its 2.5, 50 and 97.5
// percentiles across draws are e^(−12·q) at λ's 97.5, 50 and 2.5 percentiles.
// With 400 draws each percentile is estimated with SE √(p(1−p)/400)/f(q)
// (f the density of S(12) at q); each lies within 4 such SEs (plus the
// small Monte Carlo error of each draw's S(12), SE √(S(1−S)/n)).
func TestPSABandIsTheParameterBand(t *testing.T) {
	unc := &model.Uncertainty{Family: model.UncGamma, A: 25, B: 250}
	const draws, n = 400, 20_000
	psa, err := RunPSA(context.Background(), oneExitPSA(unc), draws, Options{Patients: n, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	lm := psa.Endpoints[0].Landmarks[0]
	for _, c := range []struct {
		name string
		got  float64
		p    float64 // percentile of S(12); λ's is 1 − p
	}{{"lower", lm.Lower, 0.025}, {"median", lm.Median, 0.5}, {"upper", lm.Upper, 0.975}} {
		lq := unc.Quantile(1 - c.p)
		s := math.Exp(-12 * lq)
		// density of S = e^(−12λ) at s: f_λ(λ)/|dS/dλ| = f_λ(λ)/(12 s)
		fl := math.Exp(25*math.Log(250) + 24*math.Log(lq) - 250*lq - lgamma(25))
		fs := fl / (12 * s)
		se := math.Hypot(math.Sqrt(c.p*(1-c.p)/draws)/fs, math.Sqrt(s*(1-s)/n))
		within(t, "S(12) "+c.name, c.got, s, se, 4)
	}
}

func lgamma(x float64) float64 { v, _ := math.Lgamma(x); return v }

// TestPSAWithoutUncertaintyCollapses: fixed parameters give every draw the
// base run, so each band is a point equal to the base figure.
func TestPSAWithoutUncertaintyCollapses(t *testing.T) {
	m := oneExitPSA(nil)
	psa, err := RunPSA(context.Background(), m, 5, Options{Patients: 5000, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	base := mustRun(t, m, Options{Patients: 5000, Seed: 9})
	b, e := psa.Endpoints[0].Landmarks[0].Band, base.Endpoints[0].Landmarks[0].Value
	if b.Lower != e || b.Median != e || b.Upper != e {
		t.Errorf("band %+v, want all %v", b, e)
	}
}

// TestDrawsAreKeyedAndValid: a draw is a pure function of (seed, draw,
// parameter); draw 0 is the base values; drawn branch probabilities that
// break a sum are an error naming the first draw that does, for any workers.
func TestDrawsAreKeyedAndValid(t *testing.T) {
	m := oneExitPSA(&model.Uncertainty{Family: model.UncGamma, A: 25, B: 250})
	if a, b := DrawValues(m, 1, 7)["h"], DrawValues(m, 1, 7)["h"]; a != b || a == 0.1 {
		t.Errorf("draw 7: %v then %v (base 0.1)", a, b)
	}
	if v := DrawValues(m, 1, 0)["h"]; v != 0.1 {
		t.Errorf("draw 0 = %v, want the base 0.1", v)
	}
	if DrawValues(m, 1, 7)["h"] == DrawValues(m, 2, 7)["h"] {
		t.Error("seeds 1 and 2 drew the same value")
	}
	two := &model.Model{Name: "b", Unit: model.Month, Horizon: 12,
		Parameters: []model.Parameter{{Name: "p", Value: 0.5, Source: "t", Uncertainty: &model.Uncertainty{Family: model.UncBeta, A: 50, B: 50}},
			{Name: "r", Value: 0.5, Source: "t", Uncertainty: &model.Uncertainty{Family: model.UncBeta, A: 50, B: 50}}},
		States: []model.State{{Name: "a", Initial: model.Num(1), Exits: []model.Exit{{Name: "x", Dist: model.DistSpec{Family: model.FamFixed, Duration: q(1)},
			Branch: []model.Destination{{To: "b", Prob: model.Ref("p")}, {To: "c", Prob: model.Ref("r")}}}}}, {Name: "b"}, {Name: "c"}}}
	for _, w := range []int{1, 3} {
		// Draw 1 already breaks the sum: the error names it whatever the workers.
		_, err := RunPSA(context.Background(), two, 10, Options{Patients: 100, Seed: 1, Workers: w})
		if err == nil || !strings.HasPrefix(err.Error(), "PSA draw 1: ") {
			t.Errorf("%d workers: independently drawn branch probabilities that do not sum to 1 gave %v, want an error naming draw 1", w, err)
		}
	}
}

// TestDrawsArePairedAcrossScenarios: a parameter's draw depends on its name,
// not its position, so a scenario that reorders or adds parameters draws the
// same values for the ones it shares with the base.
func TestDrawsArePairedAcrossScenarios(t *testing.T) {
	base := dirichletResponse()
	scen := dirichletResponse()
	extra := model.Parameter{Name: "h_cart", Value: 0.01, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncGamma, A: 4, B: 400}}
	scen.Parameters = append([]model.Parameter{extra}, scen.Parameters...)
	scen.Parameters[1], scen.Parameters[4] = scen.Parameters[4], scen.Parameters[1]
	for d := 1; d <= 5; d++ {
		b, s := DrawValues(base, 3, d), DrawValues(scen, 3, d)
		for name, v := range b {
			if s[name] != v {
				t.Errorf("draw %d: %s = %v in the scenario, %v in the base", d, name, s[name], v)
			}
		}
	}
}
