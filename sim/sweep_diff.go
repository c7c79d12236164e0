package sim

import (
	"context"
	"fmt"

	"github.com/blinasim/blinasim/model"
)

// RunSweepDifference runs a sweep on the difference scenario − base: both
// scenarios at every grid point (the swept parameters set in whichever
// scenarios have them), each pair on the same patients; Cells hold the
// differences with their paired intervals.
func RunSweepDifference(ctx context.Context, base, scen *model.Model, o model.Outcome, sw model.Sweep, opts Options) (*SweepResult, error) {
	part, err := RunSweepDifferencePart(ctx, base, scen, o, sw, nil, opts)
	if err != nil {
		return nil, err
	}
	return AssembleSweepDifference(base, scen, o, sw, part)
}

// sweepDiffPrograms returns the frame of a sweep of the difference (its
// result but the cells) and the pair of programs of each grid point, in the
// order of SweepResult.Cells. Every pair is compiled before anything is
// simulated, so that a bad point fails at once.
func sweepDiffPrograms(base, scen *model.Model, o model.Outcome, sw model.Sweep) (*SweepResult, [][2]*Program, error) {
	if n := len(sw.Axes); n < 1 || n > model.MaxSweepAxes {
		return nil, nil, fmt.Errorf("sweep %q varies %d parameters; 1 or 2 are allowed", sw.Name, n)
	}
	pa, err := newPairAt(base, scen, o)
	if err != nil {
		return nil, nil, err
	}
	vb, vs := base.Values(), scen.Values()
	s := &SweepResult{Name: sw.Name, Outcome: o, Scenario: scen.Name}
	for _, a := range sw.Axes {
		x, ok := vb[a.Name]
		if !ok {
			if x, ok = vs[a.Name]; !ok {
				return nil, nil, fmt.Errorf("sweep %q: neither %s nor %s has a parameter %q", sw.Name, base.Name, scen.Name, a.Name)
			}
		}
		s.Parameters = append(s.Parameters, a.Name)
		s.Base = append(s.Base, x)
		s.Values = append(s.Values, a.Grid())
	}
	var pairs [][2]*Program
	idx := make([]int, len(s.Values))
	for {
		set := map[string]float64{}
		for a, i := range idx {
			set[s.Parameters[a]] = s.Values[a][i]
		}
		p, err := pa.compile(set)
		if err != nil {
			return nil, nil, &ValueError{fmt.Errorf("sweep %q of the difference at %v: %w", sw.Name, set, err)}
		}
		pairs = append(pairs, p)
		if !nextPoint(idx, s.Values) {
			break
		}
	}
	return s, pairs, nil
}

// RunSweepDifferencePart runs the grid points of span (all when nil) of the
// sweep of the difference that RunSweepDifference runs, each point's pair
// whole; the part's cells are the differences.
func RunSweepDifferencePart(ctx context.Context, base, scen *model.Model, o model.Outcome, sw model.Sweep, span *Span,
	opts Options) (*SweepPart, error) {
	_, pairs, err := sweepDiffPrograms(base, scen, o, sw)
	if err != nil {
		return nil, err
	}
	sp, err := resolveSpan(span, len(pairs), fmt.Sprintf("points of sweep %q", sw.Name))
	if err != nil {
		return nil, err
	}
	part := &SweepPart{Span: sp, cells: make([]Estimate, sp.Len())}
	for k := sp.Lo; k < sp.Hi; k++ {
		d, _, err := runDiff(ctx, pairs[k], o, opts)
		if err != nil {
			return nil, fmt.Errorf("sweep %q: %w", sw.Name, err)
		}
		part.cells[k-sp.Lo] = d.Estimate
	}
	return part, nil
}

// AssembleSweepDifference puts together the parts of a sweep of the
// difference scen − base, which must hold each of its points once, into what
// RunSweepDifference returns.
func AssembleSweepDifference(base, scen *model.Model, o model.Outcome, sw model.Sweep, parts ...*SweepPart) (*SweepResult, error) {
	s, pairs, err := sweepDiffPrograms(base, scen, o, sw)
	if err != nil {
		return nil, err
	}
	if err := s.fill(len(pairs), parts); err != nil {
		return nil, err
	}
	return s, nil
}
