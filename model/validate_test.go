package model

import (
	"errors"
	"strings"
	"testing"
)

func qp(x float64) *Quantity { q := Num(x); return &q }

// validModel is a small valid model each case breaks in one place.
func validModel() *Model {
	return &Model{Name: "m", Unit: Month, Horizon: 60, States: []State{
		{Name: "relapse", Initial: Num(1), Exits: []Exit{
			{Name: "response", Dist: DistSpec{Family: FamFixed, Duration: qp(2)},
				Branch: []Destination{{To: "remission", Prob: Ref("p_cr")}, {To: "death", Rest: true}}},
			{To: "death", Dist: DistSpec{Family: FamExponential, Rate: qp(0.1)}}}},
		{Name: "remission", Exits: []Exit{
			{To: "relapse", Dist: DistSpec{Family: FamWeibull, Shape: qp(1.3), Scale: qp(10)}}}},
		{Name: "death"},
	}, Parameters: []Parameter{{Name: "p_cr", Value: 0.45, Source: `001: "29 of 64"`}},
		Endpoints: []Endpoint{{Name: "rfs", Start: []string{"remission"}, Events: []string{"relapse", "death"}}}}
}

// dirichletArms gives validModel's response branch two parameters, p_cr and
// p_nr, drawn jointly as the Dirichlet group "response".
func dirichletArms(m *Model, pcr, pnr float64) {
	m.Parameters = []Parameter{
		{Name: "p_cr", Value: pcr, Source: `001: "29 of 64"`, Uncertainty: &Uncertainty{Family: UncDirichlet, A: 29, Group: "response"}},
		{Name: "p_nr", Value: pnr, Source: `001: "29 of 64"`, Uncertainty: &Uncertainty{Family: UncDirichlet, A: 35, Group: "response"}}}
	m.States[0].Exits[0].Branch[1] = Destination{To: "death", Prob: Ref("p_nr")}
}

