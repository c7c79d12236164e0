package config

import (
	"strconv"

	"github.com/blinasim/blinasim/model"
	"go.yaml.in/yaml/v3"
)

// Marshalling of attributes and history: the inverse of decode_attributes.go.

func marshalAttribute(a model.Attribute) *yaml.Node {
	m := &ymap{}
	m.str("name", a.Name, true)
	m.str("title", a.Title, false)
	m.str("description", a.Description, false)
	m.str("kind", a.Kind.String(), true)
	m.strs("levels", a.Levels)
	if a.Initial != nil {
		m.add("initial", quantity(*a.Initial))
	}
	m.str("level", a.Level, false)
	switch {
	case a.Kind == model.AttrFlag && len(a.Shares) == 1:
		m.add("share", quantity(a.Shares[0].Prob))
	case len(a.Shares) > 0:
		m.add("shares", flowList(len(a.Shares), func(i int) *yaml.Node {
			if a.Shares[i].Rest {
				return str("rest")
			}
			return quantity(a.Shares[i].Prob)
		}))
	}
	if a.Dist != nil {
		dm := marshalExit(model.Exit{Dist: *a.Dist})
		m.n.Content = append(m.n.Content, dm.Content...)
	}
	return &m.n
}

func marshalUpdates(us []model.Update) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, u := range us {
		m := &ymap{}
		m.str("attr", u.Attr, true)
		m.str("set", u.Set, false)
		if u.Add != nil {
			m.add("add", quantity(*u.Add))
		}
		if u.Record {
			m.add("record", &yaml.Node{Kind: yaml.ScalarNode, Value: "true"})
		}
		m.n.Style = yaml.FlowStyle
		seq.Content = append(seq.Content, &m.n)
	}
	return seq
}

// marshalExitHistory adds an exit's since, when, effects and branch_by.
func marshalExitHistory(m *ymap, e model.Exit) {
	m.str("since", e.Since, false)
	if len(e.When) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, c := range e.When {
			cm := &ymap{}
			cm.str("attr", c.Attr, true)
			cm.str("is", c.Is, false)
			cm.str("not", c.Not, false)
			if c.Min != nil {
				cm.add("min", quantity(*c.Min))
			}
			if c.Max != nil {
				cm.add("max", quantity(*c.Max))
			}
			cm.n.Style = yaml.FlowStyle
			seq.Content = append(seq.Content, &cm.n)
		}
		m.add("when", seq)
	}
	if len(e.Effects) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, f := range e.Effects {
			fm := &ymap{}
			fm.str("attr", f.Attr, true)
			fm.str("level", f.Level, false)
			if f.Count != nil {
				fm.add("count", &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.Itoa(*f.Count)})
			}
			if f.HR != nil {
				fm.add("hr", quantity(*f.HR))
			}
			if f.Beta != nil {
				fm.add("beta", quantity(*f.Beta))
			}
			fm.n.Style = yaml.FlowStyle
			seq.Content = append(seq.Content, &fm.n)
		}
		m.add("effects", seq)
	}
	m.str("branch_by", e.BranchBy, false)
}

// marshalLevelProbs writes a branch arm's per-level probabilities.
func marshalLevelProbs(arm *ymap, lps []model.LevelProb) {
	if len(lps) == 0 {
		return
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, lp := range lps {
		lm := &ymap{}
		lm.str("level", lp.Level, true)
		if lp.Rest {
			lm.add("prob", str("rest"))
		} else {
			lm.add("prob", quantity(lp.Prob))
		}
		lm.n.Style = yaml.FlowStyle
		seq.Content = append(seq.Content, &lm.n)
	}
	arm.add("levels", seq)
}
