package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blinasim/blinasim/model"
)

func (d *decoder) endpoint(n *node, path string) model.Endpoint {
	ep := model.Endpoint{}
	where := fmt.Sprintf("endpoint %q", n.str("name"))
	for _, e := range n.entries {
		kp := keyPath(path, e.key)
		switch e.key {
		case "name":
			ep.Name = d.text(e.val, kp, where)
		case "title":
			ep.Title = d.text(e.val, kp, where)
		case "kind":
			if d.choice(e.val, kp, where, "survival", "survival", "incidence") == "incidence" {
				ep.Kind = model.Incidence
			}
		case "start":
			ep.Start = d.names(e.val, kp, where)
		case "events":
			ep.Events = d.names(e.val, kp, where)
		case "competing":
			ep.Competing = d.names(e.val, kp, where)
		case "tau":
			ep.Tau = d.tau(e.val, kp, where)
		}
	}
	return ep
}

func (d *decoder) parameter(n *node, path string) model.Parameter {
	p := model.Parameter{}
	where := fmt.Sprintf("parameter %q", n.str("name"))
	for _, e := range n.entries {
		kp := keyPath(path, e.key)
		switch e.key {
		case "name":
			p.Name = d.text(e.val, kp, where)
		case "title":
			p.Title = d.text(e.val, kp, where)
		case "value":
			p.Value, p.Expr = d.paramValue(e.val, kp, where)
		case "source":
			p.Source = d.text(e.val, kp, where)
		case "uncertainty":
			p.Uncertainty = d.uncertainty(e.val, kp, where)
		}
	}
	return p
}

// uncertaintyForms lists, for each family, the keys of each accepted form
// (beta has two: a and b, or counts x of n with optional priors; dirichlet
// has a, or a count x with an optional prior_a, besides its group).
var uncertaintyForms = map[model.UncertaintyFamily][][]string{
	model.UncBeta:      {{"a", "b"}, {"x", "n", "prior_a", "prior_b"}},
	model.UncDirichlet: {{"a"}, {"x", "prior_a"}},
	model.UncGamma:     {{"shape", "rate"}},
	model.UncLogNormal: {{"meanlog", "sdlog"}},
	model.UncNormal:    {{"mean", "sd"}},
	model.UncUniform:   {{"min", "max"}},
	model.UncFixed:     {{}},
	model.UncSample:    {{"values"}},
}

// optionalKeys are the keys a form may leave out.
var optionalKeys = map[string]bool{"prior_a": true, "prior_b": true}

