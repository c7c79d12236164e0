package report

import (
	"slices"

	"github.com/blinasim/blinasim/sim"
)

// The states of several results (scenarios that add states to a base model,
// subgroups): their union, so that a state keeps one colour and one place in
// the stack in every panel of occupancy.*.

// unionStates returns the states of the results by name, in the first
// result's order; a state that a later result adds goes after the state
// that precedes it there (first, if none does).
func unionStates(results []*sim.Result) []sim.StateResult {
	var out []sim.StateResult
	index := func(name string) int {
		return slices.IndexFunc(out, func(s sim.StateResult) bool { return s.Name == name })
	}
	for _, r := range results {
		for j, s := range r.States {
			if index(s.Name) >= 0 {
				continue
			}
			at := 0
			if j > 0 {
				at = index(r.States[j-1].Name) + 1
			}
			out = slices.Insert(out, at, sim.StateResult{Name: s.Name, Title: s.Title})
		}
	}
	return out
}

// alignStates returns occ (the result's occupancy in its own state order, n
// times each) in the order of states, zero for a state it does not have.
func alignStates(r *sim.Result, states []sim.StateResult, occ [][]float64, n int) [][]float64 {
	out := make([][]float64, len(states))
	for k, s := range states {
		if j := slices.IndexFunc(r.States, func(x sim.StateResult) bool { return x.Name == s.Name }); j >= 0 {
			out[k] = occ[j]
		} else {
			out[k] = make([]float64, n)
		}
	}
	return out
}

// hasState reports whether the result has the named state.
func hasState(r *sim.Result, name string) bool {
	return slices.ContainsFunc(r.States, func(x sim.StateResult) bool { return x.Name == name })
}
