package model

import (
	"math"
	"strings"
	"testing"
)

func TestDistValidateRejects(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, tc := range []struct {
		name string
		d    Distribution
		want string // a substring of the message
	}{
		{"exponential negative rate", Exponential{Rate: -1}, "exponential rate must be > 0 (got -1)"},
		{"exponential zero rate", Exponential{}, "exponential rate must be > 0 (got 0)"},
		{"exponential infinite rate", Exponential{Rate: inf}, "exponential rate must be finite and > 0 (got +Inf)"},
		{"exponential zero median", ExponentialFromMedian(0), "exponential median must be > 0 and finite (got 0)"},
		{"exponential negative median", ExponentialFromMedian(-2), "exponential median must be > 0 and finite (got -2)"},
		{"exponential NaN median", ExponentialFromMedian(nan), "exponential median must be > 0 and finite (got NaN)"},
		{"exponential infinite median", ExponentialFromMedian(inf), "exponential median must be > 0 and finite (got +Inf)"},
		{"exponential tiny median", ExponentialFromMedian(5e-324), "exponential median 5e-324 is too small"},
		{"weibull negative shape", Weibull{Shape: -1, Scale: 4}, "weibull shape must be > 0 (got -1)"},
		{"weibull zero scale", Weibull{Shape: 1, Scale: 0}, "weibull scale must be > 0 (got 0)"},
		{"gompertz NaN shape", Gompertz{Shape: nan, Rate: 1}, "gompertz shape must be a finite number (got NaN)"},
		{"gompertz zero rate", Gompertz{Shape: 0.1}, "gompertz rate must be > 0 (got 0)"},
		{"lognormal infinite meanlog", LogNormal{MeanLog: inf, SdLog: 1}, "lognormal meanlog must be a finite number (got +Inf)"},
		{"lognormal negative sdlog", LogNormal{SdLog: -0.5}, "lognormal sdlog must be > 0 (got -0.5)"},
		{"loglogistic zero shape", LogLogistic{Scale: 1}, "loglogistic shape must be > 0 (got 0)"},
		{"loglogistic negative scale", LogLogistic{Shape: 1, Scale: -3}, "loglogistic scale must be > 0 (got -3)"},
		{"gamma zero shape", Gamma{Rate: 1}, "gamma shape must be > 0 (got 0)"},
		{"gamma NaN rate", Gamma{Shape: 1, Rate: nan}, "gamma rate must be > 0 (got NaN)"},
		{"piecewise empty", Piecewise{}, "piecewise needs at least one break and one rate (got 0 breaks, 0 rates)"},
		{"piecewise lengths", Piecewise{Breaks: []float64{0, 1}, Rates: []float64{0.1}}, "piecewise needs as many rates as breaks (got 2 breaks, 1 rates)"},
		{"piecewise first break", Piecewise{Breaks: []float64{1, 2}, Rates: []float64{0.1, 0.1}}, "piecewise breaks[0] must be 0 (got 1)"},
		{"piecewise repeated break", Piecewise{Breaks: []float64{0, 2, 2}, Rates: []float64{0.1, 0.1, 0.1}}, "piecewise breaks must be strictly increasing (got breaks[2] = 2 after breaks[1] = 2)"},
		{"piecewise infinite break", Piecewise{Breaks: []float64{0, inf}, Rates: []float64{0.1, 0.1}}, "piecewise breaks[1] must be finite (got +Inf)"},
		{"piecewise negative rate", Piecewise{Breaks: []float64{0, 1}, Rates: []float64{0.1, -0.2}}, "piecewise rates[1] must be ≥ 0 (got -0.2)"},
		{"fixed negative", Fixed{Duration: -1}, "fixed duration must be ≥ 0 (got -1)"},
		{"fixed infinite", Fixed{Duration: inf}, "fixed duration must be finite and ≥ 0 (got +Inf)"},
		{"cure fraction 1", Cure{Fraction: 1, Base: Weibull{Shape: 1, Scale: 1}}, "cure fraction must be in [0, 1) (got 1)"},
		{"cure negative fraction", Cure{Fraction: -0.1, Base: Weibull{Shape: 1, Scale: 1}}, "cure fraction must be in [0, 1) (got -0.1)"},
		{"cure without base", Cure{Fraction: 0.2}, "cure needs a base distribution"},
		{"cure bad base", Cure{Fraction: 0.2, Base: Weibull{Shape: -1, Scale: 1}}, "weibull shape must be > 0 (got -1)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.d.Validate()
			if err == nil {
				t.Fatalf("Validate() = nil, want an error containing %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate() = %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestDistValidateAccepts(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    Distribution
	}{
		{"gompertz negative shape (defective)", Gompertz{Shape: -0.5, Rate: 0.1}},
		{"gompertz zero shape", Gompertz{Rate: 0.1}},
		{"piecewise last rate 0 (defective)", Piecewise{Breaks: []float64{0, 1}, Rates: []float64{0.1, 0}}},
		{"piecewise single piece", Piecewise{Breaks: []float64{0}, Rates: []float64{0.1}}},
		{"fixed at 0", Fixed{}},
		{"cure fraction 0", Cure{Base: Exponential{Rate: 1}}},
		{"cure of a cure", Cure{Fraction: 0.1, Base: Cure{Fraction: 0.2, Base: Exponential{Rate: 1}}}},
		{"lognormal negative meanlog", LogNormal{MeanLog: -3, SdLog: 1}},
		{"exponential from median", ExponentialFromMedian(6)},
	} {
		if err := tc.d.Validate(); err != nil {
			t.Errorf("%s: Validate() = %v, want nil", tc.name, err)
		}
	}
}

func TestDistSpecBuildExponentialMedian(t *testing.T) {
	// The path a model file takes: DistSpec.Build calls ExponentialFromMedian.
	med := Num(6)
	d, err := DistSpec{Family: FamExponential, Median: &med}.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	// rate = log(2)/6: qexp(0.5, log(2)/6) = 6.
	if got := d.Quantile(0.5); !(relErr(got, 6) <= 1e-15) {
		t.Errorf("median of exponential(median = 6) = %.17g, want 6", got)
	}
	bad := Num(-2)
	_, err = DistSpec{Family: FamExponential, Median: &bad}.Build(nil)
	if err == nil || !strings.Contains(err.Error(), "exponential median must be > 0") {
		t.Errorf("Build with median -2: error %v, want one about the median", err)
	}
}
