package model

import "math"

// LogNormal is the log-normal distribution in R's parameterisation
// (stats::plnorm(t, meanlog, sdlog)): log T ~ N(MeanLog, SdLog²), so
// S(t) = 1 - Φ(z) with z = (log t - MeanLog)/SdLog. Its hazard rises, then falls.
type LogNormal struct {
	// MeanLog is the mean of log T, log of a time in model units (exp(MeanLog)
	// is the median): any finite real.
	MeanLog float64
	// SdLog is the standard deviation of log T, dimensionless: finite and > 0.
	SdLog float64
}

// z returns the standardised log time.
func (l LogNormal) z(t float64) float64 { return (math.Log(t) - l.MeanLog) / l.SdLog }

// Hazard returns φ(z)/(SdLog·t·(1-Φ(z))), through the inverse Mills ratio so
// that it stays finite in the far tail; 0 at t = 0.
func (l LogNormal) Hazard(t float64) float64 {
	if t <= 0 || math.IsInf(t, 1) {
		return 0
	}
	return normHazard(l.z(t)) / (l.SdLog * t)
}

// CumHazard returns -log(1 - Φ(z)), computed as -log1p(-Φ(z)) below the median
// and -log(erfc(z/√2)/2) above it (asymptotic series where erfc underflows),
// so it is accurate both where it is tiny and where it is huge.
func (l LogNormal) CumHazard(t float64) float64 {
	if t <= 0 {
		return 0
	}
	return -normLogSurv(l.z(t))
}

// InvCumHazard returns exp(MeanLog + SdLog·z) with z solving -log(1-Φ(z)) = y:
// Φ⁻¹(-expm1(-y)) for y ≤ log 2 and AS 241's tail fed √y above, so that large y
// keep their precision (see normZAtCumHaz; inversion of the cumulative hazard:
// Bender et al. 2005, Stat Med 24:1713).
func (l LogNormal) InvCumHazard(y float64) float64 {
	if y <= 0 {
		return 0
	}
	return math.Exp(l.MeanLog + l.SdLog*normZAtCumHaz(y))
}

// Survival returns 1 - Φ(z) = erfc(z/√2)/2.
func (l LogNormal) Survival(t float64) float64 {
	if t <= 0 {
		return 1
	}
	return 0.5 * math.Erfc(l.z(t)/math.Sqrt2)
}

// CDF returns Φ(z) = erfc(-z/√2)/2, accurate also in the lower tail.
func (l LogNormal) CDF(t float64) float64 {
	if t <= 0 {
		return 0
	}
	return 0.5 * math.Erfc(-l.z(t)/math.Sqrt2)
}

// Quantile returns exp(MeanLog + SdLog·Φ⁻¹(p)), as stats::qlnorm.
func (l LogNormal) Quantile(p float64) float64 { return l.InvCumHazard(cumHazAtP(p)) }

// Mean returns exp(MeanLog + SdLog²/2).
func (l LogNormal) Mean() float64 { return math.Exp(l.MeanLog + l.SdLog*l.SdLog/2) }

// Validate reports a meanlog that is not finite or an sdlog that is not finite and > 0.
func (l LogNormal) Validate() error {
	return firstErr(checkFinite("lognormal", "meanlog", l.MeanLog), checkPositive("lognormal", "sdlog", l.SdLog))
}
