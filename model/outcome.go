package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// OutcomeMeasure says which figure of an endpoint an Outcome records.
type OutcomeMeasure string

// The measures an outcome may have. In files and on the command line an
// outcome is written endpoint:measure, e.g. os:s36, cir:f24, os:median,
// rfs:rmst (see Outcome.String).
const (
	OutcomeSurvival  OutcomeMeasure = "survival"  // S(Time) of a survival endpoint; written s<time>
	OutcomeIncidence OutcomeMeasure = "incidence" // F(Time) of an incidence endpoint; written f<time>
	OutcomeMedian    OutcomeMeasure = "median"    // the median (first t with S(t) ≤ 0.5, or F(t) ≥ 0.5)
	OutcomeRMST      OutcomeMeasure = "rmst"      // ∫₀^τ S (an incidence: the time lost, ∫₀^τ F), τ the horizon
)

// Outcome names the one figure a sensitivity analysis records for each
// parameter value: an endpoint and a measure of it.
type Outcome struct {
	Endpoint string // an endpoint of the model; "os" always exists
	Measure  OutcomeMeasure
	Time     float64 // in the model's unit, > 0: for OutcomeSurvival and OutcomeIncidence only
}

// String writes the outcome as files and the command line write it: "os:s36",
// "cir:f24", "os:median", "rfs:rmst".
func (o Outcome) String() string {
	t := strconv.FormatFloat(o.Time, 'g', -1, 64)
	switch o.Measure {
	case OutcomeSurvival:
		return o.Endpoint + ":s" + t
	case OutcomeIncidence:
		return o.Endpoint + ":f" + t
	}
	return o.Endpoint + ":" + string(o.Measure)
}

// AtTime reports whether the outcome is a curve's value at a time.
func (o Outcome) AtTime() bool { return o.Measure == OutcomeSurvival || o.Measure == OutcomeIncidence }

// DefaultOutcome is what a sensitivity analysis records when neither the file
// nor the command line says: overall survival at the last landmark within the
// horizon, or its RMST if there is none.
func (m *Model) DefaultOutcome() Outcome {
	last := 0.0
	for _, t := range m.Landmarks {
		if t <= m.Horizon && t > last {
			last = t
		}
	}
	if last == 0 {
		return Outcome{Endpoint: OSName, Measure: OutcomeRMST}
	}
	return Outcome{Endpoint: OSName, Measure: OutcomeSurvival, Time: last}
}

// CheckOutcome reports whether a run of the model can give the outcome: its
// endpoint exists, the measure fits the endpoint's kind (s<time> a survival
// endpoint, f<time> an incidence), and a time is within (0, horizon].
func (m *Model) CheckOutcome(o Outcome) error { return m.checkOutcome(o, m.Horizon) }

// checkOutcome is CheckOutcome with times allowed up to maxTime (a file's
// outcome may lie past a horizon shortened for one run, as landmarks may).
func (m *Model) checkOutcome(o Outcome, maxTime float64) error {
	var ep *Endpoint
	eps := m.AllEndpoints()
	names := make([]string, len(eps))
	for i := range eps {
		names[i] = eps[i].Name
		if eps[i].Name == o.Endpoint {
			ep = &eps[i]
		}
	}
	if ep == nil {
		return fmt.Errorf("outcome %s: unknown endpoint %q (endpoints: %s)", o, o.Endpoint, strings.Join(names, ", "))
	}
	switch o.Measure {
	case OutcomeMedian, OutcomeRMST:
		return nil
	case OutcomeSurvival, OutcomeIncidence:
	default:
		return fmt.Errorf("outcome %s: unknown measure %q (allowed: s<time>, f<time>, median, rmst)", o, o.Measure)
	}
	switch {
	case o.Measure == OutcomeSurvival && ep.Kind != Survival:
		return fmt.Errorf("outcome %s: %q is an incidence endpoint: write %s:f%s for its incidence at that time", o, o.Endpoint, o.Endpoint, strconv.FormatFloat(o.Time, 'g', -1, 64))
	case o.Measure == OutcomeIncidence && ep.Kind != Incidence:
		return fmt.Errorf("outcome %s: %q is a survival endpoint: write %s:s%s for its survival at that time", o, o.Endpoint, o.Endpoint, strconv.FormatFloat(o.Time, 'g', -1, 64))
	case !(o.Time > 0) || math.IsInf(o.Time, 0):
		return fmt.Errorf("outcome %s: the time must be finite and > 0 (got %v)", o, o.Time)
	case o.Time > maxTime:
		return fmt.Errorf("outcome %s: the time %v is past the horizon %v", o, o.Time, maxTime)
	}
	return nil
}
