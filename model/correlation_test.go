package model

import "testing"

func corrModel(cs ...Correlation) *Model {
	m := derivedModel(Parameter{Name: "h", Expr: "base", Source: "s"})
	for _, n := range []string{"a", "b", "c"} {
		m.Parameters = append(m.Parameters, Parameter{Name: n, Value: 0.5, Source: "s", Uncertainty: &Uncertainty{Family: UncBeta, A: 5, B: 5}})
	}
	if len(cs) == 0 || cs[0].B != "d1" {
		m.Correlations = cs
		return m
	}
	m.Parameters = append(m.Parameters, // a dirichlet group (unused by any branch: only its correlation is checked here)
		Parameter{Name: "d1", Value: 0.5, Source: "s", Uncertainty: &Uncertainty{Family: UncDirichlet, A: 5, Group: "g"}},
		Parameter{Name: "d2", Value: 0.5, Source: "s", Uncertainty: &Uncertainty{Family: UncDirichlet, A: 5, Group: "g"}})
	m.Correlations = cs
	return m
}

func TestCorrelationsRejected(t *testing.T) {
	cases := []struct {
		name string
		cs   []Correlation
		path string
		want string
	}{
		{"valid", []Correlation{{"a", "b", 0.5}, {"b", "c", 0.5}}, "", ""},
		{"not positive definite", []Correlation{{"a", "b", 0.9}, {"a", "c", 0.9}, {"b", "c", -0.9}}, "correlations[2].rank",
			"the rank correlations of a, b and c are impossible together (a–b 0.9, a–c 0.9, b–c -0.9): their correlation matrix is not positive definite"},
		{"unknown", []Correlation{{"a", "zz", 0.5}}, "correlations[0].parameters", `unknown parameter "zz"`},
		{"fixed", []Correlation{{"a", "base", 0.5}}, "correlations[0].parameters", `"base" has no uncertainty distribution`},
		{"derived", []Correlation{{"a", "h", 0.5}}, "correlations[0].parameters", `"h" is derived (value = base)`},
		{"dirichlet", []Correlation{{"a", "d1", 0.5}}, "correlations[0].parameters", `"d1" is a component of dirichlet group "g"`},
		{"itself", []Correlation{{"a", "a", 0.5}}, "correlations[0].parameters", "between two different parameters"},
		{"twice", []Correlation{{"a", "b", 0.5}, {"b", "a", 0.2}}, "correlations[1].parameters", "declared twice"},
		{"rank 1", []Correlation{{"a", "b", 1}}, "correlations[0].rank", "rank must lie strictly between -1 and 1 (got 1)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wantProblem(t, corrModel(c.cs...).Validate(), c.path, c.want) })
	}
}

func TestDrawConflicts(t *testing.T) {
	a, b := corrModel(), corrModel()
	if got := DrawConflicts(a, b); len(got) != 0 {
		t.Errorf("identical models conflict: %v", got)
	}
	b.Parameters[2].Uncertainty = &Uncertainty{Family: UncBeta, A: 6, B: 4}
	b.Correlations = []Correlation{{"a", "b", 0.3}}
	got := DrawConflicts(a, b)
	if len(got) != 2 || got[0] != `parameter "a": beta(5, 5) here, beta(6, 4) there` ||
		got[1] != `the rank correlation of a and b: none here, 0.3 there` {
		t.Errorf("conflicts %q", got)
	}
}
