package fit

import (
	"context"
	"math"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// objective simulates the model at given free-parameter values, always with
// the same seed (common random numbers), and scores its targets.
type objective struct {
	ctx   context.Context
	m     *model.Model
	vals  model.Values // the model's values; the free ones are overwritten per evaluation
	opts  sim.Options
	evals int
}

func newObjective(ctx context.Context, m *model.Model, opts sim.Options) *objective {
	return &objective{ctx: ctx, m: m, vals: m.Values(), opts: opts}
}

// at returns the objective and the targets' fits at values x of the free
// parameters, or an error when those values break the model or a target
// cannot be simulated.
func (o *objective) at(free []model.FreeParameter, x []float64) (float64, []TargetFit, error) {
	for i, fp := range free {
		o.vals[fp.Name] = x[i]
	}
	prog, err := sim.Compile(o.m, o.vals)
	if err != nil {
		return math.Inf(1), nil, err
	}
	r, err := sim.Run(o.ctx, prog, o.opts)
	if err != nil {
		return math.Inf(1), nil, err
	}
	o.evals++
	total := 0.0
	fits := make([]TargetFit, len(r.Targets))
	for i, tr := range r.Targets {
		c, err := Contribution(tr.Target, tr.Simulated.Value, o.m.Horizon)
		if err != nil {
			return math.Inf(1), nil, err
		}
		fits[i] = TargetFit{Target: tr.Target, Simulated: tr.Simulated, Contribution: c}
		total += c
	}
	return total, fits, nil
}

// unidentified returns the parameters on which equally good starts disagree.
func unidentified(f *Fit) []string {
	b := f.Starts[f.Best]
	var out []string
	for i, fp := range f.Free {
		for _, st := range f.Starts {
			if math.IsInf(st.Objective, 1) || st.Objective > b.Objective+f.ObjectiveTol {
				continue
			}
			if differ(fp, st.Final[i], b.Final[i], f.ParameterTol) {
				out = append(out, fp.Name)
				break
			}
		}
	}
	return out
}

// differ reports whether two values of a parameter lie more than tol apart:
// relative to the value on the log scale, to the bounds' width otherwise.
func differ(fp model.FreeParameter, a, b, tol float64) bool {
	if fp.Scale() == model.TransformLog {
		return math.Abs(a/b-1) > tol
	}
	return math.Abs(a-b) > tol*(fp.Upper-fp.Lower)
}

// round4 rounds to 4 significant digits, the precision written to files.
func round4(x float64) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	e := math.Pow(10, 3-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*e) / e
}
