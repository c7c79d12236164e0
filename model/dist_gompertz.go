package model

import "math"

// Gompertz is the Gompertz distribution in flexsurv's parameterisation
// (flexsurv::pgompertz(t, shape, rate)): h(t) = Rate·exp(Shape·t), so
// H(t) = (Rate/Shape)·(exp(Shape·t) - 1), the limit Rate·t at Shape = 0.
//
// Shape may be any real number. Shape > 0 is the usual rising (ageing) hazard;
// Shape = 0 is the exponential; Shape < 0 is a falling hazard whose total
// H(∞) = Rate/(-Shape) is finite, so the distribution is defective: the event
// never happens with probability exp(-Rate/(-Shape)).
type Gompertz struct {
	// Shape is per model time unit: any finite real.
	Shape float64
	// Rate is the hazard at t = 0, in events per model time unit: finite and > 0.
	Rate float64
}

// Hazard returns Rate·exp(Shape·t).
func (g Gompertz) Hazard(t float64) float64 {
	switch {
	case t < 0:
		return 0
	case g.Shape == 0:
		return g.Rate // also at t = +Inf, where 0·Inf would be NaN
	}
	return g.Rate * math.Exp(g.Shape*t)
}

// CumHazard returns Rate·t·expm1(Shape·t)/(Shape·t), which is (Rate/Shape)·
// (exp(Shape·t) - 1) without cancellation for small Shape·t, and Rate·t at
// Shape = 0; at t = +Inf it is Rate/(-Shape) for Shape < 0.
func (g Gompertz) CumHazard(t float64) float64 {
	switch {
	case t <= 0:
		return 0
	case math.IsInf(t, 1) && g.Shape < 0:
		return g.Rate / -g.Shape
	case math.IsInf(t, 1):
		return t
	}
	return g.Rate * t * expm1x(g.Shape*t)
}

// InvCumHazard returns log1p(Shape·y/Rate)/Shape (y/Rate at Shape = 0), the
// closed-form inverse of H, computed as (y/Rate)·log1p(x)/x with x = Shape·y/Rate;
// +Inf when y ≥ H(∞) = Rate/(-Shape) for Shape < 0 (inversion of the cumulative
// hazard: Bender et al. 2005, Stat Med 24:1713).
func (g Gompertz) InvCumHazard(y float64) float64 {
	switch {
	case y <= 0:
		return 0
	case math.IsInf(y, 1):
		return y
	}
	u := y / g.Rate
	x := g.Shape * u
	if x <= -1 || math.IsInf(x, 1) {
		return math.Inf(1)
	}
	return u * log1px(x)
}

// Survival returns exp(-H(t)); for Shape < 0 it falls to exp(Rate/Shape) > 0.
func (g Gompertz) Survival(t float64) float64 { return survivalFromH(g.CumHazard(t)) }

// CDF returns -expm1(-H(t)).
func (g Gompertz) CDF(t float64) float64 { return cdfFromH(g.CumHazard(t)) }

// Quantile returns the smallest t with F(t) ≥ p, as flexsurv::qgompertz does,
// and +Inf when Shape < 0 and p > 1 - exp(Rate/Shape).
func (g Gompertz) Quantile(p float64) float64 { return g.InvCumHazard(cumHazAtP(p)) }

// Mean returns E[T]: 1/Rate at Shape = 0, +Inf for Shape < 0 (defective), and
// for Shape > 0 the closed form
//
//	E[T] = ∫₀^∞ exp(-(b)(e^{Shape·t} - 1)) dt = e^b·E₁(b) / Shape,  b = Rate/Shape,
//
// obtained with u = b(e^{Shape·t} - 1), where E₁ is the exponential integral
// (Abramowitz & Stegun 5.1.1; see expE1). The tests check it against numerical
// integration of S with gonum's integrate/quad.
func (g Gompertz) Mean() float64 {
	switch {
	case g.Shape < 0:
		return math.Inf(1)
	case g.Shape == 0:
		return 1 / g.Rate
	}
	return expE1(g.Rate/g.Shape) / g.Shape
}

// Validate reports a rate that is not finite and > 0 or a shape that is not finite.
func (g Gompertz) Validate() error {
	return firstErr(checkFinite("gompertz", "shape", g.Shape), checkPositive("gompertz", "rate", g.Rate))
}
