package model

import "math"

// Weibull is the Weibull distribution in R's parameterisation
// (stats::pweibull(t, shape, scale)): S(t) = exp(-(t/Scale)^Shape), so
// H(t) = (t/Scale)^Shape and h(t) = (Shape/Scale)·(t/Scale)^(Shape-1).
// Shape < 1 gives a falling hazard, 1 the exponential, > 1 a rising one.
type Weibull struct {
	// Shape is dimensionless: finite and > 0.
	Shape float64
	// Scale is a time in model units (the 63.2th percentile): finite and > 0.
	Scale float64
}

// Hazard returns (Shape/Scale)·(t/Scale)^(Shape-1); at t = 0 it is +Inf for
// Shape < 1, 1/Scale for Shape = 1 and 0 for Shape > 1.
func (w Weibull) Hazard(t float64) float64 {
	if t < 0 {
		return 0
	}
	return w.Shape / w.Scale * math.Pow(t/w.Scale, w.Shape-1)
}

// CumHazard returns (t/Scale)^Shape.
func (w Weibull) CumHazard(t float64) float64 {
	if t <= 0 {
		return 0
	}
	return math.Pow(t/w.Scale, w.Shape)
}

// InvCumHazard returns Scale·y^(1/Shape), the closed-form inverse of H
// (inversion of the cumulative hazard: Bender et al. 2005, Stat Med 24:1713).
func (w Weibull) InvCumHazard(y float64) float64 {
	if y <= 0 {
		return 0
	}
	return w.Scale * math.Pow(y, 1/w.Shape)
}

// Survival returns exp(-(t/Scale)^Shape).
func (w Weibull) Survival(t float64) float64 { return survivalFromH(w.CumHazard(t)) }

// CDF returns 1 - exp(-(t/Scale)^Shape), computed as -expm1(-H).
func (w Weibull) CDF(t float64) float64 { return cdfFromH(w.CumHazard(t)) }

// Quantile returns Scale·(-log(1-p))^(1/Shape), as stats::qweibull.
func (w Weibull) Quantile(p float64) float64 { return w.InvCumHazard(cumHazAtP(p)) }

// Mean returns Scale·Γ(1 + 1/Shape) (+Inf when Γ overflows, for Shape ≲ 0.006).
func (w Weibull) Mean() float64 { return w.Scale * math.Gamma(1+1/w.Shape) }

// Validate reports a shape or scale that is not finite and > 0.
func (w Weibull) Validate() error {
	return firstErr(checkPositive("weibull", "shape", w.Shape), checkPositive("weibull", "scale", w.Scale))
}
