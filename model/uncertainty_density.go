package model

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// CDF returns P(X ≤ x) of a distribution with a density (see HasDensity),
// by gonum's stat/distuv; NaN otherwise.
func (u Uncertainty) CDF(x float64) float64 {
	if !u.HasDensity() {
		return math.NaN()
	}
	switch u.Family {
	case UncBeta:
		return distuv.Beta{Alpha: u.A, Beta: u.B}.CDF(x)
	case UncGamma:
		return distuv.Gamma{Alpha: u.A, Beta: u.B}.CDF(x)
	case UncLogNormal:
		return distuv.LogNormal{Mu: u.A, Sigma: u.B}.CDF(x)
	case UncNormal:
		return distuv.Normal{Mu: u.A, Sigma: u.B}.CDF(x)
	default: // UncUniform
		return distuv.Uniform{Min: u.A, Max: u.B}.CDF(x)
	}
}

// LogProb returns the log density at x of a distribution with a density
// (see HasDensity), −Inf outside its support; NaN otherwise.
func (u Uncertainty) LogProb(x float64) float64 {
	if !u.HasDensity() {
		return math.NaN()
	}
	switch u.Family {
	case UncBeta:
		if !(x >= 0 && x <= 1) {
			return math.Inf(-1)
		}
		return distuv.Beta{Alpha: u.A, Beta: u.B}.LogProb(x)
	case UncGamma:
		if !(x >= 0) {
			return math.Inf(-1)
		}
		return distuv.Gamma{Alpha: u.A, Beta: u.B}.LogProb(x)
	case UncLogNormal:
		if !(x > 0) {
			return math.Inf(-1)
		}
		return distuv.LogNormal{Mu: u.A, Sigma: u.B}.LogProb(x)
	case UncNormal:
		return distuv.Normal{Mu: u.A, Sigma: u.B}.LogProb(x)
	default: // UncUniform
		return distuv.Uniform{Min: u.A, Max: u.B}.LogProb(x)
	}
}
