package config

import (
	"fmt"
	"math"

	"github.com/blinasim/blinasim/model"
)

// decode turns a resolved tree (keys already checked) into a model. Values of
// the wrong shape or type are reported with their file and line; what is
// semantically wrong is left to model.Validate.
func decode(root *node) (*model.Model, issues) {
	d := &decoder{}
	m := &model.Model{}
	// The unit comes first: durations anywhere are converted to it.
	switch u := root.get("unit"); {
	case u == nil:
		d.iss.at(root, "unit", "", "missing: every model has a time unit (allowed: day, week, month, year)")
	case u.val.kind == mapNode || u.val.kind == listNode:
		d.iss.at(u.val, "unit", "", "expected day, week, month or year, not %s", u.val.describe())
	default:
		unit, err := model.ParseUnit(u.val.text)
		if err != nil {
			d.iss.at(u.val, "unit", "", "%v", err)
		}
		m.Unit, d.unit = unit, unit
	}
	for _, e := range root.entries {
		v := e.val
		switch e.key {
		case "name":
			m.Name = d.text(v, e.key, "")
		case "title":
			m.Title = d.text(v, e.key, "")
		case "description":
			m.Description = d.text(v, e.key, "")
		case "horizon":
			m.Horizon, _ = d.number(v, e.key, "", timed, false)
		case "landmarks":
			m.Landmarks = d.numbers(v, e.key, "", timed)
		case "cohort":
			before := len(d.iss)
			if m.Cohort = d.integer(v, e.key, ""); m.Cohort < 1 && len(d.iss) == before {
				d.iss.at(v, e.key, "", "cohort is the study's sample size, for the number-at-risk table: a whole number ≥ 1 (got %d)", m.Cohort)
			}
		case "death_states":
			m.DeathStates = d.names(v, e.key, "")
		case "attributes":
			d.items(v, e.key, attributePlace, func(it *node, path string) { m.Attributes = append(m.Attributes, d.attribute(it, path)) })
		case "by":
			m.By = d.text(v, e.key, "")
		case "states":
			d.items(v, e.key, statePlace, func(it *node, path string) { m.States = append(m.States, d.state(it, path)) })
		case "endpoints":
			d.items(v, e.key, endpointPlace, func(it *node, path string) { m.Endpoints = append(m.Endpoints, d.endpoint(it, path)) })
		case "parameters":
			d.items(v, e.key, parameterPlace, func(it *node, path string) {
				m.Parameters = append(m.Parameters, d.parameter(it, path))
			})
		case "correlations":
			d.items(v, e.key, correlationPlace, func(it *node, path string) { m.Correlations = append(m.Correlations, d.correlation(it, path)) })
		case "targets":
			d.items(v, e.key, targetPlace, func(it *node, path string) { m.Targets = append(m.Targets, d.target(it, path)) })
		case "calibrate":
			m.Calibrate = d.calibrate(v, e.key)
		case "sensitivity":
			m.Sensitivity = d.sensitivity(v, e.key)
		}
	}
	if root.get("landmarks") == nil && m.Unit != 0 && m.Horizon > 0 && !math.IsInf(m.Horizon, 0) {
		m.Landmarks = defaultLandmarks(m.Unit, m.Horizon)
	}
	return m, d.iss
}

// maxLandmarks is how many landmarks a model gets by default.
const maxLandmarks = 10

// defaultLandmarks returns every whole year up to the horizon, in the model's
// unit with a whole number of units per year (12 months, 52 weeks, 365 days),
// every k years when there would be more than 10. A last year that overshoots
// the horizon by rounding only (a 5y horizon is 59.995 months) becomes the
// horizon; a horizon under a year gets the horizon itself.
func defaultLandmarks(u model.Unit, horizon float64) []float64 {
	year := math.Round(u.Convert(1, model.Year))
	years := math.Floor(horizon/year*(1+1e-3) + 1e-9)
	if years < 1 {
		return []float64{horizon}
	}
	step := math.Ceil(years / maxLandmarks)
	var out []float64
	for k := step; k <= years; k += step {
		out = append(out, min(k*year, horizon))
	}
	return out
}

// items calls fn for each item of a list of named items at key (a path:
// "states", or "sensitivity.sweeps"), reporting items that are not mappings.
func (d *decoder) items(n *node, key string, p *place, fn func(it *node, path string)) {
	if n.kind == nullNode {
		return
	}
	if !d.isList(n, key, "", p.what+"s, each a mapping with a name") {
		return
	}
	for i, it := range n.items {
		path := itemPath("", key, i)
		if it.kind != mapNode {
			d.iss.at(it, path, "", "expected a %s (a mapping of keys such as name: ...), not %s", p.what, it.describe())
			continue
		}
		fn(it, path)
	}
}

