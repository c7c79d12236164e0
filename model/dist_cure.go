package model

import (
	"errors"
	"fmt"
	"math"
)

// Cure is a mixture cure model: with probability Fraction the event never
// happens, otherwise the time comes from Base, so
//
//	S(t) = c + (1-c)·S₀(t),  H(t) = -log S(t),  H(∞) = -log c,
//
// with c = Fraction and S₀ the base survival. It is defective for c > 0.
type Cure struct {
	// Fraction is the cure fraction c, a probability: in [0, 1).
	Fraction float64
	// Base is the distribution of the uncured, with survival S₀; not nil.
	Base Distribution
}

// Hazard returns (1-c)·f₀(t)/S(t) = (1-c)·h₀(t)·S₀(t)/S(t), with
// S₀/S = exp(H - H₀); 0 where S₀ = 0 (beyond a fixed base's duration).
func (c Cure) Hazard(t float64) float64 {
	h0 := c.Base.Hazard(t)
	if math.IsInf(h0, 1) {
		return h0
	}
	H0 := c.Base.CumHazard(t)
	if math.IsInf(H0, 1) {
		return 0
	}
	return (1 - c.Fraction) * h0 * math.Exp(c.cumHazFrom(H0)-H0)
}

// cumHazFrom returns H = -log(c + (1-c)·e^{-H₀}) from the base cumulative hazard
// H₀: as -log1p(-(1-c)·F₀) with F₀ = -expm1(-H₀) while (1-c)·F₀ < 1/2, exact for
// small H₀; beyond, as -log of the sum computed from logs (log-sum-exp), so that
// S₀ may underflow without S losing its digits.
func (c Cure) cumHazFrom(h0 float64) float64 {
	if h0 <= 0 {
		return 0
	}
	x := (1 - c.Fraction) * -math.Expm1(-h0)
	if x < 0.5 {
		return -math.Log1p(-x)
	}
	a := math.Log(c.Fraction)         // log c (-Inf for c = 0)
	b := math.Log1p(-c.Fraction) - h0 // log((1-c)·S₀)
	if a < b {
		a, b = b, a
	}
	if math.IsInf(b, -1) {
		return -a
	}
	return -(a + math.Log1p(math.Exp(b-a)))
}

// CumHazard returns -log(c + (1-c)·S₀(t)); it tends to -log c.
func (c Cure) CumHazard(t float64) float64 { return c.cumHazFrom(c.Base.CumHazard(t)) }

// InvCumHazard returns +Inf when e^{-y} ≤ c (the draw is cured), and otherwise
// Base.InvCumHazard(y₀) with e^{-y₀} = (e^{-y} - c)/(1-c), computed as
// y₀ = -log1p(-F/(1-c)) with F = -expm1(-y) while F/(1-c) < 1/2, and as
// y₀ = y - log1p(-c·e^{y}) + log1p(-c) beyond, without forming e^{-y} (inversion
// of the cumulative hazard: Bender et al. 2005, Stat Med 24:1713).
func (c Cure) InvCumHazard(y float64) float64 {
	switch {
	case math.IsNaN(y):
		return math.NaN()
	case y <= 0:
		return c.Base.InvCumHazard(0)
	}
	ce := 0.0 // c·e^{y}, kept 0 for c = 0 where e^{y} may overflow
	if c.Fraction > 0 {
		ce = c.Fraction * math.Exp(y)
	}
	if ce >= 1 {
		return math.Inf(1)
	}
	f0 := -math.Expm1(-y) / (1 - c.Fraction)
	if f0 < 0.5 {
		return c.Base.InvCumHazard(-math.Log1p(-f0))
	}
	return c.Base.InvCumHazard(y - math.Log1p(-ce) + math.Log1p(-c.Fraction))
}

// Survival returns c + (1-c)·S₀(t).
func (c Cure) Survival(t float64) float64 {
	return c.Fraction + (1-c.Fraction)*c.Base.Survival(t)
}

// CDF returns (1-c)·F₀(t).
func (c Cure) CDF(t float64) float64 { return (1 - c.Fraction) * c.Base.CDF(t) }

// Quantile returns Base.Quantile(p/(1-c)) for p ≤ 1-c, and +Inf for p > 1-c
// (more than the uncured share never has the event). NaN outside [0, 1].
func (c Cure) Quantile(p float64) float64 {
	switch {
	case !(p >= 0 && p <= 1):
		return math.NaN()
	case p > 1-c.Fraction:
		return math.Inf(1)
	}
	return c.Base.Quantile(math.Min(p/(1-c.Fraction), 1))
}

// Mean returns +Inf for c > 0 (the cured never have the event) and the base
// mean for c = 0.
func (c Cure) Mean() float64 {
	if c.Fraction > 0 {
		return math.Inf(1)
	}
	return c.Base.Mean()
}

// Validate reports a fraction outside [0, 1), a missing base, or the base's
// own problem.
func (c Cure) Validate() error {
	switch {
	case !(c.Fraction >= 0 && c.Fraction < 1):
		return fmt.Errorf("cure fraction must be in [0, 1) (got %v)", c.Fraction)
	case c.Base == nil:
		return errors.New("cure needs a base distribution")
	}
	return c.Base.Validate()
}
