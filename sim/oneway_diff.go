package sim

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blinasim/blinasim/model"
)

// DiffRanges returns the ranges of a one-way analysis of the difference
// between two scenarios: base's (Ranges), then the scenario's for parameters
// the base does not have.
func DiffRanges(base, scen *model.Model) []Range {
	out := Ranges(base)
	for _, r := range Ranges(scen) {
		if !slices.ContainsFunc(out, func(b Range) bool { return b.Parameter == r.Parameter }) {
			out = append(out, r)
		}
	}
	return out
}

// pairAt is a base and a scenario compiled with some parameters set (in the
// scenarios that have them; derived values follow).
type pairAt struct{ base, scen *model.Model }

// newPairAt returns the analysis models of base and scen for outcome o.
func newPairAt(base, scen *model.Model, o model.Outcome) (pairAt, error) {
	var pa pairAt
	var err error
	if pa.base, err = analysisModel(base, o); err != nil {
		return pa, fmt.Errorf("%s: %w", base.Name, err)
	}
	if pa.scen, err = analysisModel(scen, o); err != nil {
		return pa, fmt.Errorf("%s: %w", scen.Name, err)
	}
	return pa, nil
}

// compile compiles both models with set applied; what the error names is
// left to the caller.
func (pa pairAt) compile(set map[string]float64) ([2]*Program, error) {
	var out [2]*Program
	for i, m := range []*model.Model{pa.base, pa.scen} {
		vals := m.Values()
		for k, v := range set {
			if _, ok := vals[k]; ok {
				vals[k] = v
			}
		}
		p, err := Compile(m, vals)
		if err != nil {
			return out, fmt.Errorf("%s: %w", m.Name, err)
		}
		out[i] = p
	}
	return out, nil
}

// has reports whether either scenario has the parameter.
func (pa pairAt) has(name string) bool {
	_, a := pa.base.Values()[name]
	_, b := pa.scen.Values()[name]
	return a || b
}

// runDiff simulates a compiled pair on the same patients and returns the
// outcome's difference, scenario − base, with its paired interval where the
// outcome allows one (see Difference), and the two results.
func runDiff(ctx context.Context, progs [2]*Program, o model.Outcome, opts Options) (Difference, []*Result, error) {
	results, comps, err := RunScenarios(ctx, progs[:], opts)
	if err != nil {
		return Difference{}, nil, err
	}
	return outcomeDifference(comps[0], o), results, nil
}

// RunOneWayDifference is a one-way sensitivity analysis of the difference
// scenario − base in outcome o: for each range, both scenarios with that
// parameter at its low and at its high value (in whichever scenarios have
// it; every other parameter at its value, derived values following), each
// pair on the same opts.Patients patients as every other run (common random
// numbers). OneWay.Base, AtLow and AtHigh are then differences with their
// paired 95% intervals (Difference.Paired); DiffLow and DiffHigh are the
// change of the difference from the base difference, with the conservative
// interval √(SE² + SE₀²) that ignores their positive correlation.
func RunOneWayDifference(ctx context.Context, base, scen *model.Model, o model.Outcome, ranges []Range, opts Options) (*OneWay, error) {
	pa, err := newPairAt(base, scen, o)
	if err != nil {
		return nil, err
	}
	p0, err := pa.compile(nil)
	if err != nil {
		return nil, err
	}
	ends := make([][2]*Program, 0, 2*len(ranges))
	for _, r := range ranges {
		if !pa.has(r.Parameter) {
			return nil, fmt.Errorf("one-way analysis: neither %s nor %s has a parameter %q", base.Name, scen.Name, r.Parameter)
		}
		for _, x := range []float64{r.Low, r.High} {
			p, err := pa.compile(map[string]float64{r.Parameter: x})
			if err != nil {
				return nil, &ValueError{fmt.Errorf("one-way analysis of the difference: parameter %q at %v: %w", r.Parameter, x, err)}
			}
			ends = append(ends, p)
		}
	}
	d0, r0, err := runDiff(ctx, p0, o, opts)
	if err != nil {
		return nil, err
	}
	ow := &OneWay{Outcome: o, Base: d0.Estimate, BaseResult: r0[0], ScenarioResult: r0[1], Scenario: scen.Name, BasePaired: d0.Paired}
	for i, r := range ranges {
		lo, _, err := runDiff(ctx, ends[2*i], o, opts)
		if err != nil {
			return nil, err
		}
		hi, _, err := runDiff(ctx, ends[2*i+1], o, opts)
		if err != nil {
			return nil, err
		}
		row := OneWayRow{Range: r, AtLow: lo.Estimate, AtHigh: hi.Estimate,
			DiffLow: independent(d0.Estimate, lo.Estimate), DiffHigh: independent(d0.Estimate, hi.Estimate)}
		row.Swing = math.Abs(hi.Value - lo.Value)
		if math.IsInf(row.Swing, 0) {
			row.Swing = math.NaN()
		}
		ow.Rows = append(ow.Rows, row)
	}
	slices.SortStableFunc(ow.Rows, func(a, b OneWayRow) int { return cmp.Compare(b.Swing, a.Swing) })
	return ow, nil
}

// RunSweepDifference runs a sweep on the difference scenario − base: both
// scenarios at every grid point (the swept parameters set in whichever
// scenarios have them), each pair on the same patients; Cells hold the
// differences with their paired intervals.
func RunSweepDifference(ctx context.Context, base, scen *model.Model, o model.Outcome, sw model.Sweep, opts Options) (*SweepResult, error) {
	if n := len(sw.Axes); n < 1 || n > model.MaxSweepAxes {
		return nil, fmt.Errorf("sweep %q varies %d parameters; 1 or 2 are allowed", sw.Name, n)
	}
	pa, err := newPairAt(base, scen, o)
	if err != nil {
		return nil, err
	}
	vb, vs := base.Values(), scen.Values()
	s := &SweepResult{Name: sw.Name, Outcome: o, Scenario: scen.Name}
	for _, a := range sw.Axes {
		x, ok := vb[a.Name]
		if !ok {
			if x, ok = vs[a.Name]; !ok {
				return nil, fmt.Errorf("sweep %q: neither %s nor %s has a parameter %q", sw.Name, base.Name, scen.Name, a.Name)
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
			return nil, &ValueError{fmt.Errorf("sweep %q of the difference at %v: %w", sw.Name, set, err)}
		}
		pairs = append(pairs, p)
		if !nextPoint(idx, s.Values) {
			break
		}
	}
	s.Cells = make([]Estimate, len(pairs))
	for k, p := range pairs {
		d, _, err := runDiff(ctx, p, o, opts)
		if err != nil {
			return nil, fmt.Errorf("sweep %q: %w", sw.Name, err)
		}
		s.Cells[k] = d.Estimate
	}
	return s, nil
}
