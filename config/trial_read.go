package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/blinasim/blinasim/model"
)

// mapping returns a mapping node's values by key, reporting keys not allowed.
func (r *trialReader) mapping(n *yaml.Node, p string, allowedKeys []string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		r.bad(n, p, "want a mapping of keys (allowed: %s)", strings.Join(allowedKeys, ", "))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if !contains(allowedKeys, k) {
			r.bad(n.Content[i], join(p, k), "unknown key %q %s", k, allowed(k, allowedKeys))
			continue
		}
		if _, dup := out[k]; dup {
			r.bad(n.Content[i], join(p, k), "key %q given twice", k)
		}
		out[k] = n.Content[i+1]
	}
	return out
}

func join(p, k string) string {
	if p == "" {
		return k
	}
	return p + "." + k
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (r *trialReader) str(n *yaml.Node, p string) string {
	if n.Kind != yaml.ScalarNode || n.Value == "" {
		r.bad(n, p, "want a text value")
		return ""
	}
	return n.Value
}

func (r *trialReader) integer(n *yaml.Node, p string, least int) int {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil || v < least {
		r.bad(n, p, "%q: want a whole number ≥ %d", n.Value, least)
		return 0
	}
	return v
}

func (r *trialReader) ints(n *yaml.Node, p string, least int) []int {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		r.bad(n, p, "want a list of whole numbers ≥ %d, e.g. [1, 1]", least)
		return nil
	}
	var out []int
	for i, c := range n.Content {
		out = append(out, r.integer(c, fmt.Sprintf("%s[%d]", p, i), least))
	}
	return out
}

func (r *trialReader) number(n *yaml.Node, p, want string, ok func(float64) bool) float64 {
	v, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || err != nil || math.IsNaN(v) || math.IsInf(v, 0) || !ok(v) {
		r.bad(n, p, "%q: want %s", n.Value, want)
		return 0
	}
	return v
}

// duration reads a positive time: a bare number (the arms' unit) or with a
// unit (24mo, 2y, 104w, 730d).
func (r *trialReader) duration(n *yaml.Node, p string) Duration {
	const want = "a time > 0: a number in the arms' unit, or a duration such as 24mo, 2y, 104w"
	if n.Kind != yaml.ScalarNode {
		r.bad(n, p, "want %s", want)
		return Duration{}
	}
	if v, err := strconv.ParseFloat(n.Value, 64); err == nil {
		if !(v > 0) || math.IsInf(v, 0) {
			r.bad(n, p, "%q: want %s", n.Value, want)
		}
		return Duration{Value: v}
	}
	m := durationRe.FindStringSubmatch(strings.TrimSpace(n.Value))
	if m == nil {
		r.bad(n, p, "%q: want %s", n.Value, want)
		return Duration{}
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	u, err := model.ParseUnit(m[2])
	if err != nil {
		r.bad(n, p, "%q: unknown time unit %q (allowed: d, w, mo, y, or day, week, month, year)", n.Value, m[2])
		return Duration{}
	}
	if !(v > 0) || math.IsInf(v, 0) {
		r.bad(n, p, "%q: want %s", n.Value, want)
	}
	return Duration{Value: v, Unit: u}
}

// maxTrialArms is the most arms of a trial (sim.MaxArms).
const maxTrialArms = 8

func (r *trialReader) arms(n *yaml.Node, p string) {
	if n.Kind != yaml.SequenceNode {
		r.bad(n, p, "want a list of 2 to %d arms, control first: - {name: control, model: FILE or shipped name}", maxTrialArms)
		return
	}
	for i, c := range n.Content {
		ip := fmt.Sprintf("%s[%d]", p, i)
		r.s.lines[ip] = c.Line
		m := r.mapping(c, ip, []string{"name", "model"})
		a := TrialArm{}
		for _, k := range []string{"name", "model"} {
			if v, ok := m[k]; ok {
				s := r.str(v, ip+"."+k)
				if k == "name" {
					a.Name = s
				} else {
					a.Model = s
				}
			} else if c.Kind == yaml.MappingNode {
				r.bad(c, ip, "missing `%s`", k)
			}
		}
		r.s.Arms = append(r.s.Arms, a)
	}
	if len(r.s.Arms) < 2 || len(r.s.Arms) > maxTrialArms {
		r.bad(n, p, "%d arms: a trial has 2 to %d, control first", len(r.s.Arms), maxTrialArms)
	}
}

func (r *trialReader) accrual(n *yaml.Node, p string) {
	m := r.mapping(n, p, []string{"period", "rate", "ramp"})
	if v, ok := m["period"]; ok {
		r.s.period = r.duration(v, p+".period")
	}
	if v, ok := m["rate"]; ok {
		r.s.Rate = r.number(v, p+".rate", "patients per model unit > 0", func(x float64) bool { return x > 0 })
	}
	if v, ok := m["ramp"]; ok {
		r.s.ramp = r.duration(v, p+".ramp")
	}
	if (m["period"] == nil) == (m["rate"] == nil) && n.Kind == yaml.MappingNode {
		r.bad(n, p, "give exactly one of `period` (a duration) and `rate` (patients per model unit)")
	}
}

func (r *trialReader) analysis(n *yaml.Node, p string) {
	m := r.mapping(n, p, []string{"time", "events"})
	if v, ok := m["time"]; ok {
		r.s.time = r.duration(v, p+".time")
	}
	if v, ok := m["events"]; ok {
		r.s.Events = r.integer(v, p+".events", 1)
	}
	if (m["time"] == nil) == (m["events"] == nil) && n.Kind == yaml.MappingNode {
		r.bad(n, p, "give exactly one of `time` (after the first enrolment) and `events` (the D-th event)")
	}
}

func (r *trialReader) test(n *yaml.Node, p string) {
	m := r.mapping(n, p, []string{"method", "sides", "alpha"})
	if v, ok := m["method"]; ok {
		if s := r.str(v, p+".method"); s != "logrank" {
			r.bad(v, p+".method", "%q: the test is `logrank` (the Cox Wald and RMST tests are reported beside it)", s)
		}
	}
	if v, ok := m["sides"]; ok {
		switch v.Value {
		case "1":
			r.s.OneSided = true
		case "2":
		default:
			r.bad(v, p+".sides", "%q: want 1 (benefit of the second arm only) or 2", v.Value)
		}
	}
	if v, ok := m["alpha"]; ok {
		r.s.Alpha = r.number(v, p+".alpha", "a level in (0, 1), e.g. 0.05", func(x float64) bool { return x > 0 && x < 1 })
	}
}
