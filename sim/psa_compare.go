package sim

import (
	"math"

	"github.com/blinasim/blinasim/model"
)

// PSAComparison is a scenario's difference from the base scenario across the
// draws of a probabilistic sensitivity analysis. Draw d of both analyses uses
// the same parameter values for the parameters they share (draws are keyed by
// name) and the same patients (common random numbers), so the difference in
// draw d isolates what the scenario changes; its band across draws is the
// parameter uncertainty of the difference itself, which the two scenarios'
// separate bands overstate.
type PSAComparison struct {
	Base, Scenario string // labels, set by the caller
	Draws          int
	Endpoints      []PSADifference // endpoints both scenarios have, in the base's order
}

// PSADifference is one endpoint's per-draw differences (scenario − base),
// summarised as bands, with the share of draws in which the difference is
// positive (for survival: the scenario is better; for incidence: worse).
type PSADifference struct {
	Name      string
	Kind      model.EndpointKind
	Landmarks []PSADifferenceAt // at landmark times both analyses report
	Median    PSABandShare
	RMST      PSABandShare
}

// PSADifferenceAt is a landmark's difference band.
type PSADifferenceAt struct {
	Time float64
	PSABandShare
}

// PSABandShare is a band of per-draw differences and the share of draws with
// a positive difference (draws where the difference is undefined, e.g. a
// median never reached in both, are left out of both).
type PSABandShare struct {
	Band
	Positive float64
}

// ComparePSA pairs the draws of two analyses of the same seed and number of
// draws (RunPSA on the base and on a scenario) and returns the bands of their
// differences. It returns nil if the analyses do not have the same draws.
func ComparePSA(base, scen *PSA) *PSAComparison {
	if base == nil || scen == nil || base.Draws != scen.Draws || len(base.Samples) != len(scen.Samples) {
		return nil
	}
	out := &PSAComparison{Draws: base.Draws}
	diffs := make([]float64, len(base.Samples))
	for kb, eb := range base.Endpoints {
		ks := psaEndpointIndex(scen, eb.Name)
		if ks < 0 || scen.Endpoints[ks].Kind != eb.Kind {
			continue
		}
		band := func(get func(f DrawFigures) float64) PSABandShare {
			for d := range base.Samples {
				diffs[d] = get(scen.Samples[d].Endpoints[ks]) - get(base.Samples[d].Endpoints[kb])
			}
			return bandShare(diffs)
		}
		pd := PSADifference{Name: eb.Name, Kind: eb.Kind,
			Median: band(func(f DrawFigures) float64 { return f.Median }),
			RMST:   band(func(f DrawFigures) float64 { return f.RMST })}
		for jb, lb := range eb.Landmarks {
			for js, ls := range scen.Endpoints[ks].Landmarks {
				if ls.Time != lb.Time {
					continue
				}
				for d := range base.Samples {
					diffs[d] = scen.Samples[d].Endpoints[ks].Landmarks[js] - base.Samples[d].Endpoints[kb].Landmarks[jb]
				}
				pd.Landmarks = append(pd.Landmarks, PSADifferenceAt{Time: lb.Time, PSABandShare: bandShare(diffs)})
			}
		}
		out.Endpoints = append(out.Endpoints, pd)
	}
	return out
}

// bandShare is the band of xs and the share of its defined values that are
// positive. Inf − Inf (a median never reached in either) is NaN and left out.
func bandShare(xs []float64) PSABandShare {
	pos, n := 0, 0
	for _, x := range xs {
		if !math.IsNaN(x) {
			n++
			if x > 0 {
				pos++
			}
		}
	}
	bs := PSABandShare{Band: bandOf(xs), Positive: math.NaN()}
	if n > 0 {
		bs.Positive = float64(pos) / float64(n)
	}
	return bs
}

// psaEndpointIndex returns the index of the named endpoint in p, or -1.
func psaEndpointIndex(p *PSA, name string) int {
	for i, e := range p.Endpoints {
		if e.Name == name {
			return i
		}
	}
	return -1
}
