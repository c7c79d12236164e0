package model

import (
	"fmt"
	"math"
)

// Exponential is the constant-hazard distribution: h(t) = Rate, H(t) = Rate·t,
// S(t) = exp(-Rate·t), as R's stats::pexp(t, rate).
type Exponential struct {
	// Rate is the hazard, in events per model time unit: finite and > 0.
	Rate float64

	// badMedian records the median given to ExponentialFromMedian when it gave
	// no valid rate, so that Validate can name the argument the user wrote.
	badMedian  float64
	fromMedian bool
}

// ExponentialFromMedian returns the exponential distribution with the given
// median (in model time units): Rate = ln 2 / median. A median that is not a
// finite number > 0 (or so small that the rate overflows) gives a NaN rate, and
// Validate then reports "exponential median must be > 0 (got …)".
func ExponentialFromMedian(median float64) Exponential {
	rate := math.Ln2 / median
	if !(median > 0) || !(rate > 0) || math.IsInf(rate, 0) {
		return Exponential{Rate: math.NaN(), badMedian: median, fromMedian: true}
	}
	return Exponential{Rate: rate}
}

// Hazard returns Rate for t ≥ 0.
func (e Exponential) Hazard(t float64) float64 {
	if t < 0 {
		return 0
	}
	return e.Rate
}

// CumHazard returns Rate·t.
func (e Exponential) CumHazard(t float64) float64 {
	if t <= 0 {
		return 0
	}
	return e.Rate * t
}

// InvCumHazard returns y/Rate: the time at which H reaches y (Bender et al.
// 2005, Stat Med 24:1713, inversion of the cumulative hazard).
func (e Exponential) InvCumHazard(y float64) float64 {
	if y <= 0 {
		return 0
	}
	return y / e.Rate
}

// Survival returns exp(-Rate·t).
func (e Exponential) Survival(t float64) float64 { return survivalFromH(e.CumHazard(t)) }

// CDF returns 1 - exp(-Rate·t), computed as -expm1(-Rate·t).
func (e Exponential) CDF(t float64) float64 { return cdfFromH(e.CumHazard(t)) }

// Quantile returns -log(1-p)/Rate (+Inf at p = 1, NaN outside [0, 1]).
func (e Exponential) Quantile(p float64) float64 { return e.InvCumHazard(cumHazAtP(p)) }

// Mean returns 1/Rate.
func (e Exponential) Mean() float64 { return 1 / e.Rate }

// Validate reports a rate (or the median it came from) that is not finite and > 0.
func (e Exponential) Validate() error {
	if e.fromMedian {
		if e.badMedian > 0 && !math.IsInf(e.badMedian, 1) {
			return fmt.Errorf("exponential median %v is too small: the rate ln 2/median overflows", e.badMedian)
		}
		return fmt.Errorf("exponential median must be > 0 and finite (got %v)", e.badMedian)
	}
	return checkPositive("exponential", "rate", e.Rate)
}
