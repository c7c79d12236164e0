package model

import (
	"fmt"
	"math"
)

// Piecewise is the piecewise-constant (piecewise-exponential) hazard, as
// flexsurv::ppexp(t, rate, t = breaks): the hazard is Rates[i] on
// [Breaks[i], Breaks[i+1]), and the last rate applies from the last break on.
// A last rate of 0 makes the distribution defective: the event never happens
// with probability S(Breaks[last]).
//
// It is a value struct: the cumulative hazard at the breaks is summed on each
// call, which for the short break lists of survival models costs less than a
// lookup structure would and allocates nothing.
type Piecewise struct {
	// Breaks are the times, in model units, at which the hazard changes:
	// Breaks[0] = 0, strictly increasing, finite.
	Breaks []float64
	// Rates are the hazards, in events per model time unit, one per break:
	// finite and ≥ 0.
	Rates []float64
}

// piece returns the index of the piece holding t ≥ 0 (the last break ≤ t)
// and the cumulative hazard at its start, summing in the same order everywhere
// so that CumHazard and InvCumHazard agree to the last bit.
func (p Piecewise) piece(t float64) (int, float64) {
	cum := 0.0
	for i := 0; i+1 < len(p.Breaks); i++ {
		if t < p.Breaks[i+1] {
			return i, cum
		}
		cum += p.Rates[i] * (p.Breaks[i+1] - p.Breaks[i])
	}
	return len(p.Breaks) - 1, cum
}

// ok reports whether the lists can be read at all (Validate checks the rest).
func (p Piecewise) ok() bool { return len(p.Breaks) > 0 && len(p.Breaks) == len(p.Rates) }

// Hazard returns the rate of the piece holding t (right-continuous at breaks).
func (p Piecewise) Hazard(t float64) float64 {
	switch {
	case !p.ok():
		return math.NaN()
	case t < 0:
		return 0
	}
	i, _ := p.piece(t)
	return p.Rates[i]
}

// CumHazard returns the hazard integrated to t: the sum over whole pieces
// plus Rates[i]·(t - Breaks[i]) in the piece holding t.
func (p Piecewise) CumHazard(t float64) float64 {
	switch {
	case !p.ok():
		return math.NaN()
	case t <= 0:
		return 0
	}
	i, cum := p.piece(t)
	if p.Rates[i] == 0 {
		return cum // also at t = +Inf, where 0·Inf would be NaN
	}
	return cum + p.Rates[i]*(t-p.Breaks[i])
}

// InvCumHazard scans the pieces for the first whose end reaches y and returns
// Breaks[i] + (y - H(Breaks[i]))/Rates[i]; +Inf when the last rate is 0 and
// y ≥ H(∞) (inversion of the cumulative hazard: Bender et al. 2005, Stat Med
// 24:1713).
func (p Piecewise) InvCumHazard(y float64) float64 {
	switch {
	case math.IsNaN(y) || !p.ok():
		return math.NaN()
	case y <= 0:
		return 0
	}
	cum := 0.0
	last := len(p.Breaks) - 1
	for i := 0; i <= last; i++ {
		r := p.Rates[i]
		if i == last {
			if r > 0 {
				return p.Breaks[i] + (y-cum)/r
			}
			return math.Inf(1)
		}
		end := cum + r*(p.Breaks[i+1]-p.Breaks[i])
		if r > 0 && y <= end {
			return math.Min(p.Breaks[i]+(y-cum)/r, p.Breaks[i+1])
		}
		cum = end
	}
	return math.Inf(1)
}

// Survival returns exp(-H(t)).
func (p Piecewise) Survival(t float64) float64 { return survivalFromH(p.CumHazard(t)) }

// CDF returns -expm1(-H(t)).
func (p Piecewise) CDF(t float64) float64 { return cdfFromH(p.CumHazard(t)) }

// Quantile returns the smallest t with F(t) ≥ p; +Inf beyond the event's
// total probability when the last rate is 0.
func (p Piecewise) Quantile(q float64) float64 { return p.InvCumHazard(cumHazAtP(q)) }

// Mean returns Σᵢ S(Breaks[i])·(1 - e^{-Rates[i]·wᵢ})/Rates[i] over the pieces
// of width wᵢ (S(Breaks[i])·wᵢ where the rate is 0), the last piece giving
// S(Breaks[last])/Rates[last]: the integral of S piece by piece. +Inf when the
// last rate is 0 (defective).
func (p Piecewise) Mean() float64 {
	if !p.ok() {
		return math.NaN()
	}
	mean, cum := 0.0, 0.0
	last := len(p.Breaks) - 1
	for i := 0; i < last; i++ {
		w := p.Breaks[i+1] - p.Breaks[i]
		rw := p.Rates[i] * w
		// (1 - e^{-rw})/r = w·(-expm1(-rw))/(rw), the limit w at r = 0.
		mean += math.Exp(-cum) * w * expm1x(-rw)
		cum += rw
	}
	if !(p.Rates[last] > 0) {
		return math.Inf(1)
	}
	return mean + math.Exp(-cum)/p.Rates[last]
}

// Validate reports breaks and rates of different lengths or none, a first break
// other than 0, breaks that are not finite and strictly increasing, and rates
// that are not finite and ≥ 0.
func (p Piecewise) Validate() error {
	switch {
	case len(p.Breaks) == 0 || len(p.Rates) == 0:
		return fmt.Errorf("piecewise needs at least one break and one rate (got %d breaks, %d rates)", len(p.Breaks), len(p.Rates))
	case len(p.Breaks) != len(p.Rates):
		return fmt.Errorf("piecewise needs as many rates as breaks (got %d breaks, %d rates)", len(p.Breaks), len(p.Rates))
	case p.Breaks[0] != 0:
		return fmt.Errorf("piecewise breaks[0] must be 0 (got %v)", p.Breaks[0])
	}
	for i := 1; i < len(p.Breaks); i++ {
		b := p.Breaks[i]
		if math.IsNaN(b) || math.IsInf(b, 0) {
			return fmt.Errorf("piecewise breaks[%d] must be finite (got %v)", i, b)
		}
		if !(b > p.Breaks[i-1]) {
			return fmt.Errorf("piecewise breaks must be strictly increasing (got breaks[%d] = %v after breaks[%d] = %v)", i, b, i-1, p.Breaks[i-1])
		}
	}
	for i, r := range p.Rates {
		if !(r >= 0) || math.IsInf(r, 1) {
			return checkNonNegative("piecewise", fmt.Sprintf("rates[%d]", i), r)
		}
	}
	return nil
}
