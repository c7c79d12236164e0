package model

import (
	"fmt"
	"math"
	"regexp"
	"strings"
)

var (
	identRe     = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	modelNameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)
)

// sumTol is how far probabilities that must sum to 1 may be off (rounding in files).
const sumTol = 1e-9

// Validate checks the whole model and returns every problem found as Problems,
// or nil. Each problem names the offending state, exit, endpoint or parameter
// and says what is allowed.
func (m *Model) Validate() error {
	var ps Problems
	if !modelNameRe.MatchString(m.Name) {
		ps.add("name", "", "model name %q must be lower case letters, digits, '_', '.' or '-', starting with a letter or digit", m.Name)
	}
	if m.Unit < Day || m.Unit > Year {
		ps.add("unit", "", "unit must be day, week, month or year")
	}
	if !(m.Horizon > 0) || math.IsInf(m.Horizon, 0) {
		ps.add("horizon", "", "horizon must be a finite time > 0 (got %v)", m.Horizon)
	}
	// Landmarks past the horizon are allowed and skipped in reports, so that a
	// shorter horizon (e.g. --horizon) does not invalidate a model.
	for i, t := range m.Landmarks {
		if !(t > 0) || math.IsInf(t, 0) {
			ps.add(fmt.Sprintf("landmarks[%d]", i), "", "landmark %v must be a finite time > 0", t)
		}
	}
	if m.Cohort < 0 {
		ps.add("cohort", "", "cohort (the study's sample size, for the number-at-risk table) must be a whole number ≥ 1 (got %d)", m.Cohort)
	}
	vals := m.validateParameters(&ps)
	if !m.validateDerived(&ps, vals) {
		return ps.err() // without the derived values, the numbers that use them cannot be checked
	}
	m.validateGroups(&ps)
	m.validateSamples(&ps)
	m.validateCorrelations(&ps)
	m.validateGroupBranches(&ps)
	states := m.validateStates(&ps, vals)
	if states != nil {
		m.validateDeaths(&ps, states)
		m.validateEndpoints(&ps, states)
		m.validateTargets(&ps, states)
		m.validateAttributes(&ps, vals, states)
		if len(ps) == 0 {
			m.validateGraph(&ps, vals)
		}
		m.validateSensitivity(&ps, vals, len(ps) == 0)
	}
	return ps.err()
}

func (m *Model) validateParameters(ps *Problems) Values {
	vals := make(Values, len(m.Parameters))
	for i, p := range m.Parameters {
		path := fmt.Sprintf("parameters[%d]", i)
		where := fmt.Sprintf("parameter %q", p.Name)
		if !identRe.MatchString(p.Name) {
			ps.add(path+".name", where, "parameter name must match [a-z][a-z0-9_]*")
		}
		if _, dup := vals[p.Name]; dup {
			ps.add(path+".name", where, "parameter %q is defined twice", p.Name)
		}
		vals[p.Name] = p.Value
		if math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
			ps.add(path+".value", where, "value must be a finite number (got %v)", p.Value)
		}
		if strings.TrimSpace(p.Source) == "" {
			ps.add(path+".source", where, `every parameter needs a source: '<seed file>: "<phrase>"' or 'assumption: <reason>'`)
		}
		if p.Uncertainty != nil {
			if err := p.Uncertainty.Validate(); err != nil {
				ps.add(path+".uncertainty", where, "%v", err)
			}
		}
	}
	return vals
}

// validateStates checks states and exits and returns the state index by name,
// or nil when the states are too broken to check what refers to them.
func (m *Model) validateStates(ps *Problems, vals Values) map[string]int {
	if len(m.States) == 0 {
		ps.add("states", "", "a model needs at least one state")
		return nil
	}
	idx := make(map[string]int, len(m.States))
	for i, s := range m.States {
		if !identRe.MatchString(s.Name) {
			ps.add(fmt.Sprintf("states[%d].name", i), "", "state name %q must match [a-z][a-z0-9_]*", s.Name)
		}
		if _, dup := idx[s.Name]; dup {
			ps.add(fmt.Sprintf("states[%d].name", i), "", "state %q is defined twice", s.Name)
		}
		idx[s.Name] = i
	}
	total, absorbing := 0.0, 0
	for i, s := range m.States {
		path := fmt.Sprintf("states[%d]", i)
		where := fmt.Sprintf("state %q", s.Name)
		if p, ok := checkProb(ps, vals, s.Initial, path+".initial", where, "initial probability"); ok {
			total += p
		}
		if s.Absorbing() {
			absorbing++
		}
		names := map[string]bool{}
		for j, e := range s.Exits {
			epath := fmt.Sprintf("%s.exits[%d]", path, j)
			ewhere := fmt.Sprintf("%s, exit %q", where, e.ExitName())
			if names[e.ExitName()] {
				ps.add(epath+".name", ewhere, "exit name %q is used twice in state %q: give one a distinct `name`", e.ExitName(), s.Name)
			}
			names[e.ExitName()] = true
			m.validateExit(ps, vals, idx, e, epath, ewhere)
		}
	}
	if math.Abs(total-1) > sumTol {
		ps.add("states", "", "initial probabilities sum to %v; they must sum to 1", total)
	}
	if absorbing == 0 {
		ps.add("states", "", "the model has no absorbing state (a state with no exits, such as death)")
	}
	return idx
}

