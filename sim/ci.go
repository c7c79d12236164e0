package sim

import "math"

// Pointwise 95% intervals of probabilities (a Kaplan-Meier S(t), an
// Aalen-Johansen F(t), a proportion) that stay inside [0, 1] by construction,
// with no clipping, and have a positive width wherever the estimate is
// strictly between 0 and 1. They are exported so that other estimators (e.g.
// a Kaplan-Meier on the exact times of a simulated trial) report the same
// intervals as the engine. docs/intervals.md says which figure gets which.

// z95 is the standard normal 97.5% quantile.
const z95 = 1.959963984540054

// LogLogInterval returns the 95% interval of a probability p in (0, 1) with
// standard error se, on the log(−log p) scale, back-transformed:
//
//	[p^exp(+z·σ), p^exp(−z·σ)],  σ = se / (p·|log p|),
//
// the delta-method SE of log(−log p). For a Kaplan-Meier S with Greenwood's
// variance, se/S is the SE of log S and this is the log-log interval of
// Kalbfleisch & Prentice (1980) recommended by Borgan & Liestøl (1990)
// for small samples, R's survfit(conf.type = "log-log"). For an
// Aalen-Johansen F it is the log(−log F) interval of Choudhury (2002) and
// Pintilie (2006, ch. 4), survfit's multi-state interval with the same
// conf.type. For se > 0 the bounds lie below and above p, inside (0, 1)
// (a lower bound of 0 only by underflow, for p near 1e-300). It
// returns (p, p) when se = 0 and panics unless 0 < p < 1 (a programmer error:
// use SurvivalInterval or IncidenceInterval, which handle 0 and 1).
func LogLogInterval(p, se float64) (lo, hi float64) {
	if !(p > 0 && p < 1) {
		panic("sim: LogLogInterval needs 0 < p < 1")
	}
	lp := math.Log(p)
	sigma := se / (p * -lp)
	return math.Exp(lp * math.Exp(z95*sigma)), math.Exp(lp * math.Exp(-z95*sigma))
}

// NoEventBound is the exact 95% upper bound of the probability of an event
// that none of n patients had: 1 − 0.025^(1/n), the Clopper & Pearson (1934)
// bound for 0 of n (R: binom.test(0, n)$conf.int[2]). It is 1 for n = 0 (no
// information).
func NoEventBound(n int64) float64 {
	if n <= 0 {
		return 1
	}
	// −expm1(log(0.025)/n) keeps its precision for large n, where the bound
	// is tiny.
	return -math.Expm1(math.Log(0.025) / float64(n))
}

// SurvivalInterval returns the 95% interval of a survival probability s at a
// time t > 0 with standard error se (Greenwood's), where the status at t is
// known for n patients (all but those censored before t):
//
//   - 0 < s < 1: LogLogInterval(s, se) (should se be too small to give
//     the interval a width, the Wilson interval of s among n);
//   - s = 1 (no event yet): [1 − NoEventBound(n), 1], the exact interval
//     for no event among the n patients followed through t;
//   - s = 0 (every patient still followed had the event): [0,
//     NoEventBound(n)], the exact interval for n events of n.
//
// survfit gives [1, 1] before the first event and no interval at 0, intervals
// that miss every truth strictly inside (0, 1): with 25 patients and a true
// S(t) of 0.01, S = 0 is estimated 78% of the time. At t = 0 an endpoint with
// no event at time 0 has S(0) = 1 by definition: callers give it [1, 1].
func SurvivalInterval(s, se float64, n int64) (lo, hi float64) {
	switch {
	case s >= 1:
		return 1 - NoEventBound(n), 1
	case s <= 0:
		return 0, NoEventBound(n)
	}
	return logLogOrWilson(s, se, n)
}

// logLogOrWilson is LogLogInterval, or where a rounding-level variance
// leaves no width (a delta-method variance is a sum of terms of both signs)
// the Wilson interval of p among n, so that no interval between 0 and 1 is
// a point.
func logLogOrWilson(p, se float64, n int64) (lo, hi float64) {
	if lo, hi = LogLogInterval(p, se); lo < p && p < hi {
		return lo, hi
	}
	w := Proportion(p, int(max(n, 1)))
	return w.Lower, w.Upper
}

// IncidenceInterval returns the 95% interval of a cumulative incidence f at a
// time t > 0 with standard error se (the delta-method variance), where the
// event status at t is known for n patients (all but those censored before
// t), with the same rules as SurvivalInterval:
//
//   - 0 < f < 1: LogLogInterval(f, se), or Wilson where se gives no width;
//   - f = 0 (no event yet): [0, NoEventBound(n)];
//   - f = 1: [1 − NoEventBound(n), 1].
func IncidenceInterval(f, se float64, n int64) (lo, hi float64) {
	switch {
	case f <= 0:
		return 0, NoEventBound(n)
	case f >= 1:
		return 1 - NoEventBound(n), 1
	}
	return logLogOrWilson(f, se, n)
}

// wilson is a proportion k/n with the Wilson score 95% interval.
func wilson(k, n int64) Estimate {
	if n == 0 {
		return Estimate{Value: math.NaN(), SE: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}
	}
	return Proportion(float64(k)/float64(n), int(n))
}

// Proportion is a proportion p of n with the Wilson (1927) score 95%
// interval, which lies inside [0, 1] by construction and keeps its coverage
// near 0 and 1 (recommended by Brown, Cai & DasGupta 2001; R:
// prop.test(x, n, correct = FALSE)$conf.int). Its bounds
// are exactly 0 at p = 0 and 1 at p = 1 (there rounding could otherwise give
// −1e-17), and the width is positive for every n.
func Proportion(p float64, n int) Estimate {
	nf := float64(n)
	z2 := z95 * z95
	den := 1 + z2/nf
	mid := (p + z2/(2*nf)) / den
	half := z95 / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	e := Estimate{Value: p, SE: math.Sqrt(p * (1 - p) / nf), Lower: mid - half, Upper: mid + half}
	if p <= 0 {
		e.Lower = 0
	}
	if p >= 1 {
		e.Upper = 1
	}
	return e
}
