package model

// Validation of where attributes are used: an exit's since/when/set, the
// effects (hazard ratios by level) and branches by an attribute's level.

import (
	"fmt"
	"math"
	"strings"
)

// validateExitAttrs checks an exit's uses of attributes: the clock it
// runs since (since:), its conditions (when:), its hazard ratios by level
// (effects:) and its branches by level.
func (m *Model) validateExitAttrs(ps *Problems, vals Values, e Exit, state int, path, where string) {
	if e.Since != "" {
		if a, ok := m.attrRef(ps, e.Since, path+".since", where); ok {
			switch {
			case a.Kind != AttrTime:
				ps.add(path+".since", where, "a clock runs since a time attribute; %q is a %s", a.Name, a.Kind)
			case e.Clock == ClockForward:
				ps.add(path+".since", where, "an exit's clock is forward or since a recorded time, not both")
			default:
				m.checkRecorded(ps, a, state, path+".since", where)
			}
		}
	}
	for j, c := range e.When {
		cpath := fmt.Sprintf("%s.when[%d]", path, j)
		a, ok := m.attrRef(ps, c.Attr, cpath+".attr", where)
		if !ok {
			continue
		}
		levels := c.Is != "" || c.Not != ""
		bounds := c.Min != nil || c.Max != nil
		switch {
		case levels == bounds:
			ps.add(cpath, where, "a condition has is or not (flag, category), or min and/or max (count, number)")
		case levels:
			for _, l := range []string{c.Is, c.Not} {
				if l != "" {
					checkLevel(ps, a, l, cpath, where)
				}
			}
		case a.Kind != AttrCount && a.Kind != AttrNumber:
			ps.add(cpath, where, "min and max compare a count or a number; %q is a %s (use is or not)", a.Name, a.Kind)
		default:
			for _, q := range []*Quantity{c.Min, c.Max} {
				if q != nil {
					if _, err := vals.Resolve(*q); err != nil {
						ps.add(cpath, where, "%v (define it under `parameters`)", err)
					}
				}
			}
		}
	}
	for j, f := range e.Effects {
		m.validateEffect(ps, vals, f, fmt.Sprintf("%s.effects[%d]", path, j), where)
	}
	m.validateBranchBy(ps, vals, e, path, where)
}

// validateEffect checks one effect: a hazard ratio for a level, per count
// (count:) or per unit of a number (beta:), exactly one of them.
func (m *Model) validateEffect(ps *Problems, vals Values, f Effect, path, where string) {
	a, ok := m.attrRef(ps, f.Attr, path+".attr", where)
	if !ok {
		return
	}
	n := 0
	for _, set := range []bool{f.Level != "", f.Count != nil, f.Beta != nil} {
		if set {
			n++
		}
	}
	switch {
	case n != 1:
		ps.add(path, where, "an effect has exactly one of level (with hr), count (with hr) or beta")
		return
	case f.Level != "":
		checkLevel(ps, a, f.Level, path+".level", where)
	case f.Count != nil && a.Kind != AttrCount:
		ps.add(path+".count", where, "count applies to a count attribute; %q is a %s", a.Name, a.Kind)
	case f.Count != nil && *f.Count < 0:
		ps.add(path+".count", where, "count must be ≥ 0 (got %d)", *f.Count)
	case f.Beta != nil && a.Kind != AttrCount && a.Kind != AttrNumber:
		ps.add(path+".beta", where, "beta (hr = exp(beta·value)) applies to a count or a number; %q is a %s", a.Name, a.Kind)
	case f.Beta != nil:
		if x, err := vals.Resolve(*f.Beta); err != nil {
			ps.add(path+".beta", where, "%v (define it under `parameters`)", err)
		} else if math.IsNaN(x) || math.IsInf(x, 0) {
			ps.add(path+".beta", where, "beta must be finite (got %v)", x)
		}
	}
	if (f.Beta != nil) == (f.HR != nil) {
		if f.Beta != nil {
			ps.add(path+".hr", where, "a beta effect takes no hr (its hazard ratio is exp(beta·value))")
		} else {
			ps.add(path+".hr", where, "a level or count effect needs hr: the hazard ratio that applies")
		}
		return
	}
	if f.HR != nil {
		x, err := vals.Resolve(*f.HR)
		switch {
		case err != nil:
			ps.add(path+".hr", where, "%v (define it under `parameters`)", err)
		case !(x > 0) || math.IsInf(x, 0):
			ps.add(path+".hr", where, "hr must be a finite number > 0 (got %v)", x)
		}
	}
}

// validateBranchBy checks branches by an attribute's level: branch_by names
// a flag or category, the arms name its levels, and at each level the arms'
// probabilities make a valid branch.
func (m *Model) validateBranchBy(ps *Problems, vals Values, e Exit, path, where string) {
	byLevel := false
	for _, a := range e.Branch {
		byLevel = byLevel || len(a.ByLevel) > 0
	}
	if e.BranchBy == "" {
		if byLevel {
			ps.add(path+".branch_by", where, "branch arms give probabilities per level: name the attribute with branch_by")
		}
		return
	}
	if len(e.Branch) == 0 {
		ps.add(path+".branch_by", where, "branch_by needs a branch")
		return
	}
	a, ok := m.attrRef(ps, e.BranchBy, path+".branch_by", where)
	if !ok {
		return
	}
	if a.LevelNames() == nil {
		ps.add(path+".branch_by", where, "branch probabilities are per level of a flag or category; %q is a %s", a.Name, a.Kind)
		return
	}
	for k, arm := range e.Branch {
		for j, lp := range arm.ByLevel {
			checkLevel(ps, a, lp.Level, fmt.Sprintf("%s.branch[%d].levels[%d].level", path, k, j), where)
		}
	}
	for _, l := range a.LevelNames() {
		arms := LevelArms(e.Branch, l)
		var sub Problems
		m.validateBranch(&sub, vals, map[string]int{}, arms, path+".branch", where)
		for _, p := range sub {
			if !strings.Contains(p.Msg, "unknown state") && !strings.Contains(p.Msg, "twice") {
				p.Msg = fmt.Sprintf("at level %s of %s: %s", l, a.Name, p.Msg)
				*ps = append(*ps, p)
			}
		}
	}
}

// LevelArms returns a branch's arms for patients at a level: each arm's
// probability for that level, or its own when it gives none.
func LevelArms(arms []Destination, level string) []Destination {
	out := make([]Destination, len(arms))
	for k, a := range arms {
		out[k] = Destination{To: a.To, Prob: a.Prob, Rest: a.Rest}
		for _, lp := range a.ByLevel {
			if lp.Level == level {
				out[k].Prob, out[k].Rest = lp.Prob, lp.Rest
			}
		}
	}
	return out
}
