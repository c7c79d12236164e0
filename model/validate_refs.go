package model

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (m *Model) validateDeaths(ps *Problems, idx map[string]int) {
	for i, d := range m.DeathStates {
		path := fmt.Sprintf("death_states[%d]", i)
		if !checkState(ps, idx, d, path, "") {
			continue
		}
		if !m.States[idx[d]].Absorbing() {
			ps.add(path, fmt.Sprintf("state %q", d), "a death state must be absorbing (have no exits)")
		}
	}
	if len(m.Deaths()) == 0 {
		ps.add("death_states", "", "overall survival needs at least one death state")
	}
}

func (m *Model) validateEndpoints(ps *Problems, idx map[string]int) {
	names := map[string]bool{}
	for i, e := range m.Endpoints {
		path := fmt.Sprintf("endpoints[%d]", i)
		where := fmt.Sprintf("endpoint %q", e.Name)
		if !identRe.MatchString(e.Name) {
			ps.add(path+".name", where, "endpoint name must match [a-z][a-z0-9_]*")
		}
		if names[e.Name] {
			ps.add(path+".name", where, "endpoint %q is defined twice", e.Name)
		}
		names[e.Name] = true
		if len(e.Events) == 0 {
			ps.add(path+".events", where, "an endpoint needs at least one event state")
		}
		m.validateTau(ps, e, path, where)
		if e.Kind == Survival && len(e.Competing) > 0 {
			ps.add(path+".competing", where, "only `kind: incidence` endpoints take competing states")
		}
		ev := map[string]bool{}
		for _, list := range []struct {
			key   string
			names []string
		}{{"start", e.Start}, {"events", e.Events}, {"competing", e.Competing}} {
			for j, s := range list.names {
				checkState(ps, idx, s, fmt.Sprintf("%s.%s[%d]", path, list.key, j), where)
				switch list.key {
				case "events":
					ev[s] = true
				case "competing":
					if ev[s] {
						ps.add(fmt.Sprintf("%s.competing[%d]", path, j), where, "state %q is both an event and a competing event", s)
					}
				}
			}
		}
	}
}

func (m *Model) validateTargets(ps *Problems, idx map[string]int) {
	eps := map[string]EndpointKind{}
	for _, e := range m.AllEndpoints() {
		eps[e.Name] = e.Kind
	}
	for i, t := range m.Targets {
		path := fmt.Sprintf("targets[%d]", i)
		where := fmt.Sprintf("target %q", t.Name)
		if t.Name == "" {
			ps.add(path+".name", "", "a target needs a name")
		}
		if strings.TrimSpace(t.Source) == "" {
			ps.add(path+".source", where, "a target needs a source (seed file and phrase)")
		}
		if t.N < 0 {
			ps.add(path+".n", where, "n must be ≥ 1 (got %d)", t.N)
		} else if t.N == 0 && t.Lower == 0 && t.Upper == 0 {
			ps.add(path, where, "a target needs n (the number of patients the figure was measured on, ≥ 1) or its published interval (lower and upper): the check's interval comes from one of them")
		}
		switch t.Measure {
		case MeasureSurvival, MeasureIncidence, MeasureMedian:
			kind, ok := eps[t.Endpoint]
			if !ok {
				ps.add(path+".endpoint", where, "unknown endpoint %q", t.Endpoint)
				break
			}
			if t.Measure == MeasureSurvival && kind != Survival || t.Measure == MeasureIncidence && kind != Incidence {
				ps.add(path+".measure", where, "measure %s does not fit endpoint %q of kind %s", t.Measure, t.Endpoint, kind)
			}
			if t.Measure == MeasureMedian {
				if !(t.Value > 0) {
					ps.add(path+".value", where, "a median must be a time > 0 (got %v)", t.Value)
				}
				break
			}
			if !(t.Time > 0) || math.IsInf(t.Time, 0) {
				ps.add(path+".time", where, "time %v must be a finite time > 0", t.Time)
			}
			checkTargetProb(ps, t, path, where)
		case MeasureShareEntering:
			if t.State != "" || len(t.States) == 0 {
				checkState(ps, idx, t.State, path+".state", where)
			}
			m.validateTargetSets(ps, idx, t, path, where)
			if !(t.Time >= 0) || math.IsInf(t.Time, 0) {
				ps.add(path+".time", where, "time %v must be a finite time > 0 (or absent: entering by the horizon)", t.Time)
			}
			checkTargetProb(ps, t, path, where)
		default:
			ps.add(path+".measure", where, "unknown measure %q (allowed: survival, incidence, median, share_entering)", t.Measure)
		}
		if t.Lower != 0 || t.Upper != 0 {
			if !(t.Lower <= t.Value && t.Value <= t.Upper) {
				ps.add(path, where, "interval [%v, %v] must contain the value %v", t.Lower, t.Upper, t.Value)
			}
		}
	}
}

func checkTargetProb(ps *Problems, t Target, path, where string) {
	if !(t.Value >= 0 && t.Value <= 1) {
		ps.add(path+".value", where, "a %s target is a probability within [0, 1] (got %v)", t.Measure, t.Value)
	}
}
