package sim

import (
	"fmt"
	"math"

	"github.com/blinasim/blinasim/model"
)

// PSAPart is what a probabilistic sensitivity analysis keeps of the draws of
// one span (draws Span.Lo+1..Span.Hi): each draw's parameter values, figures
// and curves, before they are summarised across all draws.
type PSAPart struct {
	Span Span
	out  []drawOutcome
}

// SummarisePSA summarises the parts of an analysis of draws draws of m, which
// together must hold draws 1..draws once each, into the PSA that RunPSA
// returns.
func SummarisePSA(m *model.Model, draws int, parts ...*PSAPart) (*PSA, error) {
	out := make([]drawOutcome, 0, draws)
	for _, p := range sortedSpans(parts, func(p *PSAPart) Span { return p.Span }) {
		if p.Span.Lo != len(out) {
			return nil, fmt.Errorf("PSA draws %d..%d are missing or given twice", len(out)+1, p.Span.Lo)
		}
		out = append(out, p.out...)
	}
	if len(out) != draws || draws == 0 {
		return nil, fmt.Errorf("PSA parts hold %d of its %d draws", len(out), draws)
	}
	for d, o := range out { // parts read back from files must agree in shape
		if len(o.values) != len(out[0].values) || len(o.curves) != len(out[0].curves) {
			return nil, fmt.Errorf("PSA draw %d has %d values and %d curves, draw 1 %d and %d", d+1, len(o.values), len(o.curves),
				len(out[0].values), len(out[0].curves))
		}
		for k, c := range o.curves {
			if len(c) != len(out[0].curves[k]) {
				return nil, fmt.Errorf("PSA draw %d: a curve of %d points, not %d", d+1, len(c), len(out[0].curves[k]))
			}
		}
	}
	if err := checkGroupShapes(out); err != nil {
		return nil, err
	}
	return summarisePSA(m, out), nil
}

// Ints returns the part's draws as arrays of integers (each float64 as its
// IEEE 754 bits, so exactly): per draw, the drawn values, then per endpoint
// its figures (median, RMST, landmarks) and its curve, then each
// subgroup's endpoints likewise (psa_groups.go).
func (p *PSAPart) Ints() [][]int64 {
	var xs [][]int64
	for _, o := range p.out {
		xs = append(xs, floatBits(o.values))
		for _, og := range append([]drawOutcome{o}, o.groups...) {
			for k, f := range og.figures {
				xs = append(xs, floatBits(append([]float64{f.Median, f.RMST}, f.Landmarks...)), floatBits(og.curves[k]))
			}
		}
	}
	return xs
}

// PSAPartFromInts reads back a part of an analysis of m written by Ints.
func PSAPartFromInts(m *model.Model, span Span, xs [][]int64) (*PSAPart, error) {
	p, err := Compile(m, nil)
	if err != nil {
		return nil, err
	}
	eps := psaEndpoints(p)
	labels := groupLabels(p)
	per := 1 + 2*len(eps)*(1+len(labels))
	if len(xs) != per*span.Len() {
		return nil, fmt.Errorf("%d arrays for %d PSA draws of a model with %d endpoints and %d subgroups (want %d)",
			len(xs), span.Len(), len(eps), len(labels), per*span.Len())
	}
	part := &PSAPart{Span: span, out: make([]drawOutcome, span.Len())}
	for d := range part.out {
		row := xs[d*per : (d+1)*per]
		o := drawOutcome{values: bitsFloat(row[0])}
		for g := -1; g < len(labels); g++ {
			og := drawOutcome{eps: eps}
			at := row[1+2*len(eps)*(g+1):]
			for k, e := range eps {
				f := bitsFloat(at[2*k])
				if len(f) != 2+len(e.Landmarks) {
					return nil, fmt.Errorf("PSA draw %d, endpoint %s: %d figures (want %d)", span.Lo+d+1, e.Name, len(f), 2+len(e.Landmarks))
				}
				og.figures = append(og.figures, DrawFigures{Median: f[0], RMST: f[1], Landmarks: f[2:]})
				og.curves = append(og.curves, bitsFloat(at[2*k+1]))
			}
			if g < 0 {
				o.eps, o.figures, o.curves = og.eps, og.figures, og.curves
				continue
			}
			og.subgroup = labels[g]
			o.groups = append(o.groups, og)
		}
		part.out[d] = o
	}
	return part, nil
}

// psaEndpoints is what outcome keeps of a draw's endpoints (names, kinds and
// landmark times), which parameters do not change.
func psaEndpoints(p *Program) []PSAEndpoint {
	var eps []PSAEndpoint
	for _, e := range p.endpoints {
		pe := PSAEndpoint{Name: e.Name, Kind: e.Kind}
		for _, t := range p.Model.Landmarks {
			if t <= p.Model.Horizon {
				pe.Landmarks = append(pe.Landmarks, PSALandmark{Time: t})
			}
		}
		eps = append(eps, pe)
	}
	return eps
}

// floatBits returns the IEEE 754 bits of xs.
func floatBits(xs []float64) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = int64(math.Float64bits(x))
	}
	return out
}

// bitsFloat is the inverse of floatBits.
func bitsFloat(xs []int64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = math.Float64frombits(uint64(x))
	}
	return out
}
