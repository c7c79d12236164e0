package sim

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blinasim/blinasim/model"
)

// psaSalt separates the parameter draws' stream from the patients' streams of
// the same seed.
const psaSalt = 0x5053415f64726177 // "PSA_draw"

// DrawValues returns parameter set d (d ≥ 1) of a probabilistic sensitivity
// analysis: each parameter with an uncertainty distribution takes its quantile
// at a uniform keyed by (seed, d, parameter position), so a draw is the same
// whatever else is run; fixed parameters keep their value. Draw 0 is the
// parameters' own values.
func DrawValues(m *model.Model, seed uint64, d int) model.Values {
	vals := m.Values()
	if d == 0 {
		return vals
	}
	vk := visitKey(patientKey(seedKey(seed^psaSalt), uint64(d)), 0)
	for i, p := range m.Parameters {
		if u := p.Uncertainty; u != nil && u.Family != model.UncFixed {
			vals[p.Name] = u.Quantile(uniform(vk, uint32(i)))
		}
	}
	return vals
}

// PSA is the result of a probabilistic sensitivity analysis: the figures of
// every draw, summarised as the median with a 2.5–97.5 percentile band.
type PSA struct {
	Draws     int
	Endpoints []PSAEndpoint // as in the base result
}

// PSAEndpoint holds an endpoint's figures across draws: the curve on the
// grid, the landmarks, the median and the RMST, each summarised as
// Band{Median, Lower (2.5%), Upper (97.5%)}.
type PSAEndpoint struct {
	Name      string
	Kind      model.EndpointKind
	Curve     []Band
	Landmarks []PSALandmark
	Median    Band
	RMST      Band
}

// PSALandmark is a landmark's band.
type PSALandmark struct {
	Time float64
	Band
}

// Band is a figure's median and 2.5 and 97.5 percentiles across draws (R's
// default quantile type 7). A median never reached in a draw counts as +Inf.
type Band struct{ Median, Lower, Upper float64 }

// RunPSA simulates draws parameter sets of m (DrawValues 1..draws), each on
// the same opts.Patients patients (common random numbers across draws, so the
// band shows parameter uncertainty with little Monte Carlo noise), and
// summarises them. A draw whose parameters make the model invalid (e.g.
// branch probabilities drawn independently that sum past 1) is an error that
// names the draw.
func RunPSA(ctx context.Context, m *model.Model, draws int, opts Options) (*PSA, error) {
	if draws < 2 {
		return nil, fmt.Errorf("PSA needs at least 2 draws (got %d)", draws)
	}
	var rs []*Result
	for d := 1; d <= draws; d++ {
		p, err := Compile(m, DrawValues(m, opts.Seed, d))
		if err != nil {
			return nil, fmt.Errorf("PSA draw %d: %w", d, err)
		}
		r, err := Run(ctx, p, opts)
		if err != nil {
			return nil, fmt.Errorf("PSA draw %d: %w", d, err)
		}
		rs = append(rs, r)
	}
	return summarisePSA(rs), nil
}

// summarisePSA collects the draws' figures into bands.
func summarisePSA(rs []*Result) *PSA {
	out := &PSA{Draws: len(rs)}
	vals := make([]float64, len(rs))
	band := func(get func(r *Result) float64) Band {
		for i, r := range rs {
			vals[i] = get(r)
		}
		return bandOf(vals)
	}
	for k, e := range rs[0].Endpoints {
		pe := PSAEndpoint{Name: e.Name, Kind: e.Kind, Curve: make([]Band, len(e.Curve))}
		for g := range e.Curve {
			pe.Curve[g] = band(func(r *Result) float64 { return r.Endpoints[k].Curve[g].Value })
		}
		for j, l := range e.Landmarks {
			pe.Landmarks = append(pe.Landmarks, PSALandmark{Time: l.Time,
				Band: band(func(r *Result) float64 { return r.Endpoints[k].Landmarks[j].Value })})
		}
		pe.Median = band(func(r *Result) float64 { return r.Endpoints[k].Median.Value })
		pe.RMST = band(func(r *Result) float64 { return r.Endpoints[k].RMST.Value })
		out.Endpoints = append(out.Endpoints, pe)
	}
	return out
}

// bandOf returns the median and the 2.5 and 97.5 percentiles of xs (sorting
// it), with R's default (type 7) interpolation; NaNs are dropped.
func bandOf(xs []float64) Band {
	s := slices.DeleteFunc(slices.Clone(xs), math.IsNaN)
	if len(s) == 0 {
		return Band{math.NaN(), math.NaN(), math.NaN()}
	}
	slices.Sort(s)
	return Band{Median: quantile7(s, 0.5), Lower: quantile7(s, 0.025), Upper: quantile7(s, 0.975)}
}

// quantile7 is R's quantile(type = 7) of sorted s: linear interpolation
// between the order statistics at h = (n − 1)·p.
func quantile7(s []float64, p float64) float64 {
	h := float64(len(s)-1) * p
	lo := int(math.Floor(h))
	if lo+1 >= len(s) {
		return s[len(s)-1]
	}
	a, b := s[lo], s[lo+1]
	if a == b || math.IsInf(a, 0) || math.IsInf(b, 0) {
		if h == float64(lo) {
			return a
		}
		return b
	}
	return a + (h-float64(lo))*(b-a)
}
