package model

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// The standard normal's survival, hazard and inverse in the forms the
// log-normal distribution needs: the cumulative hazard -log(1-Φ(z)) and its
// inverse, accurate from the far lower tail (H tiny) to the far upper tail
// (H in the thousands, where 1-Φ underflows).
//
// Go's math.Erfcinv(x) is Erfinv(1-x): it keeps only the digits of x that
// survive 1-x (six at x = 1e-10) and returns +Inf below x ≈ 1.1e-16. So the
// inverse here is Wichura's algorithm AS 241 (PPND16, Applied Statistics
// 37:477, 1988), fed -log(1-Φ) directly in the upper tail as R's qnorm does
// with log.p = TRUE, and polished by Newton's method on log(1-Φ).

const (
	halfLog2Pi = 0.91893853320467274178 // log(2π)/2
	millsFrom  = 30.0                   // z from which 1-Φ(z) uses its asymptotic series
)

// normLogSurv returns log(1 - Φ(z)), the log of the standard normal's upper tail:
// from erfc where it is accurate, log1p of the lower tail for z < 0, and for
// z ≥ 30 the asymptotic series 1-Φ(z) = φ(z)/z·(1 - 1/z² + 3/z⁴ - …) (A&S 26.2.12).
func normLogSurv(z float64) float64 {
	switch {
	case z < 0:
		return math.Log1p(-0.5 * math.Erfc(-z/math.Sqrt2))
	case z < millsFrom:
		return math.Log(0.5 * math.Erfc(z/math.Sqrt2))
	case math.IsInf(z, 1):
		return math.Inf(-1)
	}
	return -0.5*z*z - halfLog2Pi - math.Log(z) + math.Log(millsSeries(z))
}

// millsSeries returns z·(1-Φ(z))/φ(z) ≈ 1 - 1/z² + 3/z⁴ - 15/z⁶ + … for z ≥ 30
// (A&S 26.2.12), summed until the terms fall below 1e-17 (eight terms at z = 30).
func millsSeries(z float64) float64 {
	r := 1 / (z * z)
	sum, term := 1.0, 1.0
	for k := 1; k < 20; k++ {
		term *= -float64(2*k-1) * r
		sum += term
		if math.Abs(term) < 1e-17 {
			break
		}
	}
	return sum
}

// normHazard returns φ(z)/(1-Φ(z)), the standard normal's hazard (the inverse
// Mills ratio), which tends to z as z → ∞.
func normHazard(z float64) float64 {
	if z >= millsFrom {
		return z / millsSeries(z)
	}
	return math.Exp(-0.5*z*z - halfLog2Pi - normLogSurv(z))
}

// normZAtCumHaz returns the z with -log(1-Φ(z)) = y, for y ≥ 0: the lower
// quantile Φ⁻¹(1-e^{-y}) with 1-e^{-y} = -expm1(-y) exact for small y, and in the
// upper half the AS 241 tail with r = √(-log(1-Φ)) = √y, never forming e^{-y}.
func normZAtCumHaz(y float64) float64 {
	switch {
	case math.IsNaN(y):
		return math.NaN()
	case y <= 0:
		return math.Inf(-1)
	case math.IsInf(y, 1):
		return math.Inf(1)
	case y <= math.Ln2:
		return mathext.NormalQuantile(-math.Expm1(-y))
	}
	q := math.Exp(-y)
	if q >= 0.075 { // AS 241's central region, |q - 0.5| ≤ 0.425
		return -mathext.NormalQuantile(q)
	}
	z := as241Tail(math.Sqrt(y))
	if z > 26 {
		// Beyond AS 241's design range (p ≥ 1e-300): Newton on log(1-Φ(z)) = -y,
		// whose derivative is -φ/(1-Φ).
		for i := 0; i < 3; i++ {
			z += (normLogSurv(z) + y) / normHazard(z)
		}
	}
	return z
}

// as241Tail returns Φ⁻¹(1-q) > 0 from r = √(-log q) for q < 0.075, by the
// tail rational approximations of AS 241 (Wichura 1988), accurate to about 1e-16.
func as241Tail(r float64) float64 {
	if r <= 5 {
		x := r - 1.6
		num := ((((((7.7454501427834140764e-4*x+0.0227238449892691845833)*x+
			0.24178072517745061177)*x+1.27045825245236838258)*x+
			3.64784832476320460504)*x+5.7694972214606914055)*x+
			4.6303378461565452959)*x + 1.42343711074968357734
		den := ((((((1.05075007164441684324e-9*x+5.475938084995344946e-4)*x+
			0.0151986665636164571966)*x+0.14810397642748007459)*x+
			0.68976733498510000455)*x+1.6763848301838038494)*x+
			2.05319162663775882187)*x + 1
		return num / den
	}
	x := r - 5
	num := ((((((2.01033439929228813265e-7*x+2.71155556874348757815e-5)*x+
		0.0012426609473880784386)*x+0.026532189526576123093)*x+
		0.29656057182850489123)*x+1.7848265399172913358)*x+
		5.4637849111641143699)*x + 6.6579046435011037772
	den := ((((((2.04426310338993978564e-15*x+1.4215117583164458887e-7)*x+
		1.8463183175100546818e-5)*x+7.868691311456132591e-4)*x+
		0.0148753612908506148525)*x+0.13692988092273580531)*x+
		0.59983220655588793769)*x + 1
	return num / den
}
