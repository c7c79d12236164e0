package sim

import (
	"math"
	"slices"

	"github.com/blinasim/blinasim/model"
)

// summarisePSA keeps each draw's values and figures and summarises every
// figure and curve point across draws as a band.
func summarisePSA(m *model.Model, out []drawOutcome) *PSA {
	psa := &PSA{Draws: len(out), Parameters: drawnParameters(m), Samples: make([]PSASample, len(out))}
	for i, o := range out {
		psa.Samples[i] = PSASample{Values: o.values, Endpoints: o.figures}
	}
	vals := make([]float64, len(out))
	band := func(get func(o *drawOutcome) float64) Band {
		for i := range out {
			vals[i] = get(&out[i])
		}
		return bandOf(vals)
	}
	for k, e := range out[0].eps {
		pe := PSAEndpoint{Name: e.Name, Kind: e.Kind, Curve: make([]Band, len(out[0].curves[k])),
			Landmarks: slices.Clone(e.Landmarks)}
		for g := range pe.Curve {
			pe.Curve[g] = band(func(o *drawOutcome) float64 { return o.curves[k][g] })
		}
		for j := range pe.Landmarks {
			pe.Landmarks[j].Band = band(func(o *drawOutcome) float64 { return o.figures[k].Landmarks[j] })
		}
		pe.Median = band(func(o *drawOutcome) float64 { return o.figures[k].Median })
		pe.RMST = band(func(o *drawOutcome) float64 { return o.figures[k].RMST })
		psa.Endpoints = append(psa.Endpoints, pe)
	}
	summariseGroups(psa, out, func(sub []drawOutcome) *PSA { return summarisePSA(m, sub) })
	return psa
}

// bandOf returns the median and the 2.5 and 97.5 percentiles of xs (sorting
// a copy), with R's default (type 7) interpolation; NaNs are dropped.
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
