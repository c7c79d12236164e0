package model

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// uncertaintyFamilies lists the known families in alphabetical order, for messages.
var uncertaintyFamilies = []string{
	string(UncBeta), string(UncDirichlet), string(UncFixed), string(UncGamma),
	string(UncLogNormal), string(UncNormal), string(UncSample), string(UncUniform),
}

// BetaFromCounts returns Beta(x, n-x), the uncertainty of a probability
// observed as x events of n (the posterior under an improper Beta(0, 0) prior;
// add a prior's counts to x and n for a proper one). Counts with x ≤ 0 or
// x ≥ n give a Beta whose Validate reports the parameter that is not > 0.
func BetaFromCounts(x, n float64) Uncertainty {
	return Uncertainty{Family: UncBeta, A: x, B: n - x}
}

// Validate reports an unknown family, naming the allowed ones, or a parameter
// out of range, naming it as model files do (beta a, b; gamma shape, rate;
// lognormal meanlog, sdlog; normal mean, sd; uniform min, max; dirichlet a
// and group). A and B of a fixed uncertainty are ignored. What involves a
// Dirichlet group as a whole (its size, its values' sum) is checked by
// Model.Validate.
func (u Uncertainty) Validate() error {
	switch u.Family {
	case UncBeta:
		const hint = " (from counts x of n: a = x, b = n - x, so 0 < x < n)"
		if err := firstErr(checkPositive("beta", "a", u.A), checkPositive("beta", "b", u.B)); err != nil {
			return fmt.Errorf("%w%s", err, hint)
		}
	case UncGamma:
		return firstErr(checkPositive("gamma", "shape", u.A), checkPositive("gamma", "rate", u.B))
	case UncLogNormal:
		return firstErr(checkFinite("lognormal", "meanlog", u.A), checkPositive("lognormal", "sdlog", u.B))
	case UncNormal:
		return firstErr(checkFinite("normal", "mean", u.A), checkPositive("normal", "sd", u.B))
	case UncUniform:
		if err := firstErr(checkFinite("uniform", "min", u.A), checkFinite("uniform", "max", u.B)); err != nil {
			return err
		}
		if !(u.A < u.B) {
			return fmt.Errorf("uniform min must be < max (got min %v, max %v)", u.A, u.B)
		}
	case UncDirichlet:
		if err := checkPositive("dirichlet", "a", u.A); err != nil {
			return fmt.Errorf("%w (from counts: a = the arm's count x)", err)
		}
		if !identRe.MatchString(u.Group) {
			return fmt.Errorf("dirichlet group %q must be a name matching [a-z][a-z0-9_]* (the same for every probability drawn together)", u.Group)
		}
	case UncSample:
		return validateSample(u)
	case UncFixed:
	default:
		return fmt.Errorf("unknown uncertainty distribution %q (allowed: %s)", u.Family, strings.Join(uncertaintyFamilies, ", "))
	}
	return nil
}

// Quantile returns the inverse CDF at p, so that a PSA draw is Quantile(U) for
// one uniform U (inversion). It uses gonum's stat/distuv quantiles (Beta:
// mathext.InvRegIncBeta; Gamma: mathext.GammaIncRegInv; Normal and LogNormal:
// Wichura's AS 241) with no random source, since nothing is sampled here.
//
// It returns NaN for a fixed uncertainty (callers use the parameter's value),
// for a Dirichlet component (drawn jointly with its group: see
// Model.DrawValues), for p outside [0, 1], and for parameters that fail
// Validate.
func (u Uncertainty) Quantile(p float64) float64 {
	if !(p >= 0 && p <= 1) || u.Family == UncFixed || u.Validate() != nil {
		return math.NaN()
	}
	switch u.Family {
	case UncBeta:
		return distuv.Beta{Alpha: u.A, Beta: u.B}.Quantile(p)
	case UncGamma:
		return distuv.Gamma{Alpha: u.A, Beta: u.B}.Quantile(p)
	case UncLogNormal:
		return distuv.LogNormal{Mu: u.A, Sigma: u.B}.Quantile(p)
	case UncNormal:
		return distuv.Normal{Mu: u.A, Sigma: u.B}.Quantile(p)
	case UncUniform:
		return distuv.Uniform{Min: u.A, Max: u.B}.Quantile(p)
	case UncSample:
		return sampleQuantile(u.values(), p)
	}
	return math.NaN()
}

// Mean returns the distribution's mean: a/(a+b) (beta), shape/rate (gamma),
// exp(meanlog + sdlog²/2) (lognormal), mean (normal), (min+max)/2 (uniform);
// NaN for a fixed uncertainty (the parameter's value is its mean), for a
// Dirichlet component (its mean a_i/Σa depends on its group) and for an
// unknown family.
func (u Uncertainty) Mean() float64 {
	switch u.Family {
	case UncBeta:
		return u.A / (u.A + u.B)
	case UncGamma:
		return u.A / u.B
	case UncLogNormal:
		return math.Exp(u.A + u.B*u.B/2)
	case UncNormal:
		return u.A
	case UncUniform:
		return (u.A + u.B) / 2
	case UncSample:
		return sampleMean(u.values())
	}
	return math.NaN()
}
