package sim

import "math"

// MedianDifference returns b − a for two medians estimated independently,
// each with its 95% interval, by the method of variance estimates recovery
// (MOVER: Zou & Donner 2008, "Construction of confidence limits about effect
// measures: a general approach", Stat Med 27:1693–1702; Newcombe 1998's
// method 10 for proportions is the same construction):
//
//	L = (b − a) − √((b − l_b)² + (u_a − a)²)
//	U = (b − a) + √((u_b − b)² + (a − l_a)²)
//
// A median's Brookmeyer–Crowley interval (edgeCurve.median) is asymmetric,
// typically longer above the median than below it. The lower limit of the
// difference is where b is low and a high, so it recovers b's variance from
// b's lower half-width and a's from a's upper half-width, and the other way
// round for the upper limit. Reading one SE off each whole interval, (u − l)
// / 3.92, would put the difference's interval symmetric about it, too long on
// one side and too short on the other; with symmetric intervals both give the
// Wald interval ±1.96·√(SE_a² + SE_b²).
//
// A bound that needs a limit never reached (an upper limit +Inf) is infinite
// (−Inf or +Inf): the finite bound is still a valid one-sided bound. The SE
// is that of a normal interval of the same width, (U − L)/3.92 (NaN when a
// bound is infinite), for callers that combine differences further. A median
// that does not exist (+Inf, not reached; NaN) gives NaN throughout.
func MedianDifference(a, b Estimate) Estimate { return MedianDifferenceCorrelated(a, b, 0) }

// MedianDifferenceCorrelated is MedianDifference for two medians whose
// estimates are correlated with correlation rho (two scenarios run on the
// same patients: pairs_median.go estimates rho). Zou & Donner's MOVER for
// dependent estimates (2008, section 3; Newcombe 1998's method 10 for paired
// proportions) keeps the independent pairing of limits (b's lower with a's
// upper) and subtracts 2ρ(b − l_b)(u_a − a); with ρ = 1 and identical
// scenarios that leaves |(a − l_a) − (u_a − a)|, the asymmetry of a's own
// interval, around a difference that is exactly 0. Here each side is
// instead recovered from the error split into a comonotone part (share ρ),
// in which b is low when a is low, so b's lower half-width goes with a's
// lower one, and an independent part (share 1 − ρ), paired as in
// MedianDifference:
//
//	L = (b − a) − √(ρ((b − l_b) − (a − l_a))² + (1 − ρ)((b − l_b)² + (u_a − a)²))
//	U = (b − a) + √(ρ((u_b − b) − (u_a − a))² + (1 − ρ)((u_b − b)² + (a − l_a)²))
//
// for ρ ≥ 0 (for ρ < 0 the part of share |ρ| is countermonotone: b low when
// a is high, (b − l_b) + (u_a − a)). With symmetric intervals, half-widths
// h_a and h_b, both sides are √(h_a² + h_b² − 2ρ·h_a·h_b): the Wald interval
// of correlated estimates and Zou & Donner's. ρ = 0 is MedianDifference;
// identical scenarios (ρ = 1, the same interval) give exactly [0, 0]. A limit
// never reached leaves the bound it feeds infinite, as in MedianDifference.
func MedianDifferenceCorrelated(a, b Estimate, rho float64) Estimate {
	if !isFinite(a.Value) || !isFinite(b.Value) || !(rho >= -1 && rho <= 1) {
		return nanEstimate()
	}
	d := b.Value - a.Value
	al, au := halfWidth(a.Value, a.Lower), halfWidth(a.Upper, a.Value)
	bl, bu := halfWidth(b.Value, b.Lower), halfWidth(b.Upper, b.Value)
	lo := d - moverSide(bl, au, al, rho)
	hi := d + moverSide(bu, al, au, rho)
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return Estimate{Value: d, SE: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}
	}
	se := (hi - lo) / (2 * z95)
	if math.IsInf(se, 0) {
		se = math.NaN()
	}
	return Estimate{Value: d, SE: se, Lower: lo, Upper: hi}
}

// moverSide is one side's half-width of b − a: x is b's half-width on that
// side, y a's on the opposite side (the independent pairing), z a's on the
// same side (the comonotone pairing). +Inf when x or y is (as math.Hypot,
// which it is for ρ = 0), else NaN when any is.
func moverSide(x, y, z, rho float64) float64 {
	if math.IsInf(x, 1) || math.IsInf(y, 1) {
		return math.Inf(1)
	}
	if rho == 0 {
		return math.Hypot(x, y)
	}
	ind := x*x + y*y
	if rho > 0 {
		return math.Sqrt(rho*(x-z)*(x-z) + (1-rho)*ind)
	}
	return math.Sqrt(-rho*(x+y)*(x+y) + (1+rho)*ind)
}

// halfWidth is hi − lo, +Inf when hi is +Inf or lo −Inf (a limit not
// reached), NaN when either is NaN.
func halfWidth(hi, lo float64) float64 {
	if math.IsNaN(hi) || math.IsNaN(lo) {
		return math.NaN()
	}
	return math.Max(hi-lo, 0)
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
