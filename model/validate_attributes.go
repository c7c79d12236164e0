package model

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// validateAttributes checks attribute declarations, state updates, exit
// dependencies, the subgroup attribute and subgroup targets.
func (m *Model) validateAttributes(ps *Problems, vals Values, states map[string]int) {
	seen := map[string]bool{}
	for i, a := range m.Attributes {
		path := fmt.Sprintf("attributes[%d]", i)
		where := fmt.Sprintf("attribute %q", a.Name)
		if !identRe.MatchString(a.Name) {
			ps.add(path+".name", where, "attribute name must match [a-z][a-z0-9_]*")
		}
		if seen[a.Name] {
			ps.add(path+".name", where, "attribute %q is defined twice", a.Name)
		}
		seen[a.Name] = true
		validateAttribute(ps, vals, a, path, where)
	}
	for i, s := range m.States {
		spath := fmt.Sprintf("states[%d]", i)
		swhere := fmt.Sprintf("state %q", s.Name)
		for j, u := range s.Updates {
			upath := fmt.Sprintf("%s.updates[%d]", spath, j)
			if a, ok := m.attrRef(ps, u.Attr, upath+".attr", swhere); ok {
				validateUpdate(ps, vals, a, u, upath, swhere)
			}
			if s.Absorbing() {
				ps.add(upath, swhere, "state %q is absorbing: nothing reads its update of %q (updates change what later exits depend on)", s.Name, u.Attr)
			}
		}
		for j, e := range s.Exits {
			m.validateExitAttrs(ps, vals, e, i, fmt.Sprintf("%s.exits[%d]", spath, j), fmt.Sprintf("%s, exit %q", swhere, e.ExitName()))
		}
	}
	if m.By != "" {
		if a, ok := m.attrRef(ps, m.By, "by", ""); ok && a.LevelNames() == nil {
			ps.add("by", "", "subgroups are by a flag or category attribute; %q is a %s", a.Name, a.Kind)
		} else if ok && len(a.LevelNames()) > MaxSubgroups {
			ps.add("by", "", "%q has %d levels: results can be split into at most %d subgroups (each keeps its own curves in memory)", a.Name, len(a.LevelNames()), MaxSubgroups)
		}
	}
	group := m.By
	for i, t := range m.Targets {
		if t.Subgroup == "" {
			continue
		}
		path, where := fmt.Sprintf("targets[%d].subgroup", i), fmt.Sprintf("target %q", t.Name)
		m.checkSubgroup(ps, t.Subgroup, path, where)
		an, _, _ := SplitSubgroup(t.Subgroup)
		if group == "" {
			group = an
		} else if an != group {
			ps.add(path, where, "results are split by one attribute (%q here); a target cannot be for a subgroup of %q", group, an)
		}
	}
}

// MaxSubgroups bounds the levels results may be split by: each subgroup
// keeps a full set of accumulators per worker.
const MaxSubgroups = 32

// SplitSubgroup splits "attr=level" into its parts.
func SplitSubgroup(s string) (attr, level string, ok bool) {
	attr, level, ok = strings.Cut(s, "=")
	return strings.TrimSpace(attr), strings.TrimSpace(level), ok
}

func (m *Model) checkSubgroup(ps *Problems, sg, path, where string) {
	an, lv, ok := SplitSubgroup(sg)
	if !ok {
		ps.add(path, where, "a subgroup is written attribute=level (e.g. prior_allo=true), not %q", sg)
		return
	}
	a, ok := m.attrRef(ps, an, path, where)
	if !ok {
		return
	}
	if a.LevelNames() == nil {
		ps.add(path, where, "subgroups are by a flag or category attribute; %q is a %s", an, a.Kind)
		return
	}
	if len(a.LevelNames()) > MaxSubgroups {
		ps.add(path, where, "%q has %d levels: results can be split into at most %d subgroups", an, len(a.LevelNames()), MaxSubgroups)
	}
	checkLevel(ps, a, lv, path, where)
}

// attrRef looks an attribute up by name, reporting an unknown one.
func (m *Model) attrRef(ps *Problems, name, path, where string) (Attribute, bool) {
	if i := m.AttributeIndex(name); i >= 0 {
		return m.Attributes[i], true
	}
	names := make([]string, len(m.Attributes))
	for i, a := range m.Attributes {
		names[i] = a.Name
	}
	if len(names) == 0 {
		ps.add(path, where, "unknown attribute %q: the model declares no attributes (add them under `attributes`)", name)
	} else {
		ps.add(path, where, "unknown attribute %q (attributes: %s)", name, strings.Join(names, ", "))
	}
	return Attribute{}, false
}

// checkLevel reports a level the attribute does not have, or a level used
// with an attribute that has none (a count compared with a level).
func checkLevel(ps *Problems, a Attribute, level, path, where string) bool {
	levels := a.LevelNames()
	if levels == nil {
		ps.add(path, where, "%q is a %s: it has no levels, so it cannot be compared with the level %q (use min/max, count or beta)", a.Name, a.Kind, level)
		return false
	}
	if !slices.Contains(levels, level) {
		ps.add(path, where, "%q has no level %q (levels: %s)", a.Name, level, strings.Join(levels, ", "))
		return false
	}
	return true
}

