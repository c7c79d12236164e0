package sim

import (
	"context"
	"fmt"
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
	part, err := RunOneWayDifferencePart(ctx, base, scen, o, ranges, nil, opts)
	if err != nil {
		return nil, err
	}
	return AssembleOneWayDifference(scen, o, ranges, part)
}
