package model

import (
	"fmt"
	"strings"
)

// checkRecorded reports an exit of state target whose clock runs since the
// time attribute a when some path from a starting state reaches target without
// recording a (and a has no initial time): the clock would have no origin.
// The search is structural (every arm, every exit, conditions ignored), so it
// may reject a model whose conditions close such a path; give the attribute
// an initial time, or record it on that path. The path named is a shortest one
// (breadth-first search).
func (m *Model) checkRecorded(ps *Problems, a Attribute, target int, path, where string) {
	if a.Initial != nil {
		return
	}
	records := func(s int) bool {
		for _, u := range m.States[s].Updates {
			if u.Attr == a.Name && u.Record {
				return true
			}
		}
		return false
	}
	idx := make(map[string]int, len(m.States))
	for i, s := range m.States {
		idx[s.Name] = i
	}
	prev := make([]int, len(m.States))
	seen := make([]bool, len(m.States))
	var queue []int
	for i, s := range m.States {
		if s.Initial != (Quantity{}) && !records(i) {
			seen[i], prev[i] = true, -1
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		if i == target {
			var names []string
			for j := i; j >= 0; j = prev[j] {
				names = append([]string{m.States[j].Name}, names...)
			}
			ps.add(path, where, "the clock runs since %q, which is never recorded on the path %s (record it on that path, or give %q an initial time)",
				a.Name, strings.Join(names, " → "), a.Name)
			return
		}
		for _, e := range m.States[i].Exits {
			tos := []string{e.To}
			if e.To == "" {
				tos = tos[:0]
				for _, arm := range e.Branch {
					tos = append(tos, arm.To)
				}
			}
			for _, to := range tos {
				j, ok := idx[to]
				if ok && !seen[j] && !records(j) {
					seen[j], prev[j] = true, i
					queue = append(queue, j)
				}
			}
		}
	}
}

// validateTargetSets checks a share-entering target's state sets.
func (m *Model) validateTargetSets(ps *Problems, idx map[string]int, t Target, path, where string) {
	for _, list := range []struct {
		key   string
		names []string
	}{{"states", t.States}, {"among", t.Among}} {
		for j, s := range list.names {
			checkState(ps, idx, s, fmt.Sprintf("%s.%s[%d]", path, list.key, j), where)
		}
	}
}

// EnteringStates returns the states a share-entering target counts: State
// and States.
func (t Target) EnteringStates() []string {
	if t.State == "" {
		return t.States
	}
	return append([]string{t.State}, t.States...)
}

// Of says what a target is of: its endpoint, or for a share entering its
// states ("hsct|cart among remission"), with a subgroup appended in brackets.
func (t Target) Of() string {
	of := t.Endpoint
	if t.Measure == MeasureShareEntering {
		of = strings.Join(t.EnteringStates(), "|")
		if len(t.Among) > 0 {
			of += " among " + strings.Join(t.Among, "|")
		}
	}
	if t.Subgroup != "" {
		of += " [" + t.Subgroup + "]"
	}
	return of
}