func validateAttribute(ps *Problems, vals Values, a Attribute, path, where string) {
	n := 0
	for _, set := range []bool{a.Initial != nil, a.Level != "", len(a.Shares) > 0, a.Dist != nil} {
		if set {
			n++
		}
	}
	if n > 1 {
		ps.add(path, where, "an attribute has at most one baseline: initial, level, shares (share for a flag) or dist")
	}
	switch a.Kind {
	case AttrCategory:
		if len(a.Levels) < 2 {
			ps.add(path+".levels", where, "a category needs at least two levels")
		}
		for j, l := range a.Levels {
			if !levelRe.MatchString(l) {
				ps.add(fmt.Sprintf("%s.levels[%d]", path, j), where, "level %q must match [a-z0-9][a-z0-9_]*", l)
			}
			if slices.Index(a.Levels, l) != j {
				ps.add(fmt.Sprintf("%s.levels[%d]", path, j), where, "level %q is listed twice", l)
			}
		}
	case AttrFlag, AttrCount, AttrTime, AttrNumber:
		if len(a.Levels) > 0 {
			ps.add(path+".levels", where, "only a category has levels (a %s has none)", a.Kind)
		}
	default:
		ps.add(path+".kind", where, "kind must be one of %s", strings.Join(attrKindNames, ", "))
		return
	}
	if a.Initial != nil {
		x, err := vals.Resolve(*a.Initial)
		switch {
		case a.LevelNames() != nil:
			ps.add(path+".initial", where, "a %s starts at a level: use level (or shares)", a.Kind)
		case err != nil:
			ps.add(path+".initial", where, "%v (define it under `parameters`)", err)
		case math.IsNaN(x) || math.IsInf(x, 0):
			ps.add(path+".initial", where, "initial value must be a finite number (got %v)", x)
		case a.Kind == AttrCount && (x < 0 || x != math.Trunc(x)):
			ps.add(path+".initial", where, "a count starts at a whole number ≥ 0 (got %v)", x)
		}
	}
	if a.Level != "" {
		checkLevel(ps, a, a.Level, path+".level", where)
	}
	if len(a.Shares) > 0 {
		validateShares(ps, vals, a, path, where)
	}
	if a.Dist != nil {
		if a.Kind != AttrNumber {
			ps.add(path+".dist", where, "only a number is drawn from a distribution (a %s takes initial, level or shares)", a.Kind)
		} else if _, err := a.Dist.Build(vals); err != nil {
			ps.add(path+"."+distKeyOf(err), where, "%v", err)
		}
	}
}

// levelRe is what a category's level names look like (they may start with a
// digit: grade 1, line 2).
var levelRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_]*$`)

func validateShares(ps *Problems, vals Values, a Attribute, path, where string) {
	switch {
	case a.Kind == AttrFlag && len(a.Shares) != 1:
		ps.add(path+".share", where, "a flag's baseline is one share: the probability of true")
		return
	case a.Kind == AttrCategory && len(a.Shares) != len(a.Levels):
		ps.add(path+".shares", where, "shares need one probability per level (%d levels, %d shares)", len(a.Levels), len(a.Shares))
		return
	case a.Kind != AttrFlag && a.Kind != AttrCategory:
		ps.add(path+".shares", where, "only a flag or a category has baseline shares (a %s takes initial or dist)", a.Kind)
		return
	}
	sum, rests := 0.0, 0
	for j, s := range a.Shares {
		if s.Rest {
			rests++
			continue
		}
		if p, ok := checkProb(ps, vals, s.Prob, fmt.Sprintf("%s.shares[%d]", path, j), where, "share"); ok {
			sum += p
		}
	}
	switch {
	case a.Kind == AttrFlag && rests > 0:
		ps.add(path+".share", where, "a flag's share is the probability of true, not rest")
	case a.Kind == AttrFlag:
	case rests > 1:
		ps.add(path+".shares", where, "at most one share may be rest (found %d)", rests)
	case rests == 1 && sum > 1+sumTol:
		ps.add(path+".shares", where, "shares sum to %v before rest; they must be at most 1", sum)
	case rests == 0 && math.Abs(sum-1) > sumTol:
		ps.add(path+".shares", where, "shares sum to %v; they must sum to 1 (or let one be rest)", sum)
	}
}

func validateUpdate(ps *Problems, vals Values, a Attribute, u Update, path, where string) {
	n := 0
	for _, set := range []bool{u.Set != "", u.Add != nil, u.Record} {
		if set {
			n++
		}
	}
	if n != 1 {
		ps.add(path, where, "an update does exactly one of set, add or record")
		return
	}
	switch {
	case u.Record && a.Kind != AttrTime:
		ps.add(path+".record", where, "only a time attribute records the entry time; %q is a %s", a.Name, a.Kind)
	case u.Add != nil && a.Kind != AttrCount && a.Kind != AttrNumber:
		ps.add(path+".add", where, "only a count or a number can be added to; %q is a %s", a.Name, a.Kind)
	case u.Add != nil:
		x, err := vals.Resolve(*u.Add)
		if err != nil {
			ps.add(path+".add", where, "%v (define it under `parameters`)", err)
		} else if a.Kind == AttrCount && x != math.Trunc(x) {
			ps.add(path+".add", where, "a count changes by whole numbers (got %v)", x)
		}
	case u.Set != "" && a.LevelNames() != nil:
		checkLevel(ps, a, u.Set, path+".set", where)
	case u.Set != "" && a.Kind == AttrTime:
		ps.add(path+".set", where, "a time attribute is changed by record: true (the entry time), not set")
	case u.Set != "":
		if _, err := ParseSetValue(u.Set, vals); err != nil {
			ps.add(path+".set", where, "%q is a %s: set takes a number or a parameter's name, not %q (%v)", a.Name, a.Kind, u.Set, err)
		}
	}
}

// ParseSetValue reads an update's set value for a count or a number: a
// number, or a parameter's name.
func ParseSetValue(s string, vals Values) (float64, error) {
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		return x, nil
	}
	return vals.Resolve(Ref(s))
}
