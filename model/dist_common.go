package model

import (
	"fmt"
	"math"
)

// Helpers shared by the time-to-event distributions: the quantile through the
// inverse cumulative hazard, survival and CDF from H without cancellation, the
// argument checks behind every Validate, and two cancellation-free ratios.
//
// The distributions' methods assume Validate has passed: with parameters it
// rejects they return meaningless numbers (NaN where that is cheap to detect),
// and a Cure without a Base panics, as a nil interface would.

// cumHazAtP returns y = -log(1-p), the cumulative hazard at which F reaches p:
// F(t) ≥ p ⇔ S(t) ≤ 1-p ⇔ H(t) ≥ y, so every Quantile(p) is InvCumHazard(y),
// +Inf when p exceeds the probability that the event ever happens. It is NaN
// for p outside [0, 1], and every InvCumHazard returns NaN for a NaN y.
func cumHazAtP(p float64) float64 {
	if !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	return -math.Log1p(-p)
}

// survivalFromH returns S = exp(-H); an absolute error δ in H gives a relative
// error δ in S.
func survivalFromH(h float64) float64 { return math.Exp(-h) }

// cdfFromH returns F = 1 - exp(-H) = -expm1(-H), accurate to a relative
// rounding error even when H is tiny.
func cdfFromH(h float64) float64 { return -math.Expm1(-h) }

// expm1x returns expm1(x)/x, with its limit 1 at x = 0, accurate to a few ulps
// for every x (no cancellation: expm1 is accurate near 0).
func expm1x(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Expm1(x) / x
}

// log1px returns log1p(x)/x, with its limit 1 at x = 0, for x > -1.
func log1px(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Log1p(x) / x
}

// checkPositive reports a parameter that is not a finite number > 0, naming
// the family, the argument and the value, e.g. "weibull shape must be > 0 (got -1)".
func checkPositive(family, arg string, v float64) error {
	switch {
	case !(v > 0):
		return fmt.Errorf("%s %s must be > 0 (got %v)", family, arg, v)
	case math.IsInf(v, 1):
		return fmt.Errorf("%s %s must be finite and > 0 (got %v)", family, arg, v)
	}
	return nil
}

// checkNonNegative reports a parameter that is not a finite number ≥ 0.
func checkNonNegative(family, arg string, v float64) error {
	switch {
	case !(v >= 0):
		return fmt.Errorf("%s %s must be ≥ 0 (got %v)", family, arg, v)
	case math.IsInf(v, 1):
		return fmt.Errorf("%s %s must be finite and ≥ 0 (got %v)", family, arg, v)
	}
	return nil
}

// checkFinite reports a parameter that is NaN or infinite (one that may take
// any real value, as a Gompertz shape or a log-normal meanlog may).
func checkFinite(family, arg string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%s %s must be a finite number (got %v)", family, arg, v)
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