func (m *Model) validateExit(ps *Problems, vals Values, idx map[string]int, e Exit, path, where string) {
	switch {
	case e.To != "" && len(e.Branch) > 0:
		ps.add(path, where, "an exit has either `to` or `branch`, not both")
	case e.To == "" && len(e.Branch) == 0:
		ps.add(path, where, "an exit needs `to` (a state) or `branch` (states with probabilities)")
	case e.To != "":
		checkState(ps, idx, e.To, path+".to", where)
	default:
		m.validateBranch(ps, vals, idx, e.Branch, path+".branch", where)
	}
	if err := e.Dist.CheckArgs(); err != nil {
		ps.add(path+".dist", where, "%v", err)
	} else {
		unknown := false
		e.Dist.Quantities(func(key string, q Quantity) {
			if q.IsRef() {
				if _, ok := vals[q.Param]; !ok {
					ps.add(path+"."+key, where, "unknown parameter %q (define it under `parameters`)", q.Param)
					unknown = true
				}
			}
		})
		if !unknown {
			if _, err := e.Dist.Build(vals); err != nil {
				ps.add(path+"."+distKeyOf(err), where, "%v", err)
			}
		}
	}
	for _, r := range []struct {
		key string
		q   *Quantity
	}{{"hr", e.HazardRatio}, {"tr", e.TimeRatio}} {
		if r.q == nil {
			continue
		}
		x, err := vals.Resolve(*r.q)
		switch {
		case err != nil:
			ps.add(path+"."+r.key, where, "%v (define it under `parameters`)", err)
		case !(x > 0) || math.IsInf(x, 0):
			ps.add(path+"."+r.key, where, "%s must be a finite number > 0 (got %v)", r.key, x)
		}
	}
}

// distKeyRe finds the first distribution key an error message names.
var distKeyRe = regexp.MustCompile(`\b(cure|median|rates|rate|shape|scale|meanlog|sdlog|duration|breaks)\b`)

// distKeyOf guesses which key of a distribution an error is about, so the path
// points at the right line; it falls back to "dist".
func distKeyOf(err error) string {
	if k := distKeyRe.FindString(err.Error()); k != "" {
		return k
	}
	return "dist"
}

func (m *Model) validateBranch(ps *Problems, vals Values, idx map[string]int, arms []Destination, path, where string) {
	sum, rests := 0.0, 0
	seen := map[string]bool{}
	for k, a := range arms {
		apath := fmt.Sprintf("%s[%d]", path, k)
		checkState(ps, idx, a.To, apath+".to", where)
		if seen[a.To] {
			ps.add(apath+".to", where, "branch lists %q twice", a.To)
		}
		seen[a.To] = true
		if a.Rest {
			rests++
			continue
		}
		if p, ok := checkProb(ps, vals, a.Prob, apath+".prob", where, "branch probability"); ok {
			sum += p
		}
	}
	switch {
	case rests > 1:
		ps.add(path, where, "at most one branch arm may take `rest` (found %d)", rests)
	case rests == 1 && sum > 1+sumTol:
		ps.add(path, where, "branch probabilities sum to %v before `rest`; they must be at most 1", sum)
	case rests == 0 && math.Abs(sum-1) > sumTol:
		ps.add(path, where, "branch probabilities sum to %v; they must sum to 1 (or let one arm take `rest`)", sum)
	}
}

// checkProb resolves q and checks it is a probability.
func checkProb(ps *Problems, vals Values, q Quantity, path, where, what string) (float64, bool) {
	p, err := vals.Resolve(q)
	if err != nil {
		ps.add(path, where, "%v (define it under `parameters`)", err)
		return 0, false
	}
	if !(p >= 0 && p <= 1) {
		ps.add(path, where, "%s must be within [0, 1] (got %v)", what, p)
		return 0, false
	}
	return p, true
}

func checkState(ps *Problems, idx map[string]int, name, path, where string) bool {
	if _, ok := idx[name]; !ok {
		ps.add(path, where, "unknown state %q (states: %s)", name, strings.Join(sortedKeys(idx), ", "))
		return false
	}
	return true
}