// uncertainty reads {dist: beta, x: 29, n: 64} and the other forms into a
// model.Uncertainty: A and B as model.UncertaintyFamily documents them.
func (d *decoder) uncertainty(n *node, path, where string) *model.Uncertainty {
	if n.kind == nullNode {
		return nil
	}
	if n.kind != mapNode {
		d.iss.at(n, path, where, "expected a mapping such as {dist: beta, x: 29, n: 64}, not %s", n.describe())
		return nil
	}
	fams := []string{"beta", "gamma", "lognormal", "normal", "uniform", "dirichlet", "sample", "fixed"}
	dn := n.val("dist")
	if dn == nil {
		d.iss.at(n, path, where, "an uncertainty needs dist (allowed: %s)", strings.Join(fams, ", "))
		return nil
	}
	fam := model.UncertaintyFamily(d.choice(dn, path+".dist", where, "", fams...))
	forms, ok := uncertaintyForms[fam]
	if !ok {
		return nil
	}
	// Which form do the keys given fit?
	var form []string
	for _, f := range forms {
		for _, e := range n.entries {
			if slices.Contains(f, e.key) {
				form = f
				break
			}
		}
	}
	if form == nil {
		form = forms[0]
	}
	u := &model.Uncertainty{Family: fam}
	vals := map[string]float64{}
	bad := false
	grouped := fam == model.UncDirichlet || fam == model.UncSample
	if grouped {
		gn := n.val(keyGroup)
		if gn == nil && fam == model.UncDirichlet {
			d.iss.at(n, path, where, "a dirichlet uncertainty needs group: a name shared by the probabilities of one branch, drawn together")
			bad = true
		}
		if gn == nil && fam == model.UncSample {
			d.iss.at(n, path, where, "a sample uncertainty needs group: a name shared by the parameters of one joint sample, drawn row by row together")
			bad = true
		}
		u.Group = d.text(gn, keyPath(path, keyGroup), where)
	}
	for _, e := range n.entries {
		if e.key == "dist" || (e.key == keyGroup && grouped) {
			continue
		}
		if e.key == "values" && fam == model.UncSample {
			before := len(d.iss)
			u.Sample = &model.Sample{Values: d.numbers(e.val, keyPath(path, e.key), where, plain)}
			bad = bad || len(d.iss) > before
			vals[e.key] = 0
			continue
		}
		if !slices.Contains(form, e.key) {
			d.iss = append(d.iss, Issue{File: e.keyPos.file, Line: e.keyPos.line, Path: keyPath(path, e.key), Where: where,
				Msg: fmt.Sprintf("a %s uncertainty does not take %q (it takes %s)", fam, e.key, describeForms(forms))})
			bad = true
			continue
		}
		x, ok := d.number(e.val, keyPath(path, e.key), where, plain, false)
		bad = bad || !ok
		vals[e.key] = x
	}
	for _, k := range form {
		if _, ok := vals[k]; !ok && !optionalKeys[k] && !bad {
			d.iss.at(n, path, where, "a %s uncertainty needs %s (it takes %s)", fam, k, describeForms(forms))
			bad = true
		}
	}
	if bad {
		return nil
	}
	switch {
	case fam == model.UncFixed, fam == model.UncSample:
	case fam == model.UncBeta && len(form) == 4:
		x, total := vals["x"], vals["n"]
		if !(x >= 0 && x <= total) {
			d.iss.at(n, path, where, "beta counts need 0 ≤ x ≤ n (got x = %v, n = %v)", x, total)
			return nil
		}
		u.A, u.B = x+vals["prior_a"], total-x+vals["prior_b"]
	case fam == model.UncDirichlet:
		u.A = vals[form[0]] + vals["prior_a"]
	default:
		u.A, u.B = vals[form[0]], vals[form[1]]
	}
	return u
}

// keyGroup is the key naming a Dirichlet uncertainty's group.
const keyGroup = "group"

// describeForms writes a family's forms for messages: "a, b; or x, n, prior_a, prior_b".
func describeForms(forms [][]string) string {
	if len(forms[0]) == 0 {
		return "nothing else"
	}
	parts := make([]string, len(forms))
	for i, f := range forms {
		parts[i] = strings.Join(f, ", ")
	}
	return strings.Join(parts, "; or ")
}

func (d *decoder) target(n *node, path string) model.Target {
	t := model.Target{}
	where := fmt.Sprintf("target %q", n.str("name"))
	// A median's value and interval are times; other measures' are probabilities.
	valueKind := plain
	if m := n.val("measure"); m != nil && m.kind == scalarNode && strings.EqualFold(m.text, string(model.MeasureMedian)) {
		valueKind = timed
	}
	for _, e := range n.entries {
		kp := keyPath(path, e.key)
		switch e.key {
		case "name":
			t.Name = d.text(e.val, kp, where)
		case "measure":
			t.Measure = model.Measure(d.choice(e.val, kp, where, "", "survival", "incidence", "median", "share_entering"))
		case "endpoint":
			t.Endpoint = d.text(e.val, kp, where)
		case "state":
			t.State = d.text(e.val, kp, where)
		case "states":
			t.States = d.names(e.val, kp, where)
		case "among":
			t.Among = d.names(e.val, kp, where)
		case "subgroup":
			t.Subgroup = d.text(e.val, kp, where)
		case "time":
			t.Time, _ = d.number(e.val, kp, where, timed, false)
		case "value":
			t.Value, _ = d.number(e.val, kp, where, valueKind, false)
		case "n":
			if t.N = d.integer(e.val, kp, where); t.N == 0 && e.val.kind == scalarNode && e.val.num == 0 && e.val.tag != "str" && e.val.tag != "bool" {
				d.iss.at(e.val, kp, where, "n is the number of patients the figure was measured on: a whole number ≥ 1 (got 0; leave n out when the study gives an interval instead)")
			}
		case "lower":
			t.Lower, _ = d.number(e.val, kp, where, valueKind, false)
		case "upper":
			t.Upper, _ = d.number(e.val, kp, where, valueKind, false)
		case "source":
			t.Source = d.text(e.val, kp, where)
		case "note":
			t.Note = d.text(e.val, kp, where)
		}
	}
	return t
}
