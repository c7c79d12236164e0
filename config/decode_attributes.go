package config

import (
	"fmt"
	"strings"

	"github.com/blinasim/blinasim/model"
)

// The places of attributes and history (docs/attributes.md). None of their
// items is merged by name: an extending file replaces a state's updates or an
// exit's conditions, effects and level probabilities as a whole.
var (
	distArgKeys    = []string{"dist", "rate", "median", "shape", "scale", "meanlog", "sdlog", "duration", "breaks", "rates", "cure"}
	attributePlace = &place{what: "attribute", named: true, keys: append([]string{
		"name", "title", "description", "kind", "levels", "initial", "level", "share", "shares"}, distArgKeys...)}
	updatePlace    = &place{what: "update", keys: []string{"attr", "set", "add", "record"}}
	conditionPlace = &place{what: "condition", keys: []string{"attr", "is", "not", "min", "max"}}
	effectPlace    = &place{what: "effect", keys: []string{"attr", "level", "count", "hr", "beta"}}
	levelProbPlace = &place{what: "level probability", keys: []string{"level", "prob"}}
)

func (d *decoder) attribute(n *node, path string) model.Attribute {
	a := model.Attribute{}
	where := fmt.Sprintf("attribute %q", n.str("name"))
	hasDist := false
	for _, e := range n.entries {
		kp := keyPath(path, e.key)
		switch e.key {
		case "name":
			a.Name = d.text(e.val, kp, where)
		case "title":
			a.Title = d.text(e.val, kp, where)
		case "description":
			a.Description = d.text(e.val, kp, where)
		case "kind":
			k, _ := model.ParseAttrKind(d.choice(e.val, kp, where, "", model.AttrKinds()...))
			a.Kind = k
		case "levels":
			a.Levels = d.levelNames(e.val, kp, where)
		case "initial":
			if e.val.kind != nullNode {
				q, _ := d.quantity(e.val, kp, where, timed)
				a.Initial = &q
			}
		case "level":
			a.Level = d.text(e.val, kp, where)
		case "share":
			q, _ := d.quantity(e.val, kp, where, plain)
			a.Shares = []model.Share{{Prob: q}}
		case "shares":
			a.Shares = d.shares(e.val, kp, where)
		case "dist":
			hasDist = true
		}
	}
	if n.get("kind") == nil {
		d.iss.at(n, path, where, "an attribute needs kind (allowed: %s)", strings.Join(model.AttrKinds(), ", "))
	}
	if hasDist {
		spec := d.exit(n, path, where).Dist // the exit decoder reads the same distribution keys
		a.Dist = &spec
	}
	return a
}

// levelNames reads a category's levels; YAML booleans and numbers are read as
// their text.
func (d *decoder) levelNames(n *node, path, where string) []string {
	if n == nil || n.kind == nullNode {
		return nil
	}
	if !d.isList(n, path, where, "level names, such as [negative, positive]") {
		return nil
	}
	var out []string
	for i, it := range n.items {
		out = append(out, d.text(it, itemPath("", path, i), where))
	}
	return out
}

// shares reads [0.35, rest]: one probability (or parameter, or rest) per level.
func (d *decoder) shares(n *node, path, where string) []model.Share {
	if !d.isList(n, path, where, "one share per level, such as [0.6, rest]") {
		return nil
	}
	var out []model.Share
	for i, it := range n.items {
		if it.kind == scalarNode && it.tag == "str" && it.text == "rest" {
			out = append(out, model.Share{Rest: true})
			continue
		}
		q, _ := d.quantity(it, itemPath("", path, i), where, plain)
		out = append(out, model.Share{Prob: q})
	}
	return out
}

// listItems calls fn for each mapping item of a list at path.
func (d *decoder) listItems(n *node, path, where string, p *place, example string, fn func(it *node, ip string)) {
	if n == nil || n.kind == nullNode {
		return
	}
	if !d.isList(n, path, where, p.what+"s such as "+example) {
		return
	}
	for i, it := range n.items {
		ip := itemPath("", path, i)
		if it.kind != mapNode {
			d.iss.at(it, ip, where, "expected a %s such as %s, not %s", p.what, example, it.describe())
			continue
		}
		fn(it, ip)
	}
}

func (d *decoder) updates(n *node, path, where string) []model.Update {
	var out []model.Update
	d.listItems(n, path, where, updatePlace, "{attr: n_hsct, add: 1}", func(it *node, ip string) {
		var u model.Update
		for _, e := range it.entries {
			kp := keyPath(ip, e.key)
			switch e.key {
			case "attr":
				u.Attr = d.text(e.val, kp, where)
			case "set":
				u.Set = d.text(e.val, kp, where)
			case "add":
				q, _ := d.quantity(e.val, kp, where, plain)
				u.Add = &q
			case "record":
				u.Record = d.choice(e.val, kp, where, "false", "true", "false") == "true"
				if !u.Record {
					d.iss.at(e.val, kp, where, "record takes true (record the entry time); leave it out otherwise")
				}
			}
		}
		out = append(out, u)
	})
	return out
}

// exitHistory reads an exit's since, when, effects and branch_by.
func (d *decoder) exitHistory(x *model.Exit, e entry, kp, where string) {
	switch e.key {
	case "since":
		x.Since = d.text(e.val, kp, where)
	case "branch_by":
		x.BranchBy = d.text(e.val, kp, where)
	case "when":
		d.listItems(e.val, kp, where, conditionPlace, "{attr: cd19_negative, is: false}", func(it *node, ip string) {
			var c model.Condition
			for _, f := range it.entries {
				fp := keyPath(ip, f.key)
				switch f.key {
				case "attr":
					c.Attr = d.text(f.val, fp, where)
				case "is":
					c.Is = d.text(f.val, fp, where)
				case "not":
					c.Not = d.text(f.val, fp, where)
				case "min":
					q, _ := d.quantity(f.val, fp, where, plain)
					c.Min = &q
				case "max":
					q, _ := d.quantity(f.val, fp, where, plain)
					c.Max = &q
				}
			}
			x.When = append(x.When, c)
		})
	case "effects":
		d.listItems(e.val, kp, where, effectPlace, "{attr: mrd, level: positive, hr: 3.1}", func(it *node, ip string) {
			var f model.Effect
			for _, g := range it.entries {
				gp := keyPath(ip, g.key)
				switch g.key {
				case "attr":
					f.Attr = d.text(g.val, gp, where)
				case "level":
					f.Level = d.text(g.val, gp, where)
				case "count":
					c := d.integer(g.val, gp, where)
					f.Count = &c
				case "hr":
					q, _ := d.quantity(g.val, gp, where, plain)
					f.HR = &q
				case "beta":
					q, _ := d.quantity(g.val, gp, where, plain)
					f.Beta = &q
				}
			}
			x.Effects = append(x.Effects, f)
		})
	}
}

// levelProbs reads a branch arm's per-level probabilities.
func (d *decoder) levelProbs(n *node, path, where string) []model.LevelProb {
	var out []model.LevelProb
	d.listItems(n, path, where, levelProbPlace, "{level: true, prob: 0.3}", func(it *node, ip string) {
		var lp model.LevelProb
		lp.Level = d.text(it.val("level"), ip+".level", where)
		switch p := it.val("prob"); {
		case p == nil:
			d.iss.at(it, ip, where, "a level probability needs prob: a probability, a parameter name, or rest")
		case p.kind == scalarNode && p.tag == "str" && p.text == "rest":
			lp.Rest = true
		default:
			lp.Prob, _ = d.quantity(p, ip+".prob", where, plain)
		}
		out = append(out, lp)
	})
	return out
}
