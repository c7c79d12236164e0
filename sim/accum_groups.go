package sim

// groups returns the number of subgroups the program's results are split
// into: the levels of its grouping attribute, or 0.
func (p *Program) groups() int {
	if p.attr == nil || p.attr.group < 0 {
		return 0
	}
	return len(p.Model.Attributes[p.attr.group].LevelNames())
}

// nCond returns the number of conditional share-entering targets.
func (p *Program) nCond() int {
	if p.cond == nil {
		return 0
	}
	return len(p.cond.times)
}

// total returns the totals over every patient: a itself, or with subgroups
// the sum of its groups (patients are counted in their group only).
func (a *accum) total(l layout) *accum {
	if len(a.groups) == 0 {
		return a
	}
	t := newAccumOnly(l)
	for _, g := range a.groups {
		t.merge(g)
	}
	return t
}

// totals returns the worker's accumulator: with subgroups, the one whose
// groups it fills patient by patient (w.acc then points at one group).
func (w *worker) totals() *accum {
	if w.root != nil {
		return w.root
	}
	return w.acc
}
