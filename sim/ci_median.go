package sim

import "math"

// StepMedian returns the median of a right-continuous step survival curve
// and its Brookmeyer & Crowley (1982) interval exactly as R's survfit
// computes them (quantile.survfit, survival 3.5): the curve is s[i] on
// [t[i], t[i+1]), with t ascending from the curve's start (t[0] = 0,
// s[0] = S(0)) to its last time (event or censoring); lo and hi are the
// pointwise bounds at the same times (e.g. SurvivalInterval's). The median is
// the first time S ≤ 0.5; where S equals 0.5 (within √ε, survfit's
// tolerance) on a flat, the middle of the flat (to the last time if the curve
// ends on it). The lower limit is the same time for the lower bound, the upper
// limit for the upper bound; a level never reached is +Inf. It is for
// estimators on exact event times (a simulated trial arm); the engine's binned
// curves interpolate within a bin instead (edgeCurve.median). It panics if the
// slices differ in length or are empty (programmer errors).
func StepMedian(t, s, lo, hi []float64) Estimate {
	if len(t) == 0 || len(s) != len(t) || len(lo) != len(t) || len(hi) != len(t) {
		panic("sim: StepMedian needs non-empty t, s, lo and hi of one length")
	}
	return Estimate{Value: stepQuantile(t, s, 0.5), SE: math.NaN(),
		Lower: stepQuantile(t, lo, 0.5), Upper: stepQuantile(t, hi, 0.5)}
}

// stepQuantile is survfit's findq for one probability p on the curve s: with
// y = 1 − s and repeated values of y dropped (the first time of each kept),
// the quantile is the midpoint of the first time y ≥ p − tol and the first
// time y ≥ p + tol; if the last y is p within tol, the midpoint of its first
// time and the curve's last time.
func stepQuantile(t, s []float64, p float64) float64 {
	tol := math.Sqrt(0x1p-52)
	var x, y []float64
	seen := map[float64]bool{}
	for i := range t {
		v := 1 - s[i]
		if math.IsNaN(v) || seen[v] {
			continue
		}
		seen[v] = true
		x, y = append(x, t[i]), append(y, v)
	}
	first := func(level float64) int {
		for i, v := range y {
			if v >= level {
				return i
			}
		}
		return -1
	}
	i1, i2 := first(p-tol), first(p+tol)
	switch {
	case i1 < 0:
		return math.Inf(1)
	case math.Abs(p-y[len(y)-1]) < tol:
		return (x[i1] + t[len(t)-1]) / 2
	case i2 < 0:
		return math.Inf(1)
	}
	return (x[i1] + x[i2]) / 2
}
