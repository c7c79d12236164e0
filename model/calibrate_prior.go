package model

// Prior names the prior of a Bayesian calibration (calibrate --method imis).
type Prior string

// The priors a calibrate section may name.
const (
	// PriorBounds: each free parameter uniform on its bounds, on the scale it
	// is searched (log-uniform for a log transform). The default.
	PriorBounds Prior = "bounds"
	// PriorUncertainty: each free parameter's declared uncertainty (beta,
	// gamma, lognormal, normal or uniform) truncated to its bounds; a
	// parameter with none, or a fixed, sample or dirichlet one, keeps the
	// uniform on its bounds.
	PriorUncertainty Prior = "uncertainty"
)

// Priors lists the priors a file may name.
func Priors() []string { return []string{string(PriorBounds), string(PriorUncertainty)} }

// HasDensity reports whether the uncertainty is a univariate distribution
// with a density (beta, gamma, lognormal, normal, uniform) that CDF and
// LogProb evaluate.
func (u Uncertainty) HasDensity() bool {
	switch u.Family {
	case UncBeta, UncGamma, UncLogNormal, UncNormal, UncUniform:
		return u.Validate() == nil
	}
	return false
}