func (d *decoder) state(n *node, path string) model.State {
	s := model.State{}
	where := fmt.Sprintf("state %q", n.str("name"))
	for _, e := range n.entries {
		kp := keyPath(path, e.key)
		switch e.key {
		case "name":
			s.Name = d.text(e.val, kp, where)
		case "title":
			s.Title = d.text(e.val, kp, where)
		case "description":
			s.Description = d.text(e.val, kp, where)
		case "initial":
			s.Initial, _ = d.quantity(e.val, kp, where, plain)
		case "exits":
			if e.val.kind == nullNode {
				continue
			}
			if !d.isList(e.val, kp, where, "exits, each a mapping with to: or branch:") {
				continue
			}
			for j, it := range e.val.items {
				ip := itemPath(path, "exits", j)
				if it.kind != mapNode {
					d.iss.at(it, ip, where, "expected an exit (a mapping with to: or branch:, dist: ...), not %s", it.describe())
					continue
				}
				s.Exits = append(s.Exits, d.exit(it, ip, where))
			}
		case "updates":
			s.Updates = d.updates(e.val, kp, where)
		}
	}
	return s
}

// distKeys says how each distribution argument is read: rates per unit, times
// with an optional unit, the rest as plain numbers.
var distKeys = map[string]numKind{
	"rate": rated, "rates": rated, "median": timed, "scale": timed, "duration": timed, "breaks": timed,
	"shape": plain, "meanlog": plain, "sdlog": plain, "cure": plain,
}

func (d *decoder) exit(n *node, path, stateWhere string) model.Exit {
	x := model.Exit{}
	where := fmt.Sprintf("%s, exit %q", stateWhere, identity(n, exitPlace))
	q := func(v *node, kp string, k numKind) *model.Quantity {
		if v.kind == nullNode {
			return nil
		}
		q, _ := d.quantity(v, kp, where, k)
		return &q
	}
	for _, e := range n.entries {
		kp := keyPath(path, e.key)
		switch e.key {
		case "name":
			x.Name = d.text(e.val, kp, where)
		case "to":
			x.To = d.text(e.val, kp, where)
		case "note":
			x.Note = d.text(e.val, kp, where)
		case "branch":
			x.Branch = d.branch(e.val, kp, where)
		case "dist":
			x.Dist.Family = model.Family(d.choice(e.val, kp, where, "", model.Families()...))
		case "clock":
			if d.choice(e.val, kp, where, "reset", "reset", "forward") == "forward" {
				x.Clock = model.ClockForward
			}
		case "since", "when", "effects", "branch_by":
			d.exitHistory(&x, e, kp, where)
		case "hr":
			x.HazardRatio = q(e.val, kp, plain)
		case "tr":
			x.TimeRatio = q(e.val, kp, plain)
		case "breaks":
			x.Dist.Breaks = d.quantities(e.val, kp, where, timed)
		case "rates":
			x.Dist.Rates = d.quantities(e.val, kp, where, rated)
		default:
			k, ok := distKeys[e.key]
			if !ok {
				continue
			}
			v := q(e.val, kp, k)
			switch e.key {
			case "rate":
				x.Dist.Rate = v
			case "median":
				x.Dist.Median = v
			case "shape":
				x.Dist.Shape = v
			case "scale":
				x.Dist.Scale = v
			case "meanlog":
				x.Dist.MeanLog = v
			case "sdlog":
				x.Dist.SdLog = v
			case "duration":
				x.Dist.Duration = v
			case "cure":
				x.Dist.Cure = v
			}
		}
	}
	return x
}

// branch reads a branch exit's arms: [{to: remission, prob: p_cr}, {to: refractory, prob: rest}].
func (d *decoder) branch(n *node, path, where string) []model.Destination {
	if !d.isList(n, path, where, "arms such as {to: remission, prob: 0.4}") {
		return nil
	}
	var out []model.Destination
	for i, it := range n.items {
		ip := itemPath("", path, i)
		if it.kind != mapNode {
			d.iss.at(it, ip, where, "expected a branch arm such as {to: remission, prob: 0.4}, not %s", it.describe())
			continue
		}
		var a model.Destination
		a.To = d.text(it.val("to"), ip+".to", where)
		if p := it.val("prob"); p == nil {
			d.iss.at(it, ip, where, "a branch arm needs prob: a probability, a parameter name, or rest")
		} else if p.kind == scalarNode && p.tag == "str" && p.text == "rest" {
			a.Rest = true
		} else {
			a.Prob, _ = d.quantity(p, ip+".prob", where, plain)
		}
		a.ByLevel = d.levelProbs(it.val("levels"), ip+".levels", where)
		out = append(out, a)
	}
	return out
}
