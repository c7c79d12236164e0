package model

import (
	"fmt"
	"testing"
)

// historyModel is validModel with attributes: MRD status (category), a flag
// set on relapse, a count of relapses and the time of the last remission.
func historyModel() *Model {
	m := validModel()
	m.Attributes = []Attribute{
		{Name: "mrd", Kind: AttrCategory, Levels: []string{"negative", "positive"}, Shares: []Share{{Prob: Num(0.6)}, {Rest: true}}},
		{Name: "cd19_negative", Kind: AttrFlag},
		{Name: "n_relapse", Kind: AttrCount},
		{Name: "t_remission", Kind: AttrTime},
	}
	m.States[0].Updates = []Update{{Attr: "n_relapse", Add: qp(1)}}
	m.States[1].Updates = []Update{{Attr: "t_remission", Record: true}}
	m.States[1].Exits[0].Effects = []Effect{{Attr: "mrd", Level: "positive", HR: qp(2.5)}}
	m.States[1].Exits[0].Since = "t_remission"
	m.States[0].Exits[1].When = []Condition{{Attr: "n_relapse", Max: qp(2)}}
	return m
}

// TestValidateAttributeMisuse: every misuse the issue lists, and the others
// the checks catch, at the right path with what is allowed.
func TestValidateAttributeMisuse(t *testing.T) {
	two := 2
	cases := []struct {
		name   string
		breakM func(m *Model)
		path   string
		want   string
	}{
		{"valid", func(m *Model) {}, "", ""},
		{"unknown attribute in an effect", func(m *Model) {
			m.States[1].Exits[0].Effects[0].Attr = "mdr"
		}, "states[1].exits[0].effects[0].attr", `unknown attribute "mdr" (attributes: mrd, cd19_negative, n_relapse, t_remission)`},
		{"unknown attribute in an update", func(m *Model) { m.States[0].Updates[0].Attr = "relapses" },
			"states[0].updates[0].attr", `unknown attribute "relapses"`},
		{"unknown level", func(m *Model) { m.States[1].Exits[0].Effects[0].Level = "pos" },
			"states[1].exits[0].effects[0].level", `"mrd" has no level "pos" (levels: negative, positive)`},
		{"count compared with a level", func(m *Model) {
			m.States[0].Exits[1].When = []Condition{{Attr: "n_relapse", Is: "positive"}}
		}, "states[0].exits[1].when[0]", `"n_relapse" is a count: it has no levels, so it cannot be compared with the level "positive"`},
		{"level bound on a category", func(m *Model) {
			m.States[0].Exits[1].When = []Condition{{Attr: "mrd", Min: qp(1)}}
		}, "states[0].exits[1].when[0]", "min and max compare a count or a number"},
		{"update on an absorbing state", func(m *Model) {
			m.States[2].Updates = []Update{{Attr: "cd19_negative", Set: "true"}}
		}, "states[2].updates[0]", `state "death" is absorbing: nothing reads its update of "cd19_negative"`},
		{"clock from a time never recorded on a path", func(m *Model) { m.States[1].Updates = nil },
			"states[1].exits[0].since", `"t_remission", which is never recorded on the path relapse → remission`},
		{"clock from a time never recorded, path named", func(m *Model) {
			m.States[1].Updates = nil
			m.States[1].Initial = Num(0.5)
			m.States[0].Initial = Num(0.5)
		}, "states[1].exits[0].since", `"t_remission", which is never recorded on the path remission`},
		{"clock from a time recorded at the start is fine", func(m *Model) {
			m.States[1].Updates = nil
			m.Attributes[3].Initial = qp(0)
		}, "", ""},
		{"since a count", func(m *Model) { m.States[1].Exits[0].Since = "n_relapse" },
			"states[1].exits[0].since", "a clock runs since a time attribute"},
		{"since and forward", func(m *Model) { m.States[1].Exits[0].Clock = ClockForward },
			"states[1].exits[0].since", "forward or since"},
		{"record on a flag", func(m *Model) { m.States[0].Updates = []Update{{Attr: "cd19_negative", Record: true}} },
			"states[0].updates[0].record", "only a time attribute records"},
		{"two operations", func(m *Model) { m.States[0].Updates[0].Set = "3" },
			"states[0].updates[0]", "exactly one of set, add or record"},
		{"add a fraction to a count", func(m *Model) { m.States[0].Updates[0].Add = qp(0.5) },
			"states[0].updates[0].add", "whole numbers"},
		{"set an unknown level", func(m *Model) { m.States[0].Updates = []Update{{Attr: "mrd", Set: "unknown"}} },
			"states[0].updates[0].set", `"mrd" has no level "unknown"`},
		{"shares off 1", func(m *Model) { m.Attributes[0].Shares = []Share{{Prob: Num(0.6)}, {Prob: Num(0.3)}} },
			"attributes[0].shares", "shares sum to 0.8999999999999999; they must sum to 1"},
		{"shares per level", func(m *Model) { m.Attributes[0].Shares = []Share{{Prob: Num(1)}} },
			"attributes[0].shares", "one probability per level"},
		{"category with one level", func(m *Model) { m.Attributes[0].Levels = []string{"negative"}; m.Attributes[0].Shares = nil },
			"attributes[0].levels", "at least two levels"},
		{"two baselines", func(m *Model) { m.Attributes[1].Level = "true"; m.Attributes[1].Shares = []Share{{Prob: Num(0.2)}} },
			"attributes[1]", "at most one baseline"},
		{"duplicate attribute", func(m *Model) { m.Attributes[1].Name = "mrd" }, "attributes[1].name", "defined twice"},
		{"count effect on a flag", func(m *Model) {
			m.States[1].Exits[0].Effects = []Effect{{Attr: "cd19_negative", Count: &two, HR: qp(2)}}
		}, "states[1].exits[0].effects[0].count", "count applies to a count attribute"},
		{"effect without hr", func(m *Model) { m.States[1].Exits[0].Effects[0].HR = nil },
			"states[1].exits[0].effects[0].hr", "needs hr"},
		{"branch_by a count", func(m *Model) { m.States[0].Exits[0].BranchBy = "n_relapse" },
			"states[0].exits[0].branch_by", "per level of a flag or category"},
		{"level probabilities off 1", func(m *Model) {
			m.States[0].Exits[0].BranchBy = "mrd"
			m.States[0].Exits[0].Branch[1] = Destination{To: "death", Prob: Num(0.55), ByLevel: []LevelProb{{Level: "positive", Prob: Num(0.2)}}}
		}, "states[0].exits[0].branch", "at level positive of mrd: branch probabilities sum to 0.65"},
		{"arm levels without branch_by", func(m *Model) {
			m.States[0].Exits[0].Branch[0].ByLevel = []LevelProb{{Level: "positive", Prob: Num(0.2)}}
		}, "states[0].exits[0].branch_by", "name the attribute with branch_by"},
		{"subgroups by a count", func(m *Model) { m.By = "n_relapse" }, "by", "flag or category"},
		{"too many subgroups", func(m *Model) {
			m.Attributes[0].Shares = nil
			m.Attributes[0].Levels = nil
			for i := range 40 {
				m.Attributes[0].Levels = append(m.Attributes[0].Levels, fmt.Sprintf("l%d", i))
			}
			m.Attributes[0].Levels[1] = "positive"
			m.By = "mrd"
		}, "by", "at most 32 subgroups"},
		{"subgroup target", func(m *Model) {
			m.Targets = []Target{{Name: "x", Measure: MeasureShareEntering, State: "remission", Value: 0.4, Source: "s", Subgroup: "mrd=neg"}}
		}, "targets[0].subgroup", `"mrd" has no level "neg"`},
		{"subgroup written wrong", func(m *Model) {
			m.Targets = []Target{{Name: "x", Measure: MeasureShareEntering, State: "remission", Value: 0.4, Source: "s", Subgroup: "mrd"}}
		}, "targets[0].subgroup", "attribute=level"},
		{"conditional target", func(m *Model) {
			m.Targets = []Target{{Name: "x", Measure: MeasureShareEntering, States: []string{"death"}, Among: []string{"remision"}, Value: 0.4, Source: "s"}}
		}, "targets[0].among[0]", `unknown state "remision"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := historyModel()
			c.breakM(m)
			wantProblem(t, m.Validate(), c.path, c.want)
		})
	}
}
