package model

import (
	"fmt"
	"strings"
)

// successors returns, for each state, the states an exit can lead to: with
// positive probability, or with any probability (every arm of every branch)
// when structural is set.
func (m *Model) successors(vals Values, structural bool) [][]int {
	idx := make(map[string]int, len(m.States))
	for i, s := range m.States {
		idx[s.Name] = i
	}
	out := make([][]int, len(m.States))
	for i, s := range m.States {
		for _, e := range s.Exits {
			if e.To != "" {
				out[i] = append(out[i], idx[e.To])
				continue
			}
			rest := 1.0
			for _, a := range e.Branch {
				if !a.Rest {
					p, _ := vals.Resolve(a.Prob)
					rest -= p
					if p > 0 || structural {
						out[i] = append(out[i], idx[a.To])
					}
				}
			}
			for _, a := range e.Branch {
				if a.Rest && (rest > sumTol || structural) {
					out[i] = append(out[i], idx[a.To])
				}
			}
		}
	}
	return out
}

// validateGraph checks that every state can be reached from a starting state
// and that from every reachable state an absorbing state can be reached: a set
// of states patients can enter but never leave, none of them absorbing, would
// hold them forever. A state is unreachable only when no exit names it: one
// that only a zero-probability arm leads to is allowed, as a scenario that
// switches a path off (p = 0) must not have to delete its states.
func (m *Model) validateGraph(ps *Problems, vals Values) {
	succ := m.successors(vals, false)
	n := len(m.States)
	var starts []int
	for i, s := range m.States {
		if p, _ := vals.Resolve(s.Initial); p > 0 {
			starts = append(starts, i)
		}
	}
	named := reach(m.successors(vals, true), starts)
	reached := reach(succ, starts)
	// canEnd[i]: an absorbing state is reachable from i (fixed point over reversed edges).
	canEnd := make([]bool, n)
	for i, s := range m.States {
		canEnd[i] = s.Absorbing()
	}
	for changed := true; changed; {
		changed = false
		for i := range m.States {
			if canEnd[i] {
				continue
			}
			for _, j := range succ[i] {
				if canEnd[j] {
					canEnd[i], changed = true, true
					break
				}
			}
		}
	}
	var trapped []string
	for i, s := range m.States {
		path := fmt.Sprintf("states[%d]", i)
		where := fmt.Sprintf("state %q", s.Name)
		if !named[i] {
			ps.add(path, where, "state %q cannot be reached: no starting state leads to it (give it an initial probability or an exit into it)", s.Name)
		}
		if reached[i] && !canEnd[i] {
			trapped = append(trapped, s.Name)
		}
	}
	for i, s := range m.States {
		if reached[i] && !canEnd[i] {
			ps.add(fmt.Sprintf("states[%d]", i), fmt.Sprintf("state %q", s.Name),
				"patients in %q can never reach an absorbing state: {%s} have no way out (add an exit to death or another absorbing state)",
				s.Name, strings.Join(trapped, ", "))
		}
	}
}

// reach returns which states a patient can reach from the starts along succ.
func reach(succ [][]int, starts []int) []bool {
	reached := make([]bool, len(succ))
	stack := append([]int(nil), starts...)
	for _, i := range starts {
		reached[i] = true
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, j := range succ[i] {
			if !reached[j] {
				reached[j] = true
				stack = append(stack, j)
			}
		}
	}
	return reached
}
