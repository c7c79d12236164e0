package sim

import (
	"fmt"
	"slices"

	"github.com/blinasim/blinasim/model"
)

// A sensitivity analysis records one figure per parameter value: a
// model.Outcome (an endpoint's S(t) or F(t) at a time, its median, or its
// RMST). This file finds that figure in a result and in a comparison.

// analysisModel returns the copy of m that a sensitivity analysis of outcome
// o simulates: o's time added to the landmarks (so that results, and paired
// differences, report the figure at that time exactly) and the sensitivity
// section dropped (the analysis is given its values, and compiling each
// variant need not check every swept value again). m is not changed.
func analysisModel(m *model.Model, o model.Outcome) (*model.Model, error) {
	if err := m.CheckOutcome(o); err != nil {
		return nil, err
	}
	c := *m
	c.Sensitivity = model.Sensitivity{}
	if o.AtTime() && !slices.Contains(m.Landmarks, o.Time) {
		c.Landmarks = append(slices.Clip(m.Landmarks), o.Time)
	}
	return &c, nil
}

// OutcomeOf returns the outcome's figure in r, with its Monte Carlo interval.
// A time must be one of r's landmarks. A median never reached is +Inf.
func OutcomeOf(r *Result, o model.Outcome) (Estimate, error) {
	k := endpointIndex(r, o.Endpoint)
	if k < 0 {
		return nanEstimate(), fmt.Errorf("outcome %s: the result has no endpoint %q", o, o.Endpoint)
	}
	e := r.Endpoints[k]
	switch o.Measure {
	case model.OutcomeMedian:
		return e.Median, nil
	case model.OutcomeRMST:
		return e.RMST, nil
	}
	for _, l := range e.Landmarks {
		if l.Time == o.Time {
			return l.Estimate, nil
		}
	}
	return nanEstimate(), fmt.Errorf("outcome %s: %v is not a landmark of the result", o, o.Time)
}

// outcomeDifference returns the outcome's difference in a comparison (NaN
// when the comparison does not have it).
func outcomeDifference(c Comparison, o model.Outcome) Difference {
	for _, e := range c.Endpoints {
		if e.Name != o.Endpoint {
			continue
		}
		switch o.Measure {
		case model.OutcomeMedian:
			return e.Median
		case model.OutcomeRMST:
			return e.RMST
		}
		for _, l := range e.Landmarks {
			if l.Time == o.Time {
				return l.Difference
			}
		}
	}
	return Difference{Estimate: nanEstimate()}
}
