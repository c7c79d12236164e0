package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestLoadSensitivity: every form of the section's keys reads into the model,
// durations converted to the model's unit.
func TestLoadSensitivity(t *testing.T) {
	m, err := LoadFile("testdata/sensitivity/sens.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := m.Sensitivity
	if want := (model.Outcome{Endpoint: "os", Measure: model.OutcomeSurvival, Time: model.Month.Convert(2, model.Year)}); s.Outcome == nil || *s.Outcome != want {
		t.Errorf("outcome %v, want %v", s.Outcome, want)
	}
	weeks := func(w float64) float64 { return model.Month.Convert(w, model.Week) }
	if len(s.Parameters) != 2 || s.Parameters[1] != (model.Bounds{Name: "t_assess", Low: weeks(6), High: weeks(16)}) {
		t.Errorf("bounds %+v", s.Parameters)
	}
	if len(s.Sweeps) != 2 || s.Sweeps[0].Axes[0].Steps != 7 || len(s.Sweeps[1].Axes) != 2 ||
		s.Sweeps[1].Axes[0].Values[2] != 0.6 || s.Sweeps[1].Cells() != 15 {
		t.Errorf("sweeps %+v", s.Sweeps)
	}
}

// TestSensitivityRejected: a broken section is an *Error naming the file,
// line, key and what is allowed.
func TestSensitivityRejected(t *testing.T) {
	// withTop(param) puts parameter p on line 11; the section starts on line 12.
	sens := func(body string) string {
		return withTop(strings.Replace(param, "%s", "{dist: fixed}", 1) + "sensitivity:\n" + body)
	}
	usesP := func(body string) string { return strings.Replace(sens(body), "rate: 0.1", "rate: p", 1) }
	cases := []struct {
		name, text string
		want       string
	}{
		{"a misspelled key", sens("  outcom: os:s12\n"),
			`m.yaml:13: sensitivity: unknown key "outcom" (allowed: outcome, parameters, sweeps; did you mean "outcome"?)`},
		{"a misspelled sweep key", sens("  sweeps:\n    - name: a\n      parameters:\n        - {name: p, from: 0.1, to: 0.9, stpes: 3}\n"),
			`m.yaml:16: sensitivity.sweeps[0].parameters[0]: unknown key "stpes" (allowed: name, values, from, to, steps; did you mean "steps"?)`},
		{"an unknown measure", sens("  outcome: os:x12\n"),
			`m.yaml:13: sensitivity.outcome: outcome "os:x12": unknown measure "x12" (allowed: s<time>, f<time>`},
		{"a number for an outcome", sens("  outcome: 36\n"),
			`m.yaml:13: sensitivity.outcome: expected an outcome such as os:s36, os:median or rfs:rmst, not the number 36`},
		{"an unknown endpoint", sens("  outcome: efs:median\n"),
			`m.yaml:13: sensitivity.outcome: outcome efs:median: unknown endpoint "efs" (endpoints: os)`},
		{"an unknown parameter", sens("  parameters:\n    - {name: q, low: 0, high: 1}\n"),
			`m.yaml:14: sensitivity.parameters[0].name (parameter "q"): unknown parameter "q" (parameters: p)`},
		{"a missing high", sens("  parameters:\n    - {name: p, low: 0}\n"),
			`m.yaml:14: sensitivity.parameters[0] (parameter "p"): bounds need low and high (missing high)`},
		{"low above high", sens("  parameters:\n    - {name: p, low: 0.6, high: 0.4}\n"),
			`m.yaml:14: sensitivity.parameters[0] (parameter "p"): low must be < high (got low 0.6, high 0.4)`},
		{"a bound that breaks the model", usesP("  parameters:\n    - name: p\n      low: 0\n      high: 1\n"),
			`m.yaml:15: sensitivity.parameters[0].low (parameter "p"): with p = 0 the model is invalid: states[0].exits[0].rate (state "alive", exit "dead"): exponential rate must be`},
		{"a mapping for the sweeps", sens("  sweeps: {a: 1}\n"),
			`m.yaml:13: sensitivity.sweeps: expected a list of sweeps, each a mapping with a name, not a mapping`},
		{"fractional steps", sens("  sweeps:\n    - name: a\n      parameters: [{name: p, from: 0.1, to: 0.9, steps: 2.5}]\n"),
			`m.yaml:15: sensitivity.sweeps[0].parameters[0].steps (sweep "a", parameter "p"): expected a whole number, not 2.5`},
		{"three parameters", sens("  sweeps:\n    - name: a\n      parameters: [{name: p, values: [1, 2]}, {name: p, values: [1, 2]}, {name: p, values: [1, 2]}]\n"),
			`m.yaml:15: sensitivity.sweeps[0].parameters (sweep "a"): a sweep varies 1 parameter (a line) or 2 (a heat map), not 3`},
		{"a swept value that breaks the model", usesP("  sweeps:\n    - name: a\n      parameters:\n        - {name: p, values: [-1, 0.1]}\n"),
			`m.yaml:16: sensitivity.sweeps[0].parameters[0].values[0] (sweep "a", parameter "p"): with p = -1 the model is invalid`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadFiles(map[string]string{"m.yaml": c.text}, "m.yaml", Options{})
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a *config.Error", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error\n%v\ndoes not contain\n%s", err, c.want)
			}
		})
	}
}

// TestParseOutcome: each measure, times in the model's unit or as durations,
// and what is rejected.
func TestParseOutcome(t *testing.T) {
	for _, c := range []struct {
		in   string
		want model.Outcome
		err  string
	}{
		{in: "os:s36", want: model.Outcome{Endpoint: "os", Measure: model.OutcomeSurvival, Time: 36}},
		{in: " os:S36 ", want: model.Outcome{Endpoint: "os", Measure: model.OutcomeSurvival, Time: 36}},
		{in: "os:s3y", want: model.Outcome{Endpoint: "os", Measure: model.OutcomeSurvival, Time: model.Month.Convert(3, model.Year)}},
		{in: "cir:f24", want: model.Outcome{Endpoint: "cir", Measure: model.OutcomeIncidence, Time: 24}},
		{in: "os:median", want: model.Outcome{Endpoint: "os", Measure: model.OutcomeMedian}},
		{in: "rfs:rmst", want: model.Outcome{Endpoint: "rfs", Measure: model.OutcomeRMST}},
		{in: "os", err: `expected endpoint:measure, e.g. os:s36`},
		{in: "OS:s36", err: `expected endpoint:measure`},
		{in: "os:mean", err: `unknown measure "mean" (allowed: s<time>, f<time>`},
		{in: "os:s", err: `expected a time after s or f`},
		{in: "os:s5q", err: `unknown time unit "q"`},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseOutcome(c.in, model.Month)
			switch {
			case c.err == "" && err != nil:
				t.Fatal(err)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Fatalf("got %v, %v; want an error containing %q", got, err, c.err)
			case c.err == "" && got != c.want:
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}
