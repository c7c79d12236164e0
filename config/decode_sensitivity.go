package config

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/blinasim/blinasim/model"
)

// sensitivity reads the `sensitivity:` section:
//
//	sensitivity:
//	  outcome: os:s36
//	  parameters:
//	    - {name: h_relapse, low: 0.2, high: 0.4}
//	  sweeps:
//	    - name: relapse_by_durable
//	      parameters:
//	        - {name: h_relapse, from: 0.1, to: 0.5, steps: 9}
//	        - {name: c_durable, values: [0.3, 0.45, 0.6]}
func (d *decoder) sensitivity(n *node, path string) model.Sensitivity {
	var s model.Sensitivity
	if n.kind == nullNode {
		return s
	}
	if n.kind != mapNode {
		d.iss.at(n, path, "", "expected a mapping with outcome, parameters and sweeps, not %s", n.describe())
		return s
	}
	for _, e := range n.entries {
		kp := keyPath(path, e.key)
		switch e.key {
		case "outcome":
			s.Outcome = d.outcome(e.val, kp)
		case "parameters":
			d.items(e.val, kp, boundsPlace, func(it *node, ip string) { s.Parameters = append(s.Parameters, d.bounds(it, ip)) })
		case "sweeps":
			d.items(e.val, kp, sweepPlace, func(it *node, ip string) { s.Sweeps = append(s.Sweeps, d.sweep(it, ip)) })
		}
	}
	return s
}

// outcome reads an outcome such as os:s36 (see ParseOutcome).
func (d *decoder) outcome(n *node, path string) *model.Outcome {
	if n.kind == nullNode {
		return nil
	}
	if n.kind != scalarNode || n.tag != "str" {
		d.iss.at(n, path, "", "expected an outcome such as os:s36, os:median or rfs:rmst, not %s", n.describe())
		return nil
	}
	if d.unit == 0 {
		return nil // the missing unit is reported once, at `unit`
	}
	o, err := ParseOutcome(n.text, d.unit)
	if err != nil {
		d.iss.at(n, path, "", "%v", err)
		return nil
	}
	return &o
}

func (d *decoder) bounds(n *node, path string) model.Bounds {
	b := model.Bounds{}
	where := fmt.Sprintf("parameter %q", n.str("name"))
	for _, e := range n.entries {
		kp := keyPath(path, e.key)
		switch e.key {
		case "name":
			b.Name = d.text(e.val, kp, where)
		case "low":
			b.Low, _ = d.number(e.val, kp, where, timed, false)
		case "high":
			b.High, _ = d.number(e.val, kp, where, timed, false)
		}
	}
	for _, k := range []string{"low", "high"} {
		if n.get(k) == nil {
			d.iss.at(n, path, where, "bounds need low and high (missing %s)", k)
		}
	}
	return b
}

func (d *decoder) sweep(n *node, path string) model.Sweep {
	sw := model.Sweep{}
	where := fmt.Sprintf("sweep %q", n.str("name"))
	for _, e := range n.entries {
		kp := keyPath(path, e.key)
		switch e.key {
		case "name":
			sw.Name = d.text(e.val, kp, where)
		case "parameters":
			d.items(e.val, kp, sweepAxisPlace, func(it *node, ip string) { sw.Axes = append(sw.Axes, d.sweepAxis(it, ip, where)) })
		}
	}
	return sw
}

func (d *decoder) sweepAxis(n *node, path, sweepWhere string) model.SweepAxis {
	a := model.SweepAxis{}
	where := fmt.Sprintf("%s, parameter %q", sweepWhere, n.str("name"))
	for _, e := range n.entries {
		kp := keyPath(path, e.key)
		switch e.key {
		case "name":
			a.Name = d.text(e.val, kp, where)
		case "values":
			a.Values = d.numbers(e.val, kp, where, timed)
		case "from":
			a.From, _ = d.number(e.val, kp, where, timed, false)
		case "to":
			a.To, _ = d.number(e.val, kp, where, timed, false)
		case "steps":
			a.Steps = d.integer(e.val, kp, where)
		}
	}
	return a
}

// ParseOutcome reads an outcome as files and the command line write it,
// endpoint:measure, where measure is s<time> (a survival endpoint's S at that
// time), f<time> (an incidence endpoint's F), median or rmst; the time is a
// number in the model's unit or a duration such as 3y. Examples: os:s36,
// os:s3y, cir:f24, os:median, rfs:rmst. Whether the endpoint exists is the
// model's to check (model.Model.CheckOutcome).
func ParseOutcome(s string, unit model.Unit) (model.Outcome, error) {
	const forms = "s<time>, f<time> (e.g. s36 or s3y: survival or incidence at that time), median, rmst"
	ep, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || !identRe.MatchString(ep) {
		return model.Outcome{}, fmt.Errorf("outcome %q: expected endpoint:measure, e.g. os:s36, os:median, rfs:rmst", s)
	}
	o := model.Outcome{Endpoint: ep}
	switch m = strings.ToLower(m); {
	case m == "median":
		o.Measure = model.OutcomeMedian
	case m == "rmst":
		o.Measure = model.OutcomeRMST
	case strings.HasPrefix(m, "s") || strings.HasPrefix(m, "f"):
		o.Measure = model.OutcomeSurvival
		if m[0] == 'f' {
			o.Measure = model.OutcomeIncidence
		}
		t, err := parseTime(m[1:], unit)
		if err != nil {
			return model.Outcome{}, fmt.Errorf("outcome %q: %v", s, err)
		}
		o.Time = t
	default:
		return model.Outcome{}, fmt.Errorf("outcome %q: unknown measure %q (allowed: %s)", s, m, forms)
	}
	return o, nil
}

// parseTime reads a number in the model's unit or a duration such as 3y.
func parseTime(s string, unit model.Unit) (float64, error) {
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		return x, nil
	}
	m := durationRe.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("expected a time after s or f: a number in the model's unit or a duration such as 36mo or 3y, not %q", s)
	}
	x, _ := strconv.ParseFloat(m[1], 64)
	u, err := model.ParseUnit(m[2])
	if err != nil {
		return 0, fmt.Errorf("%q: unknown time unit %q (allowed: d, w, mo, y, or day, week, month, year)", s, m[2])
	}
	return unit.Convert(x, u), nil
}
