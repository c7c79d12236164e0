package sim

// Paired comparisons within subgroups: when the base and another scenario
// split their patients by the same attribute with the same levels, each
// patient's pair of outcomes is also counted in its baseline subgroup, so
// `compare --by` reports paired differences for every subgroup. A patient's
// baseline level is the same in both scenarios (common random numbers), and
// is taken from the base.

// sameGroups reports whether p0 and p1 split their patients by the same
// attribute with the same levels.
func sameGroups(p0, p1 *Program) bool {
	n := p0.groups()
	if n == 0 || p1.groups() != n {
		return false
	}
	a0 := p0.Model.Attributes[p0.attr.group]
	a1 := p1.Model.Attributes[p1.attr.group]
	if a0.Name != a1.Name {
		return false
	}
	l0, l1 := a0.LevelNames(), a1.LevelNames()
	for i := range l0 {
		if l0[i] != l1[i] {
			return false
		}
	}
	return true
}

// addGroupPairs gives pa one pair accumulator per subgroup, when p0 and p1
// share their subgroups.
func addGroupPairs(pa *pairAccum, p0, p1 *Program, l0 *layout) {
	if !sameGroups(p0, p1) {
		return
	}
	for range p0.groups() {
		g := newPairAccum(p0, p1, l0)
		pa.groups = append(pa.groups, g)
	}
}

// groupComparisons adds to c the comparison within each subgroup.
func groupComparisons(c *Comparison, r0, r1 *Result, pa *pairAccum) {
	if len(pa.groups) == 0 || len(r0.Subgroups) != len(pa.groups) || len(r1.Subgroups) != len(pa.groups) {
		return
	}
	for g, gp := range pa.groups {
		sc := compare(r0.Subgroups[g], r1.Subgroups[g], gp)
		sc.Subgroup = r0.Subgroups[g].Subgroup
		c.Subgroups = append(c.Subgroups, sc)
	}
}

// WithSubgroupComparisons returns the comparisons to report for a run
// stratified by subgroups: each comparison followed by its subgroups'
// comparisons, labelled like WithSubgroups labels the results.
func WithSubgroupComparisons(cs []Comparison) []Comparison {
	var out []Comparison
	for _, c := range cs {
		out = append(out, c)
		for _, sc := range c.Subgroups {
			sc.Base = c.Base + " [" + sc.Subgroup + "]"
			sc.Scenario = c.Scenario + " [" + sc.Subgroup + "]"
			out = append(out, sc)
		}
	}
	return out
}
