package sim

import "fmt"

// A probabilistic sensitivity analysis of a model stratified by a baseline
// attribute (--by): each draw simulates the whole population once, with the
// draw's parameter values, and records every subgroup's figures from that
// same simulation (the subgroups' accumulators are filled patient by patient
// as in a run without PSA). So in draw d the overall figures and every
// subgroup's share the parameter values, and the subgroups' figures come
// from one set of patients: a subgroup's band is its parameter uncertainty,
// and a contrast between subgroups (or the overall figure, their
// share-weighted mixture) is coherent draw by draw. Separate conditional runs
// per subgroup would cost a simulation each and break that pairing; drawing
// the subgroups' shares (a parameter like any other) also carries their
// uncertainty into the overall figure. The per-patient loop is unchanged
// (the subgroups' accumulators exist already); what a draw keeps grows by a
// factor 1 + levels, which Check counts against MaxPSAValues.

// groupOutcomes keeps each subgroup's figures and curves of draw result r
// (none without subgroups).
func groupOutcomes(r *Result) []drawOutcome {
	var gs []drawOutcome
	for _, sr := range r.Subgroups {
		g := endpointOutcome(sr)
		g.subgroup = sr.Subgroup
		gs = append(gs, g)
	}
	return gs
}

// summariseGroups adds to psa each subgroup's analysis, from the same draws
// (out, as summarisePSA takes them).
func summariseGroups(psa *PSA, out []drawOutcome, summarise func([]drawOutcome) *PSA) {
	for g := range out[0].groups {
		sub := make([]drawOutcome, len(out))
		for i := range out {
			sub[i] = out[i].groups[g]
			sub[i].values = out[i].values // the draw's values, shared
		}
		sp := summarise(sub)
		sp.Subgroup = out[0].groups[g].subgroup
		psa.Subgroups = append(psa.Subgroups, sp)
	}
}

// checkGroupShapes reports a draw whose subgroups differ in number or shape
// from draw 1's (parts read back from files must agree).
func checkGroupShapes(out []drawOutcome) error {
	for d, o := range out {
		if len(o.groups) != len(out[0].groups) {
			return fmt.Errorf("PSA draw %d has %d subgroups, draw 1 %d", d+1, len(o.groups), len(out[0].groups))
		}
		for g, og := range o.groups {
			if len(og.curves) != len(out[0].groups[g].curves) {
				return fmt.Errorf("PSA draw %d, subgroup %s: %d curves, not %d", d+1, og.subgroup, len(og.curves), len(out[0].groups[g].curves))
			}
			for k, c := range og.curves {
				if len(c) != len(out[0].groups[g].curves[k]) {
					return fmt.Errorf("PSA draw %d, subgroup %s: a curve of %d points, not %d", d+1, og.subgroup, len(c), len(out[0].groups[g].curves[k]))
				}
			}
		}
	}
	return nil
}

// groupLabels are the subgroup labels ("attr=level") of p's results, in
// level order (none without subgroups).
func groupLabels(p *Program) []string {
	if p.groups() == 0 {
		return nil
	}
	at := p.Model.Attributes[p.attr.group]
	var out []string
	for _, l := range at.LevelNames() {
		out = append(out, at.Name+"="+l)
	}
	return out
}

// WithPSASubgroups returns the analyses to report alongside
// WithSubgroups(rs): each scenario's analysis followed by its subgroups'
// (nil where a scenario has none), so the two stay aligned. It takes the
// scenarios' results before WithSubgroups flattens them.
func WithPSASubgroups(rs []*Result, psas []*PSA) []*PSA {
	var out []*PSA
	for i, r := range rs {
		var p *PSA
		if i < len(psas) {
			p = psas[i]
		}
		out = append(out, p)
		for g := range r.Subgroups {
			var sp *PSA
			if p != nil && g < len(p.Subgroups) {
				sp = p.Subgroups[g]
			}
			out = append(out, sp)
		}
	}
	return out
}
