package model

import (
	"math"
	"strings"
	"testing"
)

// TestExprEval checks each operator, precedence and function against the
// same arithmetic written in Go: results must be equal bit for bit.
func TestExprEval(t *testing.T) {
	v := Values{"q0": 0.2, "c": 0.35, "p": 0.4, "d": -0.7, "n2": 2}
	expit := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	cases := []struct {
		src   string
		want  float64
		names string
	}{
		{"q0 + (1 - q0) * c", 0.2 + (1-0.2)*0.35, "c q0"},
		{"p / 0.8", 0.4 / 0.8, "p"},
		{"expit(logit(p) + d)", expit(math.Log(0.4/(1-0.4)) + -0.7), "d p"},
		{"exp(d) * log(n2)", math.Exp(-0.7) * math.Log(2), "d n2"},
		{"min(p, c, 0.3)", 0.3, "c p"},
		{"max(p, c)", 0.4, "c p"},
		{"-2^2", -4, ""},
		{"2^3^2", 512, ""},
		{"2**-1", 0.5, ""},
		{"1 - 2 - 3", -4, ""},
		{"8 / 4 / 2", 1, ""},
		{"sqrt(n2) * +1.5e-1", math.Sqrt(2) * 0.15, "n2"},
		{"0.5*p + 0.5*(p)", 0.5*0.4 + 0.5*0.4, "p"},
		{"p", 0.4, "p"},
	}
	for _, c := range cases {
		e, err := ParseExpr(c.src)
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if got := e.Eval(v); got != c.want {
			t.Errorf("%s = %v, want %v", c.src, got, c.want)
		}
		if got := strings.Join(e.Names(), " "); got != c.names {
			t.Errorf("%s names %q, want %q", c.src, got, c.names)
		}
	}
}

// TestExprErrors checks that bad expressions are rejected with the character
// at fault and what is allowed.
func TestExprErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"p +", "at character 4: expected a number, a parameter name or \"(\", found end of expression"},
		{"(p + 1", "at character 7: expected \")\", found end of expression"},
		{"p $ 2", "at character 3: unexpected character '$'"},
		{"foo(p)", "at character 1: unknown function \"foo\" (allowed: exp, expit, log, logit, max, min, sqrt)"},
		{"exp(p, 2)", "exp takes one argument (got 2)"},
		{"min(p)", "min takes two or more arguments (got 1)"},
		{"exp + 1", "exp is a function: call it as exp(...)"},
		{"p q", "at character 3: unexpected name \"q\" after a complete expression"},
		{"1.2.3", "\"1.2.3\" is not a number"},
		{"", "expected a number"},
	}
	for _, c := range cases {
		_, err := ParseExpr(c.src)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want an error containing %q", c.src, err, c.want)
		}
	}
}

// derivedModel is alive → dead at rate h = base * hr, with hr derived.
func derivedModel(params ...Parameter) *Model {
	m := &Model{Name: "d", Unit: Month, Horizon: 12,
		Parameters: append([]Parameter{{Name: "base", Value: 0.1, Source: "test"}}, params...),
		States: []State{{Name: "alive", Initial: Num(1), Exits: []Exit{{To: "dead", Dist: DistSpec{Family: FamExponential, Rate: &Quantity{Param: "h"}}}}},
			{Name: "dead"}}}
	return m
}

func TestDerivedValues(t *testing.T) {
	m := derivedModel(Parameter{Name: "h", Expr: "base * hr", Source: "test"}, Parameter{Name: "hr", Expr: "exp(lhr)", Source: "test"},
		Parameter{Name: "lhr", Value: -0.5, Source: "test"})
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	v := m.Values()
	if want := 0.1 * math.Exp(-0.5); v["h"] != want {
		t.Errorf("h = %v, want %v", v["h"], want)
	}
	ds := m.Derived()
	if len(ds) != 2 || ds[0].Name != "hr" || ds[1].Name != "h" {
		t.Errorf("evaluation order %v, want hr before h", ds)
	}
	w := m.Derive(Values{"base": 0.2, "lhr": 0, "h": 99, "hr": 99})
	if w["h"] != 0.2 || w["hr"] != 1 {
		t.Errorf("Derive gave %v, want h = 0.2, hr = 1", w)
	}
}

func TestDerivedRejected(t *testing.T) {
	cases := []struct {
		name   string
		params []Parameter
		path   string
		want   string
	}{
		{"cycle", []Parameter{{Name: "h", Expr: "base * a", Source: "s"}, {Name: "a", Expr: "b + 1", Source: "s"}, {Name: "b", Expr: "a / 2", Source: "s"}},
			"parameters[2].value", "derived parameters form a cycle: a → b → a"},
		{"self", []Parameter{{Name: "h", Expr: "h * 2", Source: "s"}}, "parameters[1].value", "cycle: h → h"},
		{"unknown name", []Parameter{{Name: "h", Expr: "base * hazard_ratio", Source: "s"}}, "parameters[1].value",
			`names "hazard_ratio", which is not a parameter of the model (parameters: base, h; functions: exp,`},
		{"syntax", []Parameter{{Name: "h", Expr: "base *", Source: "s"}}, "parameters[1].value", "at character 7"},
		{"not finite", []Parameter{{Name: "h", Expr: "log(base - 1)", Source: "s"}}, "parameters[1].value",
			`expression "log(base - 1)" evaluates to NaN with the parameters' values (base = 0.1)`},
		{"uncertainty", []Parameter{{Name: "h", Expr: "base", Source: "s", Uncertainty: &Uncertainty{Family: UncGamma, A: 1, B: 1}}},
			"parameters[1].uncertainty", "a derived parameter (value = base) has no uncertainty of its own"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantProblem(t, derivedModel(c.params...).Validate(), c.path, c.want)
		})
	}
	m := derivedModel(Parameter{Name: "h", Expr: "base", Source: "s"})
	m.Sensitivity.Parameters = []Bounds{{Name: "h", Low: 0.1, High: 0.2}}
	wantProblem(t, m.Validate(), "sensitivity.parameters[0].name", `"h" is derived (value = base): a derived parameter follows its inputs; vary them instead`)
}
