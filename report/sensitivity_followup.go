package report

import (
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// outcomePastFollowUp reports whether a sensitivity analysis' outcome lies
// past the end of follow-up (followup_figures.go) of its endpoint in any of
// the base runs (the base run, and in an analysis of a difference the
// scenario's base run too): a time past it, a median reached only past it,
// or an RMST whose τ (the horizon) is past it. The runs at the parameters'
// ends are not kept; follow-up depends on the model's structure (when an
// endpoint starts, the horizon) far more than on one parameter, so the base
// runs stand for them.
func outcomePastFollowUp(o model.Outcome, set Figures, results ...*sim.Result) bool {
	var rs []*sim.Result
	for _, r := range results {
		if r != nil {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		return false
	}
	fu := newFollowUp(set, rs)
	for _, r := range rs {
		e := endpointOf(r, o.Endpoint)
		if e == nil {
			continue
		}
		end := fu.end(r, e)
		switch o.Measure {
		case model.OutcomeMedian:
			if _, ok := followedMedian(e.Median, end); !ok {
				return true
			}
		case model.OutcomeRMST:
			if !rmstEstimable(endpointTau(r, e.Name), end) {
				return true
			}
		default:
			if past(o.Time, end) {
				return true
			}
		}
	}
	return false
}

// pastFollowUp reports whether the analysis' outcome lies past the end of
// follow-up of its base runs (outcomePastFollowUp).
func (s Sensitivity) pastFollowUp() bool {
	return outcomePastFollowUp(s.OneWay.Outcome, s.Figures, s.OneWay.BaseResult, s.OneWay.ScenarioResult)
}

// pastFollowUpNote is sensitivity.md's sentence on an outcome past follow-up.
const pastFollowUpNote = "**Not estimable**: the outcome lies past the end of follow-up of its endpoint in the base run " +
	"(fewer than the least expected number at risk, `--min-at-risk`, of the number-at-risk table's cohort: a time or τ past it, " +
	"or a median reached only past it), so every figure of this analysis is written as not estimable (the CSV files keep " +
	"the values the flat tail of the curve gives, with past_followup TRUE)."
