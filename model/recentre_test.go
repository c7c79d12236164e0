package model

import (
	"math"
	"testing"
)

// TestRecentred: the moved distribution's centre is the value (mean, or the
// median of a log-normal) within the 4-figure rounding, and its spread is the
// one stated (a + b, shape, sdlog, sd, width).
func TestRecentred(t *testing.T) {
	median := func(u Uncertainty) float64 { return u.Quantile(0.5) }
	mean := func(u Uncertainty) float64 { return u.Mean() }
	for _, c := range []struct {
		name   string
		u      Uncertainty
		v      float64
		centre func(Uncertainty) float64
		spread func(Uncertainty) float64
		want   Uncertainty // exact, from the rule by hand
	}{
		// The default study's h_death_refractory: Gamma(30, 182.4), fitted 0.1576: rate 30/0.1576 = 190.355.
		{"gamma", Uncertainty{Family: UncGamma, A: 30, B: 182.4}, 0.1576, mean,
			func(u Uncertainty) float64 { return u.A }, Uncertainty{Family: UncGamma, A: 30, B: 190.4}},
		// Beta(13.5, 16.5), 30 patients' worth, fitted 0.6257: a = 18.771, b = 11.229.
		{"beta", Uncertainty{Family: UncBeta, A: 13.5, B: 16.5}, 0.6257, mean,
			func(u Uncertainty) float64 { return u.A + u.B }, Uncertainty{Family: UncBeta, A: 18.77, B: 11.23}},
		// Log-normal(1.42, 0.25) to a median of 3: meanlog log 3 = 1.0986.
		{"lognormal", Uncertainty{Family: UncLogNormal, A: 1.42, B: 0.25}, 3, median,
			func(u Uncertainty) float64 { return u.B }, Uncertainty{Family: UncLogNormal, A: 1.099, B: 0.25}},
		{"normal", Uncertainty{Family: UncNormal, A: 0, B: 2}, 1.5, mean,
			func(u Uncertainty) float64 { return u.B }, Uncertainty{Family: UncNormal, A: 1.5, B: 2}},
		{"uniform", Uncertainty{Family: UncUniform, A: 1, B: 3}, 5, mean,
			func(u Uncertainty) float64 { return u.B - u.A }, Uncertainty{Family: UncUniform, A: 4, B: 6}},
	} {
		r, ok := c.u.Recentred(c.v)
		if !ok {
			t.Errorf("%s: not re-centred", c.name)
			continue
		}
		if r != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, r, c.want)
		}
		if got := c.centre(r); math.Abs(got/c.v-1) > 5e-4 {
			t.Errorf("%s: centre %v, want %v within the rounding (0.05%%)", c.name, got, c.v)
		}
		if got, want := c.spread(r), c.spread(c.u); math.Abs(got/want-1) > 5e-4 {
			t.Errorf("%s: spread %v, want %v kept", c.name, got, want)
		}
	}
	for _, c := range []struct {
		name string
		u    Uncertainty
		v    float64
	}{
		{"beta outside (0, 1)", Uncertainty{Family: UncBeta, A: 2, B: 3}, 1},
		{"gamma at 0", Uncertainty{Family: UncGamma, A: 2, B: 3}, 0},
		{"lognormal negative", Uncertainty{Family: UncLogNormal, A: 0, B: 1}, -1},
		{"fixed", Uncertainty{Family: UncFixed}, 1},
		{"dirichlet", Uncertainty{Family: UncDirichlet, A: 3, Group: "arm"}, 0.3},
		{"NaN", Uncertainty{Family: UncNormal, A: 0, B: 1}, math.NaN()},
	} {
		if r, ok := c.u.Recentred(c.v); ok || r != c.u {
			t.Errorf("%s: re-centred to %+v, want it left as it is", c.name, r)
		}
	}
}
