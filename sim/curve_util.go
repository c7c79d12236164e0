package sim

import "math"

func newEdgeCurve(nb int, w, horizon float64) edgeCurve {
	return edgeCurve{w: w, horizon: horizon, val: make([]float64, nb+1), lo: make([]float64, nb+1),
		hi: make([]float64, nb+1), se: make([]float64, nb+1)}
}

// set stores a Kaplan-Meier value s with Greenwood sum g (var log S) at edge j.
func (c *edgeCurve) set(j int, s, g float64) {
	c.val[j] = s
	switch {
	case s <= 0:
		c.lo[j], c.hi[j], c.se[j] = 0, 0, 0
	case math.IsInf(g, 1):
		c.lo[j], c.hi[j], c.se[j] = 0, 1, math.Inf(1)
	default:
		r := math.Sqrt(g)
		c.se[j] = s * r
		c.lo[j] = s * math.Exp(-z95*r)
		c.hi[j] = math.Min(1, s*math.Exp(z95*r))
	}
}

// setVar stores a cumulative incidence f with variance v at edge j: a plain
// (Wald) interval clipped to [0, 1].
func (c *edgeCurve) setVar(j int, f, v float64) {
	r := math.Sqrt(v)
	c.val[j], c.se[j] = f, r
	c.lo[j] = math.Max(0, f-z95*r)
	c.hi[j] = math.Min(1, f+z95*r)
}

// edgeTime is the time of edge j, capped at the horizon.
func (c *edgeCurve) edgeTime(j int) float64 { return math.Min(float64(j)*c.w, c.horizon) }

// areas returns the cumulative integral of val from 0 to each edge (linear
// within bins; the last bin stops at the horizon).
func (c *edgeCurve) areas() []float64 {
	a := make([]float64, len(c.val))
	for j := 1; j < len(c.val); j++ {
		dt := c.edgeTime(j) - c.edgeTime(j-1)
		a[j] = a[j-1] + dt*(c.val[j-1]+c.val[j])/2
	}
	return a
}

// at returns the value, interval and SE at time t, interpolating linearly
// between edges.
func (c *edgeCurve) at(t float64) Estimate {
	x := t / c.w
	j := int(math.Floor(x))
	if j >= len(c.val)-1 {
		j := len(c.val) - 1
		return Estimate{Value: c.val[j], SE: c.se[j], Lower: c.lo[j], Upper: c.hi[j]}
	}
	fr := x - float64(j)
	lerp := func(v []float64) float64 {
		if fr == 0 {
			return v[j]
		}
		return v[j] + fr*(v[j+1]-v[j])
	}
	return Estimate{Value: lerp(c.val), SE: lerp(c.se), Lower: lerp(c.lo), Upper: lerp(c.hi)}
}

// crossing returns the first time the piecewise-linear curve v reaches level
// (falling to ≤ level if down, rising to ≥ level otherwise), or +Inf.
func (c *edgeCurve) crossing(v []float64, level float64, down bool) float64 {
	reached := func(x float64) bool {
		if down {
			return x <= level
		}
		return x >= level
	}
	if reached(v[0]) {
		return 0
	}
	for j := 1; j < len(v); j++ {
		if reached(v[j]) {
			fr := (v[j-1] - level) / (v[j-1] - v[j])
			return c.edgeTime(j-1) + fr*(c.edgeTime(j)-c.edgeTime(j-1))
		}
	}
	return math.Inf(1)
}

// median returns the median (first time S ≤ 0.5, or F ≥ 0.5 for an incidence)
// with the interval read off the pointwise bounds, as R's survfit does
// (Brookmeyer & Crowley 1982): for a falling S the lower limit is where the
// lower bound crosses 0.5 and the upper limit where the upper bound does; for a
// rising F the other way round.
func (c *edgeCurve) median(down bool) Estimate {
	early, late := c.lo, c.hi
	if !down {
		early, late = c.hi, c.lo
	}
	return Estimate{Value: c.crossing(c.val, 0.5, down), SE: math.NaN(),
		Lower: c.crossing(early, 0.5, down), Upper: c.crossing(late, 0.5, down)}
}

// normalEstimate is a value with a normal 95% interval.
func normalEstimate(v, se float64) Estimate {
	return Estimate{Value: v, SE: se, Lower: v - z95*se, Upper: v + z95*se}
}

// wilson is a proportion k/n with the Wilson score 95% interval.
func wilson(k, n int64) Estimate {
	if n == 0 {
		return Estimate{Value: math.NaN(), SE: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}
	}
	return Proportion(float64(k)/float64(n), int(n))
}

// Proportion is a proportion p of n with the Wilson score 95% interval
// (Wilson 1927), which stays inside [0, 1] and behaves at 0 and 1.
func Proportion(p float64, n int) Estimate {
	nf := float64(n)
	z2 := z95 * z95
	den := 1 + z2/nf
	mid := (p + z2/(2*nf)) / den
	half := z95 / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return Estimate{Value: p, SE: math.Sqrt(p * (1 - p) / nf), Lower: math.Max(0, mid-half), Upper: math.Min(1, mid+half)}
}
