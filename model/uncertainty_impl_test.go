package model

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

func TestUncertaintyValidate(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		name string
		u    Uncertainty
		want string // substring of the message; "" for valid
	}{
		{"beta from counts", BetaFromCounts(29, 64), ""},
		{"beta", Uncertainty{Family: UncBeta, A: 0.5, B: 0.5}, ""},
		{"gamma", Uncertainty{Family: UncGamma, A: 4, B: 2}, ""},
		{"lognormal", Uncertainty{Family: UncLogNormal, A: -1, B: 0.2}, ""},
		{"normal", Uncertainty{Family: UncNormal, A: -5, B: 2}, ""},
		{"uniform", Uncertainty{Family: UncUniform, A: 2, B: 6}, ""},
		{"fixed ignores A and B", Uncertainty{Family: UncFixed, A: nan, B: -1}, ""},
		{"empty family", Uncertainty{}, `unknown uncertainty distribution "" (allowed: beta, dirichlet, fixed, gamma, lognormal, normal, sample, uniform)`},
		{"unknown family", Uncertainty{Family: "weibull", A: 1, B: 1}, `unknown uncertainty distribution "weibull"`},
		{"more events than patients", BetaFromCounts(70, 64), "beta b must be > 0 (got -6) (from counts x of n: a = x, b = n - x, so 0 < x < n)"},
		{"negative count", BetaFromCounts(-1, 10), "beta a must be > 0 (got -1)"},
		{"no events", BetaFromCounts(0, 10), "beta a must be > 0 (got 0)"},
		{"NaN count", BetaFromCounts(nan, 10), "beta a must be > 0 (got NaN)"},
		{"gamma zero shape", Uncertainty{Family: UncGamma, B: 2}, "gamma shape must be > 0 (got 0)"},
		{"gamma infinite rate", Uncertainty{Family: UncGamma, A: 1, B: inf}, "gamma rate must be finite and > 0 (got +Inf)"},
		{"lognormal zero sdlog", Uncertainty{Family: UncLogNormal, A: 1}, "lognormal sdlog must be > 0 (got 0)"},
		{"normal NaN mean", Uncertainty{Family: UncNormal, A: nan, B: 1}, "normal mean must be a finite number (got NaN)"},
		{"normal negative sd", Uncertainty{Family: UncNormal, A: 1, B: -1}, "normal sd must be > 0 (got -1)"},
		{"uniform reversed", Uncertainty{Family: UncUniform, A: 6, B: 2}, "uniform min must be < max (got min 6, max 2)"},
		{"uniform infinite", Uncertainty{Family: UncUniform, A: 0, B: inf}, "uniform max must be a finite number (got +Inf)"},
		{"dirichlet", Uncertainty{Family: UncDirichlet, A: 12, Group: "response"}, ""},
		{"dirichlet zero count", Uncertainty{Family: UncDirichlet, Group: "response"}, "dirichlet a must be > 0 (got 0) (from counts: a = the arm's count x)"},
		{"dirichlet without group", Uncertainty{Family: UncDirichlet, A: 3}, `dirichlet group "" must be a name`},
		{"dirichlet bad group", Uncertainty{Family: UncDirichlet, A: 3, Group: "Response"}, `dirichlet group "Response" must be a name matching [a-z][a-z0-9_]*`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.u.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tc.want != "" && err == nil:
				t.Errorf("Validate() = nil, want an error containing %q", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Errorf("Validate() = %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestUncertaintyQuantileKnownValues(t *testing.T) {
	// qnorm(0.975) = 1.959963984540054 (R); the beta values are roots of
	// I_x(29, 35) = p found with mpmath at 30 digits.
	const z975 = 1.959963984540054
	for _, tc := range []struct {
		r         string
		got, want float64
	}{
		{"qbeta(0.025, 29, 35)", BetaFromCounts(29, 64).Quantile(0.025), 0.33391433796630239},
		{"qbeta(0.5, 29, 35)", BetaFromCounts(29, 64).Quantile(0.5), 0.45263369798429619},
		{"qnorm(0.025, 5, 2)", Uncertainty{Family: UncNormal, A: 5, B: 2}.Quantile(0.025), 5 - 2*z975},
		{"qlnorm(0.975, 0.1, 0.2)", Uncertainty{Family: UncLogNormal, A: 0.1, B: 0.2}.Quantile(0.975), math.Exp(0.1 + 0.2*z975)},
		{"qunif(0.25, 2, 6)", Uncertainty{Family: UncUniform, A: 2, B: 6}.Quantile(0.25), 3},
		{"qgamma(0, 4, 2)", Uncertainty{Family: UncGamma, A: 4, B: 2}.Quantile(0), 0},
	} {
		if e := relErr(tc.got, tc.want); !(e <= 1e-12) {
			t.Errorf("%s = %.17g, want %.17g (relative error %.3g)", tc.r, tc.got, tc.want, e)
		}
	}
}

func TestUncertaintyQuantileInvertsCDF(t *testing.T) {
	// CDF(Quantile(p)) = p, with the CDFs from gonum's mathext: the regularized
	// incomplete beta and gamma functions.
	beta := BetaFromCounts(29, 64)
	gam := Uncertainty{Family: UncGamma, A: 4, B: 2}
	for _, p := range []float64{1e-6, 0.025, 0.3, 0.5, 0.9, 0.975, 1 - 1e-6} {
		if got := mathext.RegIncBeta(29, 35, beta.Quantile(p)); !(relErr(got, p) <= 1e-10) {
			t.Errorf("beta: CDF(Quantile(%g)) = %.15g", p, got)
		}
		if got := mathext.GammaIncReg(4, 2*gam.Quantile(p)); !(relErr(got, p) <= 1e-9) {
			t.Errorf("gamma: CDF(Quantile(%g)) = %.15g", p, got)
		}
	}
}

func TestUncertaintyQuantileNaN(t *testing.T) {
	for _, tc := range []struct {
		name string
		u    Uncertainty
		p    float64
	}{
		{"fixed", Uncertainty{Family: UncFixed}, 0.5},
		{"p below 0", BetaFromCounts(29, 64), -0.1},
		{"p above 1", BetaFromCounts(29, 64), 1.1},
		{"p NaN", BetaFromCounts(29, 64), math.NaN()},
		{"invalid beta", BetaFromCounts(70, 64), 0.5},
		{"unknown family", Uncertainty{Family: "weibull", A: 1, B: 1}, 0.5},
		{"dirichlet component", Uncertainty{Family: UncDirichlet, A: 3, Group: "g"}, 0.5},
	} {
		if got := tc.u.Quantile(tc.p); !math.IsNaN(got) {
			t.Errorf("%s: Quantile(%g) = %g, want NaN", tc.name, tc.p, got)
		}
	}
}

func TestUncertaintyMean(t *testing.T) {
	for _, tc := range []struct {
		name      string
		u         Uncertainty
		want      float64
		wantIsNaN bool
	}{
		{"beta 29 of 64", BetaFromCounts(29, 64), 29.0 / 64, false},
		{"gamma shape/rate", Uncertainty{Family: UncGamma, A: 4, B: 2}, 2, false},
		{"lognormal exp(μ+σ²/2)", Uncertainty{Family: UncLogNormal, A: 0.1, B: 0.2}, math.Exp(0.1 + 0.02), false},
		{"normal", Uncertainty{Family: UncNormal, A: 5, B: 2}, 5, false},
		{"uniform midpoint", Uncertainty{Family: UncUniform, A: 2, B: 6}, 4, false},
		{"fixed", Uncertainty{Family: UncFixed}, 0, true},
		{"dirichlet component", Uncertainty{Family: UncDirichlet, A: 3, Group: "g"}, 0, true},
	} {
		got := tc.u.Mean()
		if tc.wantIsNaN != math.IsNaN(got) || (!tc.wantIsNaN && !(relErr(got, tc.want) <= 1e-15)) {
			t.Errorf("%s: Mean() = %.17g, want %.17g", tc.name, got, tc.want)
		}
	}
	if u := BetaFromCounts(29, 64); u != (Uncertainty{Family: UncBeta, A: 29, B: 35}) {
		t.Errorf("BetaFromCounts(29, 64) = %+v, want Beta(29, 35)", u)
	}
}
