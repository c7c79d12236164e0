package sim

import (
	"context"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestComparePSAAgainstExact: the base has one exponential death hazard λ ~
// Gamma(20, 1000) (mean 0.02/month); the scenario halves it (hr 0.5). In draw
// d both use the same λ_d (keyed by name) and the same patients, so the
// simulated ΔS(12) of each draw is e^(−6λ_d) − e^(−12λ_d) up to the paired
// Monte Carlo error √((|Δ| − Δ²)/n): with hr < 1 every patient who dies in the
// scenario dies earlier in the base, so the discordant share is |Δ|. The
// band of the simulated differences matches the band of the exact ones
// within 4 such SEs, and every draw favours the scenario.
func TestComparePSAAgainstExact(t *testing.T) {
	unc := &model.Uncertainty{Family: model.UncGamma, A: 20, B: 1000}
	base := oneExitPSA(unc)
	scen := oneExitPSA(unc)
	scen.States[0].Exits[0].HazardRatio = q(0.5)
	const draws, n = 100, 20_000
	opts := Options{Patients: n, Seed: 11}
	pb, err := RunPSA(context.Background(), base, draws, opts)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := RunPSA(context.Background(), scen, draws, opts)
	if err != nil {
		t.Fatal(err)
	}
	c := ComparePSA(pb, ps)
	if c == nil || len(c.Endpoints) != 1 || len(c.Endpoints[0].Landmarks) != 1 {
		t.Fatalf("comparison %+v: want one endpoint with one landmark", c)
	}
	exact := make([]float64, draws)
	for d, s := range pb.Samples {
		lam := s.Values[0]
		if ps.Samples[d].Values[0] != lam {
			t.Fatalf("draw %d: base λ %v, scenario λ %v: draws must be paired", d+1, lam, ps.Samples[d].Values[0])
		}
		exact[d] = math.Exp(-6*lam) - math.Exp(-12*lam)
		got := ps.Samples[d].Endpoints[0].Landmarks[0] - s.Endpoints[0].Landmarks[0]
		within(t, "draw ΔS(12)", got, exact[d], math.Sqrt((exact[d]-exact[d]*exact[d])/n), 4)
	}
	want := bandOf(exact)
	got := c.Endpoints[0].Landmarks[0]
	se := math.Sqrt((want.Median - want.Median*want.Median) / n)
	within(t, "ΔS(12) band median", got.Median, want.Median, se, 4)
	within(t, "ΔS(12) band lower", got.Lower, want.Lower, se, 4)
	within(t, "ΔS(12) band upper", got.Upper, want.Upper, se, 4)
	if got.Positive != 1 {
		t.Errorf("share of draws favouring the scenario %v, want 1 (hr 0.5 in every draw)", got.Positive)
	}
	if r := c.Endpoints[0].RMST; !(r.Lower > 0) || r.Positive != 1 {
		t.Errorf("ΔRMST band %+v: want positive in every draw", r)
	}

	// The same analysis against itself differs by exactly 0 in every figure.
	self := ComparePSA(pb, pb)
	for _, b := range []PSABandShare{self.Endpoints[0].Landmarks[0].PSABandShare, self.Endpoints[0].RMST} {
		if b.Median != 0 || b.Lower != 0 || b.Upper != 0 || b.Positive != 0 {
			t.Errorf("self-comparison %+v, want exactly 0", b)
		}
	}
	if ComparePSA(pb, nil) != nil {
		t.Error("comparing with a missing analysis must give nil")
	}
}
