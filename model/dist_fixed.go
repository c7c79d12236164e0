package model

import "math"

// Fixed is a fixed delay: the event happens exactly at Duration (a point mass,
// as a scheduled assessment or a fixed course of treatment). Its cumulative
// hazard jumps from 0 to +Inf at Duration: H(t) = 0 for t < Duration and +Inf
// for t ≥ Duration, so S(t) = 1 before Duration and 0 from it on.
//
// Because the event time is certain, every draw gives Duration:
// InvCumHazard(y) = Duration for every y ≥ 0, including y = 0 (where the
// "smallest t with H(t) ≥ y" would be 0, Duration is the support's lower end,
// as R's quantile functions return at p = 0) and y = +Inf (H reaches +Inf at
// Duration). Likewise Quantile(p) = Duration for every p in [0, 1].
type Fixed struct {
	// Duration is the time to the event, in model units: finite and ≥ 0.
	Duration float64
}

// Hazard returns 0 everywhere except +Inf at t = Duration, where the whole
// probability sits (the hazard of a point mass is a Dirac delta).
func (f Fixed) Hazard(t float64) float64 {
	if t == f.Duration {
		return math.Inf(1)
	}
	return 0
}

// CumHazard returns 0 for t < Duration and +Inf for t ≥ Duration.
func (f Fixed) CumHazard(t float64) float64 {
	if t < f.Duration {
		return 0
	}
	return math.Inf(1)
}

// InvCumHazard returns Duration for every y ≥ 0 (see the type's comment) and
// NaN for a NaN y.
func (f Fixed) InvCumHazard(y float64) float64 {
	if math.IsNaN(y) {
		return math.NaN()
	}
	return f.Duration
}

// Survival returns 1 for t < Duration, 0 from Duration on.
func (f Fixed) Survival(t float64) float64 {
	if t < f.Duration {
		return 1
	}
	return 0
}

// CDF returns 0 for t < Duration, 1 from Duration on.
func (f Fixed) CDF(t float64) float64 { return 1 - f.Survival(t) }

// Quantile returns Duration for every p in [0, 1] and NaN outside.
func (f Fixed) Quantile(p float64) float64 { return f.InvCumHazard(cumHazAtP(p)) }

// Mean returns Duration.
func (f Fixed) Mean() float64 { return f.Duration }

// Validate reports a duration that is not finite and ≥ 0.
func (f Fixed) Validate() error { return checkNonNegative("fixed", "duration", f.Duration) }
