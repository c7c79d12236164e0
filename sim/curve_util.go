package sim

import "math"

func newEdgeCurve(nb int, w, horizon float64) edgeCurve {
	return edgeCurve{w: w, horizon: horizon, val: make([]float64, nb+1), lo: make([]float64, nb+1),
		hi: make([]float64, nb+1), se: make([]float64, nb+1)}
}

// set stores a Kaplan-Meier value s with Greenwood sum g (var log S) at edge
// j, where the status at the edge is known for n patients (not censored
// before it); its interval is SurvivalInterval's, and [1, 1] at t = 0 without
// time-0 events.
func (c *edgeCurve) set(j int, s, g float64, n int64) {
	se := 0.0
	if s > 0 {
		se = s * math.Sqrt(g)
	}
	c.val[j], c.se[j] = s, se
	if j == 0 && s >= 1 {
		c.lo[j], c.hi[j] = 1, 1
		return
	}
	c.lo[j], c.hi[j] = SurvivalInterval(s, se, n)
}

// setVar stores a cumulative incidence f with variance v at edge j, where the
// event status through the edge is known for n patients; its interval is
// IncidenceInterval's, and [0, 0] at t = 0 without time-0 events.
func (c *edgeCurve) setVar(j int, f, v float64, n int64) {
	se := math.Sqrt(v)
	c.val[j], c.se[j] = f, se
	if j == 0 && f <= 0 {
		c.lo[j], c.hi[j] = 0, 0
		return
	}
	c.lo[j], c.hi[j] = IncidenceInterval(f, se, n)
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

// areaTo returns the integral of val from 0 to tau, given the cumulative
// areas at the edges: whole bins to the edge jt before tau, then the bin tau
// cuts (a share fr of it), val linear within it, as at interpolates. A tau at
// or past the horizon is the whole area (jt = the last bin + 1, fr = 0).
func (c *edgeCurve) areaTo(area []float64, tau float64) (total float64, jt int, fr float64) {
	nb := len(c.val) - 1
	if tau >= c.horizon {
		return area[nb], nb, 0
	}
	jt = int(math.Floor(tau / c.w))
	if jt >= nb {
		return area[nb], nb, 0
	}
	t0, t1 := c.edgeTime(jt), c.edgeTime(jt+1)
	fr = (tau - t0) / (t1 - t0)
	if fr <= 0 {
		return area[jt], jt, 0
	}
	v := c.val[jt] + fr*(c.val[jt+1]-c.val[jt])
	return area[jt] + (tau-t0)*(c.val[jt]+v)/2, jt, fr
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
// (Brookmeyer & Crowley 1982: the times whose pointwise test of S(t) = 0.5 is
// not rejected, here with the curve's own log-log bounds, as survfit with
// conf.type = "log-log"): for a falling S the lower limit is where the lower
// bound crosses 0.5 and the upper limit where the upper bound does; for a
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
