package sim

import (
	"math"

	"github.com/blinasim/blinasim/model"
)

// estimateGroups adds each subgroup's result to r, and gives r's subgroup
// targets their subgroup's figure. A subgroup result's Scenario is r's with
// the subgroup appended ("name [mrd=negative]"); its targets for everyone or
// another subgroup are NaN.
func estimateGroups(p *Program, l *layout, acc *accum, opts Options, r *Result) {
	at := p.Model.Attributes[p.attr.group]
	for i, g := range acc.groups {
		sr := estimateOne(p, l, g, opts)
		sr.Subgroup = at.Name + "=" + at.LevelNames()[i]
		sr.Scenario = r.Scenario + " [" + sr.Subgroup + "]"
		r.Subgroups = append(r.Subgroups, sr)
	}
	nan := Estimate{Value: math.NaN(), SE: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}
	for i, t := range p.Model.Targets {
		if t.Subgroup == "" {
			for _, sr := range r.Subgroups {
				sr.Targets[i].Simulated = nan
			}
			continue
		}
		r.Targets[i].Simulated = nan
		for _, sr := range r.Subgroups {
			if sameSubgroup(sr.Subgroup, t.Subgroup) {
				r.Targets[i].Simulated = sr.Targets[i].Simulated
			} else {
				sr.Targets[i].Simulated = nan
			}
		}
	}
}

// sameSubgroup compares "attr=level" labels, ignoring spaces around "=".
func sameSubgroup(a, b string) bool {
	a1, a2, _ := model.SplitSubgroup(a)
	b1, b2, _ := model.SplitSubgroup(b)
	return a1 == b1 && a2 == b2
}

// WithSubgroups returns the results to report for a run stratified by
// subgroups: each result followed by its subgroups' results, labelled
// "scenario [attr=level]", or just "attr=level" when there is one scenario.
func WithSubgroups(rs []*Result) []*Result {
	var out []*Result
	for _, r := range rs {
		out = append(out, r)
		for _, sr := range r.Subgroups {
			sr.Scenario = r.Scenario + " [" + sr.Subgroup + "]"
			if len(rs) == 1 {
				sr.Scenario = sr.Subgroup
			}
			out = append(out, sr)
		}
	}
	return out
}
