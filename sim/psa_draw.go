package sim

import (
	"context"
	"fmt"

	"github.com/blinasim/blinasim/model"
)

// drawRunner simulates one PSA draw after another on one goroutine. With one
// worker per draw it keeps its worker and accumulators from draw to draw
// (every draw has the same layout: the horizon, states and endpoints are not
// parameters), so a draw costs its patients and its estimates, not a fresh
// set of goroutines and histograms.
type drawRunner struct {
	w *worker
	l layout
	o Options // with the grid step and bins resolved
}

// run compiles m with vals and simulates it with opts (defaults applied).
func (dr *drawRunner) run(ctx context.Context, m *model.Model, vals model.Values, opts Options) (*Result, error) {
	p, err := Compile(m, vals)
	if err != nil {
		return nil, err
	}
	if opts.Workers > 1 {
		return Run(ctx, p, opts)
	}
	if dr.w == nil {
		dr.o = opts.withStep(p.horizon)
		if dr.l, err = newLayout(p, dr.o.Step, dr.o.BinsPerStep); err != nil {
			return nil, err
		}
		dr.w = newWorker(p, &dr.l)
	} else {
		dr.w.p = p
		dr.w.totals().reset()
	}
	sk := seedKey(opts.Seed)
	for lo := 0; lo < opts.Patients; lo += chunk {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		hi := min(lo+chunk, opts.Patients)
		for i := lo; i < hi; i++ {
			if err := dr.w.patient(patientKey(sk, uint64(i)), nil); err != nil {
				return nil, fmt.Errorf("patient %d: %w", i, err)
			}
		}
		if opts.Progress != nil {
			opts.Progress(hi - lo)
		}
	}
	return estimate(p, &dr.l, dr.w.totals(), dr.o), nil
}

// drawOutcome is what a PSA keeps of one draw: the drawn parameters' values,
// each endpoint's figures, and its curve values on the grid (for the bands).
type drawOutcome struct {
	values  []float64
	figures []DrawFigures
	curves  [][]float64
	eps     []PSAEndpoint // names, kinds and landmark times only
	// With subgroups (--by): each subgroup's figures and curves in the same
	// draw (psa_groups.go); their values are the draw's, kept once here.
	subgroup string
	groups   []drawOutcome
}

// drawn reports whether a PSA records a parameter's value per draw: it is
// drawn, or derived from parameters that are.
func drawn(p model.Parameter) bool {
	return p.IsDerived() || p.Uncertainty != nil && p.Uncertainty.Family != model.UncFixed
}

// drawnParameters names m's drawn parameters in model order.
func drawnParameters(m *model.Model) []string {
	var names []string
	for _, p := range m.Parameters {
		if drawn(p) {
			names = append(names, p.Name)
		}
	}
	return names
}

// outcome keeps what a PSA needs of draw result r with parameter values vals.
func outcome(m *model.Model, vals model.Values, r *Result) drawOutcome {
	o := endpointOutcome(r)
	for _, p := range m.Parameters {
		if drawn(p) {
			o.values = append(o.values, vals[p.Name])
		}
	}
	o.groups = groupOutcomes(r)
	return o
}

// endpointOutcome keeps each endpoint's figures and curve of result r.
func endpointOutcome(r *Result) drawOutcome {
	var o drawOutcome
	for _, e := range r.Endpoints {
		f := DrawFigures{Median: e.Median.Value, RMST: e.RMST.Value, Landmarks: make([]float64, len(e.Landmarks))}
		pe := PSAEndpoint{Name: e.Name, Kind: e.Kind, Landmarks: make([]PSALandmark, len(e.Landmarks))}
		for j, l := range e.Landmarks {
			f.Landmarks[j] = l.Value
			pe.Landmarks[j].Time = l.Time
		}
		c := make([]float64, len(e.Curve))
		for g, x := range e.Curve {
			c[g] = x.Value
		}
		o.figures = append(o.figures, f)
		o.curves = append(o.curves, c)
		o.eps = append(o.eps, pe)
	}
	return o
}
