package fit

import (
	"math"

	"github.com/blinasim/blinasim/model"
	"gonum.org/v1/gonum/stat/distuv"
)

// z95 is the standard normal 0.975 quantile.
const z95 = 1.959963984540054

// Method says where a published interval comes from.
type Method string

// The sources of a published 95% interval.
const (
	FromFile   Method = "published"   // the target's lower and upper
	FromExact  Method = "exact"       // Clopper-Pearson from value and n
	FromApprox Method = "approximate" // a median's, from n (see MedianSE)
	FromNone   Method = "none"        // neither an interval nor n
)

// Published is a target's published value with the study's 95% interval.
type Published struct {
	Value, Lower, Upper float64 // Lower and Upper are NaN when Method is FromNone
	Method              Method
}

// PublishedInterval returns the study's 95% interval of a target: the file's
// lower and upper if given; else, with a sample size n, for a proportion the
// exact binomial interval of round(value·n) of n, and for a median
// value·exp(±1.96·MedianSE(n)).
func PublishedInterval(t model.Target) Published {
	p := Published{Value: t.Value, Lower: math.NaN(), Upper: math.NaN(), Method: FromNone}
	switch {
	case t.Lower != 0 || t.Upper != 0:
		p.Lower, p.Upper, p.Method = t.Lower, t.Upper, FromFile
	case t.N <= 0:
	case t.Measure == model.MeasureMedian:
		se := MedianSE(t.N)
		p.Lower, p.Upper, p.Method = t.Value*math.Exp(-z95*se), t.Value*math.Exp(z95*se), FromApprox
	default:
		x := int(math.Round(t.Value * float64(t.N)))
		p.Lower, p.Upper = ClopperPearson(x, t.N, 0.95)
		p.Method = FromExact
	}
	return p
}

// ClopperPearson returns the exact (Clopper & Pearson 1934) interval of a
// binomial proportion, x successes of n, at the given confidence level: the
// α/2 quantile of Beta(x, n − x + 1) and the 1 − α/2 quantile of
// Beta(x + 1, n − x), with 0 for x = 0 and 1 for x = n; as R's binom.test. It
// panics unless 0 ≤ x ≤ n, n ≥ 1 and 0 < level < 1 (programmer errors).
func ClopperPearson(x, n int, level float64) (lo, hi float64) {
	if !(0 <= x && x <= n && n >= 1 && level > 0 && level < 1) {
		panic("fit: ClopperPearson needs 0 ≤ x ≤ n, n ≥ 1 and a level in (0, 1)")
	}
	a := (1 - level) / 2
	lo, hi = 0, 1
	if x > 0 {
		lo = distuv.Beta{Alpha: float64(x), Beta: float64(n - x + 1)}.Quantile(a)
	}
	if x < n {
		hi = distuv.Beta{Alpha: float64(x + 1), Beta: float64(n - x)}.Quantile(1 - a)
	}
	return lo, hi
}

// MedianSE is the approximate standard error of the log of a median survival
// time estimated from n patients: 1/(ln 2·√n), the asymptotic standard error
// of the sample median of exponential times without censoring (its variance
// 1/(4n·f(m)²) with density f(m) = λ/2 at the median m = ln 2/λ, on the log
// scale). It does not depend on the rate, and is close to the exponential
// model's 1/√d with d = n/2 events by the median (1.44/√n against 1.41/√n).
// Censoring widens the real interval, so a published one is preferred.
func MedianSE(n int) float64 {
	return 1 / (math.Ln2 * math.Sqrt(float64(n)))
}
