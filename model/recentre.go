package model

import (
	"fmt"
	"math"
	"strconv"
)

// Recentred returns u moved so that its centre is v, with its spread kept as
// the model file states it, for a parameter whose value calibration moved
// (a PSA should vary around the value the deterministic run uses):
//
//	beta       mean v, the same a + b (the same number of patients' worth of information)
//	gamma      mean v, the same shape (the same coefficient of variation)
//	lognormal  median v (meanlog = log v), the same sdlog
//	normal     mean v, the same sd
//	uniform    mean v, the same width
//
// The new parameters are rounded to 4 significant figures, as a file would
// write them (the centre then moves by at most 0.05%). ok is false for the
// families that cannot be moved this way (fixed, sample, dirichlet: a
// component's mean depends on its group) and for v outside the family's
// support (a beta needs 0 < v < 1; gamma and lognormal v > 0).
func (u Uncertainty) Recentred(v float64) (r Uncertainty, ok bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) || u.Validate() != nil {
		return u, false
	}
	r = u
	switch u.Family {
	case UncBeta:
		if !(v > 0 && v < 1) {
			return u, false
		}
		n := u.A + u.B
		r.A, r.B = round4(v*n), round4((1-v)*n)
	case UncGamma:
		if !(v > 0) {
			return u, false
		}
		r.B = round4(u.A / v)
	case UncLogNormal:
		if !(v > 0) {
			return u, false
		}
		r.A = round4(math.Log(v))
	case UncNormal:
		r.A = round4(v)
	case UncUniform:
		half := (u.B - u.A) / 2
		r.A, r.B = round4(v-half), round4(v+half)
	default:
		return u, false
	}
	if r.Validate() != nil { // rounding took a parameter to 0
		return u, false
	}
	return r, true
}

// Describe writes u as the sources of the shipped models do, e.g.
// "Gamma(shape 30, rate 190.4)".
func (u Uncertainty) Describe() string {
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	switch u.Family {
	case UncBeta:
		return fmt.Sprintf("Beta(%s, %s)", g(u.A), g(u.B))
	case UncGamma:
		return fmt.Sprintf("Gamma(shape %s, rate %s)", g(u.A), g(u.B))
	case UncLogNormal:
		return fmt.Sprintf("Log-normal(meanlog %s, sdlog %s)", g(u.A), g(u.B))
	case UncNormal:
		return fmt.Sprintf("Normal(mean %s, sd %s)", g(u.A), g(u.B))
	case UncUniform:
		return fmt.Sprintf("Uniform(%s, %s)", g(u.A), g(u.B))
	}
	return string(u.Family)
}

// round4 rounds x to 4 significant figures.
func round4(x float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 4, 64), 64)
	return r
}
