package model

// Distribution is a time-to-event distribution on [0, ∞), described by its
// cumulative hazard H. Survival is S(t) = exp(-H(t)). A distribution may be
// defective (H(∞) < ∞: some patients never have the event), as a cure-fraction
// model or a Gompertz with negative shape is.
//
// Every concrete distribution in this package (Exponential, Weibull, Gompertz,
// LogNormal, LogLogistic, Gamma, Piecewise, Fixed, Cure) implements it; their
// parameterisations follow R's stats and flexsurv packages.
type Distribution interface {
	// Hazard returns h(t), the instantaneous event rate at t ≥ 0.
	Hazard(t float64) float64
	// CumHazard returns H(t) = ∫₀ᵗ h, non-decreasing, H(0) = 0; +Inf where S(t) = 0.
	CumHazard(t float64) float64
	// InvCumHazard returns the smallest t with H(t) ≥ y for y ≥ 0, or +Inf when
	// y ≥ H(∞) (the event never happens).
	InvCumHazard(y float64) float64
	// Survival returns S(t) = P(T > t).
	Survival(t float64) float64
	// CDF returns F(t) = P(T ≤ t) = 1 - S(t), computed without cancellation.
	CDF(t float64) float64
	// Quantile returns the smallest t with F(t) ≥ p, or +Inf when p exceeds
	// the probability that the event ever happens.
	Quantile(p float64) float64
	// Mean returns E[T], +Inf for a defective distribution or an infinite mean.
	Mean() float64
	// Validate reports parameters outside their allowed ranges.
	Validate() error
}
