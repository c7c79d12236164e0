package sim

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// derivedPSA is alive → dead at rate h = base · exp(lhr), with base and lhr
// uncertain and h derived.
func derivedPSA() *model.Model {
	m := oneExitPSA(nil)
	m.Parameters = []model.Parameter{
		{Name: "base", Value: 0.1, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncGamma, A: 25, B: 250}},
		{Name: "lhr", Value: -0.3, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncNormal, A: -0.3, B: 0.2}},
		{Name: "h", Expr: "base * exp(lhr)", Source: "test"},
	}
	return m
}

// TestPSADerivedFollowsItsInputs: in every draw, the derived parameter's
// value is its expression of that draw's inputs, bit for bit, and the draw's
// figures are those of a model with that value written as a number.
func TestPSADerivedFollowsItsInputs(t *testing.T) {
	m := derivedPSA()
	const draws = 50
	psa, err := RunPSA(context.Background(), m, draws, Options{Patients: 2000, Seed: 5, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	ib, il, ih := slices.Index(psa.Parameters, "base"), slices.Index(psa.Parameters, "lhr"), slices.Index(psa.Parameters, "h")
	if ib < 0 || il < 0 || ih < 0 {
		t.Fatalf("PSA parameters %v lack base, lhr or h", psa.Parameters)
	}
	distinct := map[float64]bool{}
	for d, s := range psa.Samples {
		want := s.Values[ib] * math.Exp(s.Values[il])
		if s.Values[ih] != want {
			t.Fatalf("draw %d: h = %v, want base·exp(lhr) = %v", d+1, s.Values[ih], want)
		}
		distinct[s.Values[ih]] = true
	}
	if len(distinct) < draws {
		t.Errorf("h took %d distinct values in %d draws: it does not follow its inputs", len(distinct), draws)
	}
	// Draw 7 again, with h written as the number it took.
	lit := oneExitPSA(nil)
	lit.Parameters[0].Value = psa.Samples[6].Values[ih]
	r, err := Run(context.Background(), mustCompile(t, lit)[0], Options{Patients: 2000, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := psa.Samples[6].Endpoints[0].Landmarks[0], r.Endpoints[0].Landmarks[0].Value; got != want {
		t.Errorf("draw 7: S(12) = %v, want %v as with h written as a number", got, want)
	}
}

// TestOneWayDerivedFollowsItsInputs: at each end of lhr's range, the outcome
// is that of the model with h = base·exp(end).
func TestOneWayDerivedFollowsItsInputs(t *testing.T) {
	m := derivedPSA()
	o := model.Outcome{Endpoint: "os", Measure: model.OutcomeSurvival, Time: 12}
	rs := Ranges(m)
	opts := Options{Patients: 2000, Seed: 2}
	ow, err := RunOneWay(context.Background(), m, o, rs, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range ow.Rows {
		if row.Parameter != "lhr" {
			continue
		}
		lit := oneExitPSA(nil)
		lit.Parameters[0].Value = 0.1 * math.Exp(row.Low)
		r, err := Run(context.Background(), mustCompile(t, lit)[0], opts)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := row.AtLow.Value, r.Endpoints[0].Landmarks[0].Value; got != want {
			t.Errorf("lhr at its low end: S(12) = %v, want %v (h = base·exp(low))", got, want)
		}
		return
	}
	t.Fatal("no row for lhr")
}