// TestValidateNamesTheProblem: each broken model yields a problem at the right
// path, naming the object, and saying what is allowed.
func TestValidateNamesTheProblem(t *testing.T) {
	cases := []struct {
		name   string
		breakM func(m *Model)
		path   string
		want   string // substring of the message
	}{
		{"valid", func(m *Model) {}, "", ""},
		{"negative cohort", func(m *Model) { m.Cohort = -3 }, "cohort", "whole number ≥ 1 (got -3)"},
		{"probability above 1", func(m *Model) { m.Parameters[0].Value = 1.2 }, "states[0].exits[0].branch[0].prob", "within [0, 1] (got 1.2)"},
		{"initial below 0", func(m *Model) { m.States[1].Initial = Num(-0.1) }, "states[1].initial", "within [0, 1]"},
		{"initials off 1", func(m *Model) { m.States[0].Initial = Num(0.9) }, "states", "sum to 0.9; they must sum to 1"},
		{"branch sum off 1", func(m *Model) {
			m.States[0].Exits[0].Branch[1] = Destination{To: "death", Prob: Num(0.5)}
		}, "states[0].exits[0].branch", "sum to 0.95; they must sum to 1"},
		{"two rests", func(m *Model) { m.States[0].Exits[0].Branch[0].Rest = true }, "states[0].exits[0].branch", "at most one"},
		{"zero rate", func(m *Model) { m.States[0].Exits[1].Dist.Rate = qp(0) }, "states[0].exits[1].rate", "> 0"},
		{"negative rate", func(m *Model) { m.States[0].Exits[1].Dist.Rate = qp(-1) }, "states[0].exits[1].rate", "> 0"},
		{"missing scale", func(m *Model) { m.States[1].Exits[0].Dist.Scale = nil }, "states[1].exits[0].dist", "needs scale"},
		{"no dist", func(m *Model) { m.States[1].Exits[0].Dist = DistSpec{} }, "states[1].exits[0].dist", "needs `dist` (allowed:"},
		{"wrong arg", func(m *Model) { m.States[1].Exits[0].Dist.Rate = qp(1) }, "states[1].exits[0].dist", `does not take "rate"`},
		{"unknown state", func(m *Model) { m.States[1].Exits[0].To = "relpase" }, "states[1].exits[0].to", `unknown state "relpase" (states: death, relapse, remission)`},
		{"unknown parameter", func(m *Model) { m.States[0].Exits[0].Branch[0].Prob = Ref("p_rc") }, "states[0].exits[0].branch[0].prob", `unknown parameter "p_rc"`},
		{"unreachable state", func(m *Model) {
			m.States = append(m.States, State{Name: "cart", Exits: []Exit{{To: "death", Dist: DistSpec{Family: FamExponential, Rate: qp(1)}}}})
		}, "states[3]", "cannot be reached"},
		{"state switched off by a zero-probability arm is allowed", func(m *Model) {
			m.Parameters[0].Value = 0 // p_cr = 0: nobody enters remission
		}, "", ""},
		{"no absorbing state", func(m *Model) {
			m.States[2].Exits = []Exit{{To: "relapse", Dist: DistSpec{Family: FamExponential, Rate: qp(1)}}}
		}, "states", "no absorbing state"},
		{"trapped states", func(m *Model) {
			m.States[1].Exits = append(m.States[1].Exits, Exit{To: "limbo", Dist: DistSpec{Family: FamExponential, Rate: qp(1)}})
			m.States = append(m.States, State{Name: "limbo", Exits: []Exit{{To: "limbo2", Dist: DistSpec{Family: FamExponential, Rate: qp(1)}}}},
				State{Name: "limbo2", Exits: []Exit{{To: "limbo", Dist: DistSpec{Family: FamExponential, Rate: qp(1)}}}})
		}, "states[3]", "can never reach an absorbing state: {limbo, limbo2}"},
		{"duplicate state", func(m *Model) { m.States[1].Name = "relapse" }, "states[1].name", "defined twice"},
		{"bad hazard ratio", func(m *Model) { m.States[0].Exits[1].HazardRatio = qp(0) }, "states[0].exits[1].hr", "> 0"},
		{"death state with exits", func(m *Model) { m.DeathStates = []string{"remission"} }, "death_states[0]", "must be absorbing"},
		{"unsourced parameter", func(m *Model) { m.Parameters[0].Source = " " }, "parameters[0].source", "needs a source"},
		{"competing on survival", func(m *Model) { m.Endpoints[0].Competing = []string{"death"} }, "endpoints[0].competing", "only `kind: incidence`"},
		{"landmark at 0", func(m *Model) { m.Landmarks = []float64{12, 0} }, "landmarks[1]", "finite time > 0"},
		{"landmark past horizon is allowed", func(m *Model) { m.Landmarks = []float64{72} }, "", ""},
		{"bad name", func(m *Model) { m.Name = "My Model" }, "name", "lower case"},
		{"dirichlet group", func(m *Model) { dirichletArms(m, 0.45, 0.55) }, "", ""},
		{"dirichlet group of one", func(m *Model) {
			dirichletArms(m, 0.45, 0.55)
			m.Parameters[1].Uncertainty.Group = "other"
		}, "parameters[1].uncertainty.group", `dirichlet group "other" has only this parameter`},
		{"dirichlet values off 1", func(m *Model) { dirichletArms(m, 0.45, 0.5) },
			"parameters[1].uncertainty.group", `the values of dirichlet group "response" (p_cr, p_nr) sum to 0.95; they must sum to 1`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := validModel()
			c.breakM(m)
			wantProblem(t, m.Validate(), c.path, c.want)
		})
	}
}

// wantProblem checks that err holds a problem at path whose message contains
// want, or, for path "", that err is nil (a valid model).
func wantProblem(t *testing.T, err error, path, want string) {
	t.Helper()
	if path == "" {
		if err != nil {
			t.Fatalf("valid model rejected: %v", err)
		}
		return
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("got %v, want Problems", err)
	}
	for _, p := range ps {
		if p.Path == path && strings.Contains(p.Msg, want) {
			return
		}
	}
	t.Errorf("no problem at %s containing %q; got:\n%v", path, want, err)
}
