package model

import (
	"math"
	"testing"
)

// The distributions the identity, sampling, allocation and benchmark tests
// run over: every continuous family (some twice, to reach both sides of a shape
// threshold), the defective ones, and each wrapped in a cure fraction of 0.2.
// Fixed, whose cumulative hazard is a step, has tests of its own.

type distCase struct {
	name string
	d    Distribution
	// tmax is a time beyond which S is negligible or has reached its plateau,
	// to bound the grids; the identity tests use points where S(t) ≥ 1e-9.
	tmax float64
}

// cureFraction is the cure fraction the wrapped cases use.
const cureFraction = 0.2

func baseDistCases() []distCase {
	return []distCase{
		{"exponential", Exponential{Rate: 0.1}, 300},
		{"exponential-median", ExponentialFromMedian(6), 300},
		{"weibull-rising", Weibull{Shape: 1.3, Scale: 4}, 100},
		{"weibull-falling", Weibull{Shape: 0.6, Scale: 10}, 5000},
		{"gompertz", Gompertz{Shape: 0.1, Rate: 0.02}, 100},
		{"gompertz-zero-shape", Gompertz{Shape: 0, Rate: 0.1}, 300},
		{"gompertz-negative", Gompertz{Shape: -0.2, Rate: 0.3}, 200},
		{"lognormal", LogNormal{MeanLog: 1.5, SdLog: 0.8}, 1e4},
		{"loglogistic", LogLogistic{Shape: 2.5, Scale: 6}, 1e5},
		{"loglogistic-falling", LogLogistic{Shape: 0.8, Scale: 3}, 1e9},
		{"gamma", Gamma{Shape: 2.5, Rate: 0.4}, 100},
		{"gamma-small-shape", Gamma{Shape: 0.5, Rate: 0.2}, 200},
		{"piecewise", Piecewise{Breaks: []float64{0, 3, 12}, Rates: []float64{0.05, 0.2, 0.1}}, 300},
		{"piecewise-zero-piece", Piecewise{Breaks: []float64{0, 2, 5}, Rates: []float64{0.3, 0, 0.1}}, 300},
		{"piecewise-defective", Piecewise{Breaks: []float64{0, 6}, Rates: []float64{0.25, 0}}, 100},
	}
}

// distCases returns the base cases and each wrapped in Cure{0.2, base}.
func distCases() []distCase {
	base := baseDistCases()
	out := append([]distCase(nil), base...)
	for _, c := range base {
		out = append(out, distCase{"cure-" + c.name, Cure{Fraction: cureFraction, Base: c.d}, c.tmax})
	}
	return out
}

// everyDist returns every distribution type, Fixed and Cure of Fixed included,
// for the allocation test and the benchmarks.
func everyDist() []distCase {
	return append(distCases(),
		distCase{"fixed", Fixed{Duration: 3}, 10},
		distCase{"cure-fixed", Cure{Fraction: cureFraction, Base: Fixed{Duration: 3}}, 10},
	)
}

// plateau returns S(∞) = exp(-H(∞)), the probability the event never happens,
// for the defective cases (0 for the others), from each family's closed form.
func plateau(d Distribution) float64 {
	switch d := d.(type) {
	case Cure:
		return d.Fraction + (1-d.Fraction)*plateau(d.Base)
	case Gompertz:
		if d.Shape < 0 {
			return math.Exp(d.Rate / d.Shape) // H(∞) = Rate/(-Shape)
		}
	case Piecewise:
		last := len(d.Rates) - 1
		if d.Rates[last] == 0 {
			return math.Exp(-d.CumHazard(d.Breaks[last]))
		}
	}
	return 0
}

// timeGrid returns n times from lo to hi, evenly spaced on the log scale.
func timeGrid(lo, hi float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = lo * math.Pow(hi/lo, float64(i)/float64(n-1))
	}
	return out
}

// relErr returns |got - want| / |want| (|got| when want = 0): 0 when they are
// equal (infinities included), +Inf when want is infinite and got is not, NaN
// when either is NaN, so that a check written !(relErr(…) <= tol) fails then.
func relErr(got, want float64) float64 {
	switch {
	case got == want:
		return 0
	case math.IsInf(want, 0):
		return math.Inf(1)
	case want == 0:
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

func TestDistCasesValid(t *testing.T) {
	for _, c := range everyDist() {
		if err := c.d.Validate(); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
