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
func MedianDifference(a, b Estimate) Estimate {
	if !isFinite(a.Value) || !isFinite(b.Value) {
		return nanEstimate()
	}
	d := b.Value - a.Value
	lo := d - math.Hypot(halfWidth(b.Value, b.Lower), halfWidth(a.Upper, a.Value))
	hi := d + math.Hypot(halfWidth(b.Upper, b.Value), halfWidth(a.Value, a.Lower))
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return Estimate{Value: d, SE: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}
	}
	se := (hi - lo) / (2 * z95)
	if math.IsInf(se, 0) {
		se = math.NaN()
	}
	return Estimate{Value: d, SE: se, Lower: lo, Upper: hi}
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
