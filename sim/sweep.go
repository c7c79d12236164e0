package sim

import (
	"context"
	"fmt"
	"strings"

	"github.com/blinasim/blinasim/model"
)

// SweepResult is the outcome over a sweep's grid: one parameter (a line) or
// two (a heat map), every other parameter at its value.
type SweepResult struct {
	Name       string
	Outcome    model.Outcome
	Parameters []string    // the swept parameters, 1 or 2
	Base       []float64   // each swept parameter's own value
	Values     [][]float64 // each swept parameter's grid
	// Cells holds the outcome at every grid point, with its Monte Carlo
	// interval, the last parameter varying fastest: with two parameters,
	// Cells[i*len(Values[1])+j] has the first at Values[0][i] and the
	// second at Values[1][j].
	Cells []Estimate
	// Scenario, when set, names the scenario of a sweep of the difference
	// scenario − base (RunSweepDifference): Cells are differences.
	Scenario string
}

// At returns the outcome at grid point (i) of a one-parameter sweep, or (i, j)
// of a two-parameter sweep.
func (s *SweepResult) At(idx ...int) Estimate {
	k := 0
	for a, i := range idx {
		k = k*len(s.Values[a]) + i
	}
	return s.Cells[k]
}

// RunSweep simulates m at every point of the sweep's grid, each on the same
// opts.Patients patients (common random numbers, so the outcome varies
// smoothly over the grid), and records outcome o. A grid point that makes the
// model invalid is a *ValueError naming the values.
func RunSweep(ctx context.Context, m *model.Model, o model.Outcome, sw model.Sweep, opts Options) (*SweepResult, error) {
	if n := len(sw.Axes); n < 1 || n > model.MaxSweepAxes {
		return nil, fmt.Errorf("sweep %q varies %d parameters; 1 or 2 are allowed", sw.Name, n)
	}
	am, err := analysisModel(m, o)
	if err != nil {
		return nil, err
	}
	vals := am.Values()
	s := &SweepResult{Name: sw.Name, Outcome: o}
	for _, a := range sw.Axes {
		x, ok := vals[a.Name]
		if !ok {
			return nil, fmt.Errorf("sweep %q: model %q has no parameter %q", sw.Name, m.Name, a.Name)
		}
		s.Parameters = append(s.Parameters, a.Name)
		s.Base = append(s.Base, x)
		s.Values = append(s.Values, a.Grid())
	}
	// Every grid point is compiled before anything is simulated, so that a
	// bad one fails at once.
	var progs []*Program
	var points []string // each point's values, for messages
	idx := make([]int, len(s.Values))
	for {
		var at []string
		for a, i := range idx {
			vals[s.Parameters[a]] = s.Values[a][i]
			at = append(at, fmt.Sprintf("%s = %v", s.Parameters[a], s.Values[a][i]))
		}
		points = append(points, strings.Join(at, ", "))
		p, err := Compile(am, vals)
		if err != nil {
			return nil, &ValueError{fmt.Errorf("sweep %q at %s: %w", sw.Name, points[len(points)-1], err)}
		}
		progs = append(progs, p)
		if !nextPoint(idx, s.Values) {
			break
		}
	}
	s.Cells = make([]Estimate, len(progs))
	for k, p := range progs {
		r, err := Run(ctx, p, opts)
		if err != nil {
			return nil, fmt.Errorf("sweep %q at %s: %w", sw.Name, points[k], err)
		}
		if s.Cells[k], err = OutcomeOf(r, o); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// nextPoint moves idx to the next point of the grid, the last axis fastest,
// and reports whether there was one.
func nextPoint(idx []int, values [][]float64) bool {
	for a := len(idx) - 1; a >= 0; a-- {
		if idx[a]++; idx[a] < len(values[a]) {
			return true
		}
		idx[a] = 0
	}
	return false
}
