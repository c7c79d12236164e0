package sim

import (
	"math"

	"github.com/blinasim/blinasim/model"
)

// estimate turns merged totals into a Result (with its subgroups' results,
// when the program has subgroups: estimate_groups.go).
func estimate(p *Program, l *layout, acc *accum, opts Options) *Result {
	r := estimateOne(p, l, acc.total(*l), opts)
	if len(acc.groups) > 0 {
		estimateGroups(p, l, acc, opts, r)
	}
	return r
}

// estimateOne turns one set of totals into a Result.
func estimateOne(p *Program, l *layout, acc *accum, opts Options) *Result {
	m := p.Model
	r := &Result{Model: m.Name, Scenario: m.Name, Unit: m.Unit, Horizon: m.Horizon,
		Patients: int(acc.patients), Seed: opts.Seed, Grid: l.grid()}
	var landmarks []float64 // those within the horizon
	for _, t := range m.Landmarks {
		if t <= m.Horizon {
			landmarks = append(landmarks, t)
		}
	}
	curves := make(map[string]*edgeCurve, len(p.endpoints))
	for k, ep := range p.endpoints {
		lo, hi := k*l.nBins, (k+1)*l.nBins
		n := acc.started[k]
		er := EndpointResult{Name: ep.Name, Title: ep.Title, Kind: ep.Kind, N: int(n), Tau: m.TauOf(ep),
			Events: int(acc.ev0[k] + sum(acc.ev[lo:hi])), Competing: int(acc.comp0[k] + sum(acc.comp[lo:hi]))}
		er.AtRisk = atRisk(n, acc.ev0[k], acc.comp0[k], acc.ev[lo:hi], acc.comp[lo:hi], acc.cens[lo:hi], r.Grid, l.binW)
		var c edgeCurve
		if ep.Kind == model.Incidence {
			c = aalenJohansen(n, acc.ev0[k], acc.comp0[k], acc.ev[lo:hi], acc.comp[lo:hi], acc.cens[lo:hi], l.binW, l.horizon, m.TauOf(ep))
		} else {
			c = kaplanMeier(n, acc.ev0[k], acc.ev[lo:hi], acc.cens[lo:hi], l.binW, l.horizon, m.TauOf(ep))
		}
		if n == 0 {
			nan := Estimate{Value: math.NaN(), SE: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}
			er.Curve = make([]Estimate, len(r.Grid))
			for i := range er.Curve {
				er.Curve[i] = nan
			}
			er.Median, er.RMST = nan, nan
			for _, t := range landmarks {
				er.Landmarks = append(er.Landmarks, Landmark{Time: t, Estimate: nan})
			}
			r.Endpoints = append(r.Endpoints, er)
			continue
		}
		curves[ep.Name] = &c
		er.Curve = make([]Estimate, len(r.Grid))
		for i, t := range r.Grid {
			er.Curve[i] = c.at(t)
		}
		er.Median = c.median(ep.Kind != model.Incidence)
		for _, t := range landmarks {
			er.Landmarks = append(er.Landmarks, Landmark{Time: t, Estimate: c.at(t)})
		}
		er.RMST = c.integral
		r.Endpoints = append(r.Endpoints, er)
	}
	np := acc.patients
	for s, st := range m.States {
		sr := StateResult{Name: st.Name, Title: st.Label(), Occupancy: make([]Estimate, len(r.Grid)), Entered: int(acc.entered[s])}
		row := acc.occ[s*(l.nGrid+1) : (s+1)*(l.nGrid+1)]
		var count int64
		for i := range r.Grid {
			count += row[i]
			sr.Occupancy[i] = wilson(count, np)
		}
		sr.EverIn = wilson(acc.entered[s], np)
		sr.MeanTime = meanTime(acc.timeSum[s], acc.timeSq[s], np, l.tickScale)
		r.States = append(r.States, sr)
	}
	r.Targets = targets(p, r, curves, acc)
	return r
}

// targets evaluates each of the model's targets on the simulated results.
func targets(p *Program, r *Result, curves map[string]*edgeCurve, acc *accum) []TargetResult {
	m := p.Model
	nan := Estimate{Value: math.NaN(), SE: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}
	out := make([]TargetResult, len(m.Targets))
	for i, t := range m.Targets {
		out[i] = TargetResult{Target: t, Simulated: nan}
		c := curves[t.Endpoint]
		switch t.Measure {
		case model.MeasureSurvival, model.MeasureIncidence:
			if c != nil && t.Time <= m.Horizon {
				out[i].Simulated = c.at(t.Time)
			}
		case model.MeasureMedian:
			if c != nil {
				out[i].Simulated = c.median(r.Endpoints[endpointIndex(r, t.Endpoint)].Kind == model.Survival)
			}
		case model.MeasureShareEntering:
			if p.cond != nil && p.cond.of[i] >= 0 {
				k := p.cond.of[i]
				if acc.condDen[k] > 0 {
					out[i].Simulated = wilson(acc.condNum[k], acc.condDen[k])
				}
				break
			}
			if t.Time > 0 {
				if k := p.enteringOf[i]; k >= 0 {
					out[i].Simulated = wilson(acc.enteredBy[k], acc.patients)
				}
				break
			}
			for _, s := range r.States {
				if s.Name == t.State {
					out[i].Simulated = s.EverIn
				}
			}
		}
	}
	return out
}

// meanTime is the mean time in a state over all n patients (those never in it
// count 0), from fixed-point sums, with a normal interval.
func meanTime(sum, sq u128, n int64, scale float64) Estimate {
	nf := float64(n)
	mean := sum.float() / nf
	v := sq.float()/nf - mean*mean
	se := 0.0
	if n > 1 && v > 0 {
		se = math.Sqrt(v / (nf - 1))
	}
	return normalEstimate(mean/scale, se/scale)
}

func sum(xs []int64) int64 {
	var t int64
	for _, x := range xs {
		t += x
	}
	return t
}
