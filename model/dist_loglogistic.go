package model

import "math"

// LogLogistic is the log-logistic distribution in flexsurv's parameterisation
// (flexsurv::pllogis(t, shape, scale)): S(t) = 1/(1 + (t/Scale)^Shape), so
// H(t) = log1p((t/Scale)^Shape). Scale is the median; for Shape > 1 the hazard
// rises, then falls.
type LogLogistic struct {
	// Shape is dimensionless: finite and > 0.
	Shape float64
	// Scale is a time in model units (the median): finite and > 0.
	Scale float64
}

// odds returns (t/Scale)^Shape, the odds F/S of the event by t.
func (l LogLogistic) odds(t float64) float64 { return math.Pow(t/l.Scale, l.Shape) }

// Hazard returns (Shape/t)·u/(1+u) with u = (t/Scale)^Shape; at t = 0 it is
// +Inf for Shape < 1, 1/Scale for Shape = 1 and 0 for Shape > 1.
func (l LogLogistic) Hazard(t float64) float64 {
	switch {
	case t < 0:
		return 0
	case t == 0:
		return l.Shape / l.Scale * math.Pow(0, l.Shape-1)
	}
	return l.Shape / t / (1 + 1/l.odds(t))
}

// CumHazard returns log1p((t/Scale)^Shape), and Shape·log(t/Scale) once the
// odds overflow.
func (l LogLogistic) CumHazard(t float64) float64 {
	if t <= 0 {
		return 0
	}
	u := l.odds(t)
	if math.IsInf(u, 1) {
		return l.Shape * math.Log(t/l.Scale)
	}
	return math.Log1p(u)
}

// InvCumHazard returns Scale·expm1(y)^(1/Shape), the closed-form inverse of H,
// as Scale·exp((y + log1p(-e^{-y}))/Shape) once expm1(y) would overflow
// (inversion of the cumulative hazard: Bender et al. 2005, Stat Med 24:1713).
func (l LogLogistic) InvCumHazard(y float64) float64 {
	switch {
	case y <= 0:
		return 0
	case y > 700:
		return l.Scale * math.Exp((y+math.Log1p(-math.Exp(-y)))/l.Shape)
	}
	return l.Scale * math.Pow(math.Expm1(y), 1/l.Shape)
}

// Survival returns 1/(1 + (t/Scale)^Shape).
func (l LogLogistic) Survival(t float64) float64 {
	if t <= 0 {
		return 1
	}
	return 1 / (1 + l.odds(t))
}

// CDF returns u/(1+u) = 1/(1 + 1/u) with u = (t/Scale)^Shape.
func (l LogLogistic) CDF(t float64) float64 {
	if t <= 0 {
		return 0
	}
	return 1 / (1 + 1/l.odds(t))
}

// Quantile returns Scale·(p/(1-p))^(1/Shape), as flexsurv::qllogis.
func (l LogLogistic) Quantile(p float64) float64 {
	switch {
	case !(p >= 0 && p <= 1):
		return math.NaN()
	case p == 1:
		return math.Inf(1)
	}
	return l.Scale * math.Pow(p/(1-p), 1/l.Shape)
}

// Mean returns Scale·(π/Shape)/sin(π/Shape) for Shape > 1, +Inf otherwise.
func (l LogLogistic) Mean() float64 {
	if !(l.Shape > 1) {
		return math.Inf(1)
	}
	b := math.Pi / l.Shape
	return l.Scale * b / math.Sin(b)
}

// Validate reports a shape or scale that is not finite and > 0.
func (l LogLogistic) Validate() error {
	return firstErr(checkPositive("loglogistic", "shape", l.Shape), checkPositive("loglogistic", "scale", l.Scale))
}
