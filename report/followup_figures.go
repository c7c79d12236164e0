package report

import (
	"math"

	"github.com/blinasim/blinasim/sim"
)

// The end of follow-up applied to an endpoint's figures (followup.go gives
// where it lies). A figure is not estimable when the curve it reads lies past
// the end of follow-up:
//
//   - a landmark at a time past it;
//   - a median reached only past it (one not reached within it is "not
//     reached", its upper limit too);
//   - the RMST, restricted to the endpoint's τ (its `tau`, or the horizon),
//     when τ lies past it: the integral would run through the flat tail that
//     no patient at risk supports (Tian et al. 2020, "On the empirical choice
//     of the time window for restricted mean survival time", Biometrics
//     76:1157–1166: τ should not exceed the follow-up the data support).
//     Differences between scenarios need one common τ (else they are not
//     given: sim's compare).
//
// A difference between two scenarios is not estimable when either figure is
// not.

// followedMedian returns the median m of an endpoint whose follow-up ends at
// end, and whether it is estimable: a median reached only past the end is not
// (its value NaN); an upper limit past it is not reached (+Inf). Nobody
// starting the endpoint (end −Inf) leaves nothing estimable.
func followedMedian(m sim.Estimate, end float64) (sim.Estimate, bool) {
	if math.IsInf(end, -1) {
		return sim.Estimate{Value: math.NaN(), SE: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}, false
	}
	if finite(m.Value) && past(m.Value, end) {
		m.Value, m.SE = math.NaN(), math.NaN()
		return m, false
	}
	if past(m.Upper, end) {
		m.Upper = math.Inf(1)
	}
	return m, true
}

// rmstEstimable reports whether an endpoint's RMST, restricted to tau, lies
// within its follow-up ending at end.
func rmstEstimable(tau, end float64) bool { return !past(tau, end) }

// endpointTau is the window τ of the RMST of r's endpoint name: the endpoint's
// Tau, or the horizon for a result that gives none; NaN without r.
func endpointTau(r *sim.Result, name string) float64 {
	if r == nil {
		return math.NaN()
	}
	if e := endpointOf(r, name); e != nil && e.Tau > 0 {
		return e.Tau
	}
	return r.Horizon
}

// endOf returns the end of follow-up of r's endpoint name: +Inf (all of the
// curve counts) when r is nil or has no such endpoint.
func (fu followUp) endOf(r *sim.Result, name string) float64 {
	if r == nil {
		return math.Inf(1)
	}
	for i := range r.Endpoints {
		if r.Endpoints[i].Name == name {
			return fu.end(r, &r.Endpoints[i])
		}
	}
	return math.Inf(1)
}

// endpointOf returns r's endpoint name, or nil.
func endpointOf(r *sim.Result, name string) *sim.EndpointResult {
	if r == nil {
		return nil
	}
	for i := range r.Endpoints {
		if r.Endpoints[i].Name == name {
			return &r.Endpoints[i]
		}
	}
	return nil
}

// byLabel indexes results by their scenario label (scenarioLabel), as
// comparisons name them.
func byLabel(results []*sim.Result) map[string]*sim.Result {
	m := make(map[string]*sim.Result, len(results))
	for _, r := range results {
		m[scenarioLabel(r)] = r
	}
	return m
}
