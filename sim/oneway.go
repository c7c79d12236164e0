package sim

import (
	"context"
	"fmt"
	"slices"

	"github.com/blinasim/blinasim/model"
)

// Ends says where a parameter's low and high values in a one-way analysis
// come from.
type Ends string

// The ends a one-way analysis may use.
const (
	EndsQuantiles Ends = "quantiles" // the 2.5% and 97.5% quantiles of the parameter's uncertainty
	EndsBounds    Ends = "bounds"    // low and high declared in the model's sensitivity section
)

// The quantiles of a parameter's uncertainty that are its ends by default:
// its central 95% interval.
const (
	LowQuantile  = 0.025
	HighQuantile = 0.975
)

// Range is a parameter's values in a one-way analysis.
type Range struct {
	Parameter string
	Value     float64 // its own value, the base
	Low, High float64
	Ends      Ends
}

// Ranges returns the ranges of a one-way analysis of m, in the order of its
// parameters: bounds declared in the sensitivity section win; otherwise a
// parameter with an uncertainty distribution (not fixed) varies between its
// 2.5% and 97.5% quantiles. Other parameters are left out.
func Ranges(m *model.Model) []Range {
	var out []Range
	for _, p := range m.Parameters {
		r := Range{Parameter: p.Name, Value: p.Value}
		if i := slices.IndexFunc(m.Sensitivity.Parameters, func(b model.Bounds) bool { return b.Name == p.Name }); i >= 0 {
			b := m.Sensitivity.Parameters[i]
			r.Low, r.High, r.Ends = b.Low, b.High, EndsBounds
		} else if u := p.Uncertainty; u != nil && u.Family != model.UncFixed {
			r.Low, r.High, r.Ends = u.Quantile(LowQuantile), u.Quantile(HighQuantile), EndsQuantiles
		} else {
			continue
		}
		out = append(out, r)
	}
	return out
}

// OneWayRow is one parameter's result: the outcome with the parameter at each
// end of its range and every other parameter at its value.
type OneWayRow struct {
	Range
	AtLow, AtHigh Estimate // the outcome, with its Monte Carlo interval
	// DiffLow and DiffHigh are the outcome minus the base's, on the same
	// patients: paired intervals for landmarks and RMST of endpoints that
	// start at time 0, independent ones otherwise (see Difference).
	DiffLow, DiffHigh Difference
	Swing             float64 // |AtHigh − AtLow|; NaN if either does not exist (a median not reached)
}

// OneWay is a one-way sensitivity analysis: the base run and one row per
// parameter, sorted by swing, largest first (rows without a swing last, in
// the model's order).
type OneWay struct {
	Outcome    model.Outcome
	Base       Estimate // the outcome with every parameter at its value
	BaseResult *Result  // the base run; the outcome's time is among its landmarks
	Rows       []OneWayRow
	// Scenario, when set, names the scenario of an analysis of the
	// difference scenario − base (RunOneWayDifference): Base, AtLow and
	// AtHigh are then differences, with paired intervals if BasePaired.
	Scenario   string
	BasePaired bool
	// ScenarioResult is, in an analysis of the difference, the scenario's
	// base run (on the same patients as BaseResult); nil otherwise.
	ScenarioResult *Result
}

// oneWayBatch is how many parameters share one pass over the patients (each
// pass simulates the base and two programs per parameter). Passes bound the
// workers' memory; results do not depend on them.
const oneWayBatch = 16

// OneWayRuns returns how many programs RunOneWay simulates for n ranges (the
// base once per pass, two per parameter), for progress bars.
func OneWayRuns(n int) int { return 2*n + (n+oneWayBatch-1)/oneWayBatch }

// RunOneWay runs a one-way sensitivity analysis of m: for each range, the
// model with that parameter at Low and at High and every other parameter at
// its value, all on the same opts.Patients patients as the base run (common
// random numbers, so differences from the base carry little Monte Carlo
// noise), recording outcome o. A value that makes the model invalid (e.g. a
// branch's probabilities summing past 1) is a *ValueError naming the
// parameter, the end and the value; it is not clipped, since a clipped end is
// no longer the interval the analysis reports.
func RunOneWay(ctx context.Context, m *model.Model, o model.Outcome, ranges []Range, opts Options) (*OneWay, error) {
	part, err := RunOneWayPart(ctx, m, o, ranges, nil, opts)
	if err != nil {
		return nil, err
	}
	return AssembleOneWay(m, o, ranges, opts, part)
}

// ValueError is a parameter value of a sensitivity analysis that makes the
// model invalid (an end of a range, or a sweep's grid point): a problem with
// the model's numbers, not with the simulation.
type ValueError struct{ Err error }

func (e *ValueError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *ValueError) Unwrap() error { return e.Err }

// compileEnd compiles m with r's parameter at one end ("low" or "high").
func compileEnd(m *model.Model, r Range, end string) (*Program, error) {
	x, what := r.Low, "low end"
	if end == "high" {
		x = r.High
	}
	switch r.Ends {
	case EndsQuantiles:
		q := LowQuantile
		if end == "high" {
			q = HighQuantile
		}
		what = fmt.Sprintf("%s (the %v%% quantile of its uncertainty)", what, 100*q)
	case EndsBounds:
		what += " (its bound in the sensitivity section)"
	}
	vals := m.Values()
	if _, ok := vals[r.Parameter]; !ok {
		return nil, fmt.Errorf("one-way analysis: model %q has no parameter %q", m.Name, r.Parameter)
	}
	vals[r.Parameter] = x
	p, err := Compile(m, vals)
	if err != nil {
		hint := "; give it bounds that keep the model valid under sensitivity.parameters"
		if r.Ends == EndsBounds {
			hint = ""
		}
		return nil, &ValueError{fmt.Errorf("one-way analysis: parameter %q at its %s, %v: %w%s", r.Parameter, what, x, err, hint)}
	}
	return p, nil
}
