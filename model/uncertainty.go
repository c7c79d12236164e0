package model

// UncertaintyFamily names a parameter's uncertainty distribution for
// probabilistic sensitivity analysis.
type UncertaintyFamily string

// The uncertainty families of the model contract. A and B mean:
//
//	beta       A = alpha, B = beta (> 0). From counts, x of n gives Beta(x, n-x).
//	gamma      A = shape, B = rate (> 0): for rates, hazard ratios, durations.
//	lognormal  A = meanlog, B = sdlog (> 0).
//	normal     A = mean, B = sd (> 0).
//	uniform    A = min < B = max.
//	dirichlet  A = the concentration a_i (> 0) of this parameter's component;
//	           B unused. Every parameter with the same Group is one
//	           component of one Dirichlet(a_1, ..., a_k), drawn jointly so
//	           that the group always sums to 1: the probabilities of one
//	           branch's arms. From counts, x_i of n in arm i gives a_i = x_i.
//	sample     Values: an empirical sample, such as a posterior sample from
//	           calibration (calibrate --method imis). Every parameter with
//	           the same Group takes the same row of its Values in a draw,
//	           so a joint sample keeps its correlations; A and B unused.
//	fixed      no uncertainty: the parameter's value is used in every draw.
const (
	UncBeta      UncertaintyFamily = "beta"
	UncGamma     UncertaintyFamily = "gamma"
	UncLogNormal UncertaintyFamily = "lognormal"
	UncNormal    UncertaintyFamily = "normal"
	UncUniform   UncertaintyFamily = "uniform"
	UncDirichlet UncertaintyFamily = "dirichlet"
	UncFixed     UncertaintyFamily = "fixed"
	UncSample    UncertaintyFamily = "sample"
)

// Uncertainty is a parameter's distribution for PSA. Draws are made by inversion
// (Quantile of a uniform), so that one uniform per parameter per draw suffices.
type Uncertainty struct {
	Family UncertaintyFamily
	A, B   float64 // see UncertaintyFamily
	Group  string  // dirichlet and sample: the name shared by the group's parameters, [a-z][a-z0-9_]*
	Sample *Sample // sample only; a pointer so that Uncertainty stays comparable with ==
}

// Sample is an empirical sample's values: one column of a joint sample (a
// group's parameters have as many values, row by row).
type Sample struct{ Values []float64 }

// values returns the sample's values, or nil.
func (u Uncertainty) values() []float64 {
	if u.Sample == nil {
		return nil
	}
	return u.Sample.Values
}
