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
	part, err := RunSweepPart(ctx, m, o, sw, nil, opts)
	if err != nil {
		return nil, err
	}
	return AssembleSweep(m, o, sw, part)
}

// sweepPrograms returns the frame of a sweep's result (everything but the
// cells) and its grid points compiled, with each point's values for messages.
// Every point is compiled before anything is simulated, so that a bad one
// fails at once.
func sweepPrograms(m *model.Model, o model.Outcome, sw model.Sweep) (*SweepResult, []*Program, []string, error) {
	if n := len(sw.Axes); n < 1 || n > model.MaxSweepAxes {
		return nil, nil, nil, fmt.Errorf("sweep %q varies %d parameters; 1 or 2 are allowed", sw.Name, n)
	}
	am, err := analysisModel(m, o)
	if err != nil {
		return nil, nil, nil, err
	}
	vals := am.Values()
	s := &SweepResult{Name: sw.Name, Outcome: o}
	for _, a := range sw.Axes {
		x, ok := vals[a.Name]
		if !ok {
			return nil, nil, nil, fmt.Errorf("sweep %q: model %q has no parameter %q", sw.Name, m.Name, a.Name)
		}
		s.Parameters = append(s.Parameters, a.Name)
		s.Base = append(s.Base, x)
		s.Values = append(s.Values, a.Grid())
	}
	var progs []*Program
	var points []string
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
			return nil, nil, nil, &ValueError{fmt.Errorf("sweep %q at %s: %w", sw.Name, points[len(points)-1], err)}
		}
		progs = append(progs, p)
		if !nextPoint(idx, s.Values) {
			break
		}
	}
	return s, progs, points, nil
}

// SweepPart is the outcome at the grid points of a span of a sweep (points
// in the order of SweepResult.Cells).
type SweepPart struct {
	Span  Span
	cells []Estimate
}

// RunSweepPart simulates the grid points of span (all when nil) of the sweep
// that RunSweep runs.
func RunSweepPart(ctx context.Context, m *model.Model, o model.Outcome, sw model.Sweep, span *Span, opts Options) (*SweepPart, error) {
	_, progs, points, err := sweepPrograms(m, o, sw)
	if err != nil {
		return nil, err
	}
	sp, err := resolveSpan(span, len(progs), fmt.Sprintf("points of sweep %q", sw.Name))
	if err != nil {
		return nil, err
	}
	part := &SweepPart{Span: sp, cells: make([]Estimate, sp.Len())}
	for k := sp.Lo; k < sp.Hi; k++ {
		r, err := Run(ctx, progs[k], opts)
		if err != nil {
			return nil, fmt.Errorf("sweep %q at %s: %w", sw.Name, points[k], err)
		}
		if part.cells[k-sp.Lo], err = OutcomeOf(r, o); err != nil {
			return nil, err
		}
	}
	return part, nil
}

// AssembleSweep puts together the parts of a sweep of m, which must hold each
// of its points once, into what RunSweep returns.
func AssembleSweep(m *model.Model, o model.Outcome, sw model.Sweep, parts ...*SweepPart) (*SweepResult, error) {
	s, progs, _, err := sweepPrograms(m, o, sw)
	if err != nil {
		return nil, err
	}
	if err := s.fill(len(progs), parts); err != nil {
		return nil, err
	}
	return s, nil
}

// fill sets s's cells from parts, which must hold each of its n points once.
func (s *SweepResult) fill(n int, parts []*SweepPart) error {
	for _, p := range sortedSpans(parts, func(p *SweepPart) Span { return p.Span }) {
		if p.Span.Lo != len(s.Cells) {
			return fmt.Errorf("sweep %q: points %d..%d are missing or given twice", s.Name, len(s.Cells), p.Span.Lo)
		}
		s.Cells = append(s.Cells, p.cells...)
	}
	if len(s.Cells) != n {
		return fmt.Errorf("sweep %q: parts hold %d of its %d points", s.Name, len(s.Cells), n)
	}
	return nil
}

// Ints returns the part's cells as arrays of integers: one per cell, its
// estimate's value, SE and interval as IEEE 754 bits.
func (p *SweepPart) Ints() [][]int64 {
	xs := make([][]int64, len(p.cells))
	for i, c := range p.cells {
		xs[i] = floatBits(estimateFloats(nil, c))
	}
	return xs
}

// SweepPartFromInts reads back a part of a sweep written by Ints.
func SweepPartFromInts(span Span, xs [][]int64) (*SweepPart, error) {
	if len(xs) != span.Len() {
		return nil, fmt.Errorf("sweep part: %d cells for points %d..%d", len(xs), span.Lo, span.Hi)
	}
	p := &SweepPart{Span: span}
	for i, x := range xs {
		if len(x) != 4 {
			return nil, fmt.Errorf("sweep part: cell %d has %d numbers (want 4)", i, len(x))
		}
		e, _ := floatsEstimate(bitsFloat(x))
		p.cells = append(p.cells, e)
	}
	return p, nil
}

// SweepUnits is the number of grid points of a sweep, its units of work for
// sharding.
func SweepUnits(sw model.Sweep) int { return sw.Cells() }

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
