package config

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// withExit returns tiny (in months) with its one exit, on line 8, replaced.
func withExit(exit string) string {
	return strings.Replace(fmt.Sprintf(tiny, "month", ""), "{to: dead, dist: exponential, rate: 0.1}", exit, 1)
}

// withTop returns tiny (in months) with YAML added from line 10.
func withTop(extra string) string { return fmt.Sprintf(tiny, "month", extra) }

const param = "parameters:\n  - {name: p, value: 0.5, source: 'assumption: test', uncertainty: %s}\n"

// TestRejected checks that bad files are rejected with an *Error whose text
// names the file, the line, the path and what is allowed.
func TestRejected(t *testing.T) {
	cases := []struct {
		name  string
		file  string // the file's name
		text  string
		wants []string // substrings of the error
	}{
		{"typo in an exit key", "m.yaml", withExit("{to: dead, dist: exponential, rat: 0.1}"),
			[]string{`m.yaml:8: states[0].exits[0]: unknown key "rat" (allowed: name, to, branch, dist, rate, median, shape, `, `did you mean "rate"?)`}},
		{"typo in a top-level key", "m.yaml", withTop("horizn: 5\n"),
			[]string{`m.yaml:10: unknown top-level key "horizn" (allowed: extends, name, `, `did you mean "horizon"?`}},
		{"typo in a state key", "m.yaml", strings.Replace(withTop(""), "initial: 1", "intial: 1", 1),
			[]string{`m.yaml:6: states[0]: unknown key "intial"`, `did you mean "initial"?`}},
		{"a key far from any", "m.yaml", withTop("colour: red\n"),
			[]string{`m.yaml:10: unknown top-level key "colour" (allowed: `, `targets, calibrate, sensitivity)`}},
		{"unknown key in an uncertainty", "m.yaml", withTop(fmt.Sprintf(param, "{dist: beta, x: 3, n: 10, prior: 1}")),
			[]string{`m.yaml:11: parameters[0].uncertainty: unknown key "prior" (allowed: dist, a, b, x, n, prior_a, prior_b,`}},
		{"another family's key", "m.yaml", withTop(fmt.Sprintf(param, "{dist: beta, shape: 2, rate: 3}")),
			[]string{`m.yaml:11: parameters[0].uncertainty.shape (parameter "p"): a beta uncertainty does not take "shape" (it takes a, b; or x, n, prior_a, prior_b)`}},
		{"beta counts x > n", "m.yaml", withTop(fmt.Sprintf(param, "{dist: beta, x: 30, n: 10}")),
			[]string{`m.yaml:11: parameters[0].uncertainty (parameter "p"): beta counts need 0 ≤ x ≤ n (got x = 30, n = 10)`}},
		{"half a beta", "m.yaml", withTop(fmt.Sprintf(param, "{dist: beta, a: 3}")),
			[]string{`parameters[0].uncertainty (parameter "p"): a beta uncertainty needs b`}},
		{"unknown uncertainty family", "m.yaml", withTop(fmt.Sprintf(param, "{dist: betta}")),
			[]string{`m.yaml:11: parameters[0].uncertainty.dist (parameter "p"): unknown value "betta" (allowed: beta, gamma, lognormal, normal, uniform, dirichlet, sample, fixed; did you mean "beta"?)`}},
		{"a dirichlet without group", "m.yaml", withTop(fmt.Sprintf(param, "{dist: dirichlet, x: 3}")),
			[]string{`m.yaml:11: parameters[0].uncertainty (parameter "p"): a dirichlet uncertainty needs group: a name shared by the probabilities of one branch, drawn together`}},
		{"a dirichlet with b", "m.yaml", withTop(fmt.Sprintf(param, "{dist: dirichlet, group: g, a: 3, b: 4}")),
			[]string{`m.yaml:11: parameters[0].uncertainty.b (parameter "p"): a dirichlet uncertainty does not take "b" (it takes a; or x, prior_a)`}},
		{"a group on a beta", "m.yaml", withTop(fmt.Sprintf(param, "{dist: beta, a: 3, b: 4, group: g}")),
			[]string{`m.yaml:11: parameters[0].uncertainty.group (parameter "p"): a beta uncertainty does not take "group"`}},
		{"a dirichlet group of one", "m.yaml", withTop(fmt.Sprintf(param, "{dist: dirichlet, group: g, x: 3}")),
			[]string{`m.yaml:11: parameters[0].uncertainty.group (parameter "p"): dirichlet group "g" has only this parameter`}},
		{"a dirichlet group whose values do not sum to 1", "m.yaml", strings.Replace(withTop(fmt.Sprintf(param, "{dist: dirichlet, group: g, x: 3}")+
			"  - {name: q, value: 0.4, source: 'assumption: test', uncertainty: {dist: dirichlet, group: g, x: 2}}\n"), "rate: 0.1", "rate: 0.1, cure: q", 1),
			[]string{`m.yaml:12: parameters[1].uncertainty.group (parameter "q"): the values of dirichlet group "g" (p, q) sum to 0.9; they must sum to 1`}},
		{"a list for a number", "m.yaml", withExit("{to: dead, dist: exponential, rate: [0.1]}"),
			[]string{`m.yaml:8: states[0].exits[0].rate (state "alive", exit "dead"): expected a number or a parameter name, not a list`}},
		{"a boolean for a number", "m.yaml", strings.Replace(withTop(""), "100y", "true", 1),
			[]string{`expected a number (in the model's unit) or a duration such as 28d, 6w, 2.8mo, 5y, not the boolean true`}},
		{"a mapping for the states", "m.yaml", "name: m\nunit: month\nhorizon: 1\nstates: {alive: 1}\n",
			[]string{`m.yaml:4: states: expected a list of states, each a mapping with a name, not a mapping`}},
		{"a number for a state", "m.yaml", "name: m\nunit: month\nhorizon: 1\nstates:\n  - 3\n",
			[]string{`m.yaml:5: states[0]: expected a state (a mapping of keys such as name: ...), not the number 3`}},
		{"a duration on a rate", "m.yaml", withExit("{to: dead, dist: exponential, rate: 2mo}"),
			[]string{`m.yaml:8: states[0].exits[0].rate (state "alive", exit "dead"): "2mo" is a duration, but a rate is a bare number per model unit (per month)`}},
		{"a duration on a rate list", "m.yaml", withExit("{to: dead, dist: piecewise, breaks: [0, 1y], rates: [0.1, 1w]}"),
			[]string{`states[0].exits[0].rates[1] (state "alive", exit "dead"): "1w" is a duration, but a rate`}},
		{"a duration on a probability", "m.yaml", strings.Replace(withTop(""), "initial: 1", "initial: 1d", 1),
			[]string{`m.yaml:6: states[0].initial (state "alive"): "1d" is a duration, but this key takes a number or a parameter name without a unit`}},
		{"a cohort of 0", "m.yaml", withTop("cohort: 0\n"),
			[]string{`m.yaml:10: cohort: cohort is the study's sample size, for the number-at-risk table: a whole number ≥ 1 (got 0)`}},
		{"a fractional cohort", "m.yaml", withTop("cohort: 64.5\n"),
			[]string{`m.yaml:10: cohort: expected a whole number, not 64.5`}},
		{"an unknown time unit", "m.yaml", withTop("landmarks: [5x]\n"),
			[]string{`m.yaml:10: landmarks[0]: "5x": unknown time unit "x" (allowed: d, w, mo, y, or day, week, month, year)`}},
		{"a parameter name on the horizon", "m.yaml", strings.Replace(withTop(""), "100y", "h", 1),
			[]string{`m.yaml:3: horizon: expected a number (in the model's unit) or a duration such as 28d, 6w, 2.8mo, 5y, not the name "h": parameters can be named only in states, exits and branches`}},
		{"neither number nor name", "m.yaml", withExit("{to: dead, dist: exponential, rate: Fast!}"),
			[]string{`states[0].exits[0].rate (state "alive", exit "dead"): expected a number or a parameter name, not "Fast!"`}},
		{"a misspelled distribution", "m.yaml", withExit("{to: dead, dist: weibul, shape: 1, scale: 2}"),
			[]string{`m.yaml:8: states[0].exits[0].dist (state "alive", exit "dead"): unknown value "weibul" (allowed: exponential, fixed, gamma, gompertz, loglogistic, lognormal, piecewise, weibull; did you mean "weibull"?)`}},
		{"a bad clock", "m.yaml", withExit("{to: dead, dist: exponential, rate: 0.1, clock: fwd}"),
			[]string{`unknown value "fwd" (allowed: reset, forward)`}},
		{"a bad unit", "m.yaml", fmt.Sprintf(tiny, "fortnight", ""),
			[]string{`m.yaml:2: unit: unknown time unit "fortnight" (allowed: day, week, month, year)`}},
		{"no unit", "m.yaml", "name: m\nhorizon: 1\nstates: [{name: a, initial: 1}]\n",
			[]string{`m.yaml: unit: missing: every model has a time unit (allowed: day, week, month, year)`}},
		{"a branch arm without prob", "m.yaml", withExit("{name: b, dist: fixed, duration: 1, branch: [{to: dead}]}"),
			[]string{`m.yaml:8: states[0].exits[0].branch[0] (state "alive", exit "b"): a branch arm needs prob: a probability, a parameter name, or rest`}},
		{"a fractional sample size", "m.yaml", withTop("targets:\n  - {name: t, measure: survival, endpoint: os, time: 1, value: 0.5, n: 6.5, source: s}\n"),
			[]string{`m.yaml:11: targets[0].n (target "t"): expected a whole number, not 6.5`}},
		{"remove outside a scenario", "m.yaml", withTop("endpoints:\n  - {name: e, events: [dead], remove: true}\n"),
			[]string{`m.yaml:11: endpoints[0]: "remove" is only allowed in a file that extends another`}},
		{"a duplicate key", "m.yaml", withTop("horizon: 3\n"),
			[]string{`m.yaml:10: duplicate key "horizon" (first written at line 3)`}},
		{"keys differing in case", "m.yaml", withTop("Horizon: 3\n"),
			[]string{`m.yaml:10: duplicate key "Horizon" (first written at line 3; keys are read in lower case)`}},
		{"YAML syntax", "m.yaml", "name: m\nunit: month\nstates: [\n  {name: a\n",
			[]string{`m.yaml:`, `not valid YAML: `}},
		{"an empty file", "m.yaml", "# nothing\n", []string{`m.yaml: the file is empty`}},
		{"a list file", "m.yaml", "- a\n- b\n", []string{`m.yaml:1: a model file is a mapping of keys (name, unit, horizon, states...), not a list`}},
		{"an unknown file type", "m.txt", "name: m\n", []string{`m.txt: unknown model file type ".txt" (allowed: .yaml, .yml, .toml, .json)`}},
		{"TOML: no line", "m.toml", "name = \"m\"\nunit = \"month\"\nhorizn = 5\n",
			[]string{`m.toml: unknown top-level key "horizn"`, `did you mean "horizon"?`}},
		{"TOML syntax", "m.toml", "name = \"m\"\nunit = = 3\n", []string{`m.toml:2: not valid TOML: `}},
		{"JSON: lines", "m.json", "{\n  \"name\": \"m\",\n  \"unit\": \"month\",\n  \"states\": [\n    {\"name\": \"a\", \"intial\": 1}\n  ]\n}\n",
			[]string{`m.json:5: states[0]: unknown key "intial"`}},
		{"JSON syntax", "m.json", "{\n  \"name\": \"m\",\n  \"unit\": \n}\n", []string{`m.json:4: not valid JSON: `}},
		{"every issue is reported", "m.yaml", withTop("horizn: 5\nlandmark: [1]\n"),
			[]string{`m.yaml:10: unknown top-level key "horizn"`, "\n", `m.yaml:11: unknown top-level key "landmark"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := loadFiles(map[string]string{c.file: c.text}, c.file, Options{})
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("got model %v, err %v; want a *config.Error", m, err)
			}
			if m != nil {
				t.Errorf("a rejected file gave a model")
			}
			for _, w := range c.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain\n%s", err, w)
				}
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"rate", "median", "shape", "scale", "horizon"}
	cases := []struct{ got, want string }{
		{"rat", "rate"}, {"rtae", "rate"}, {"meidan", "median"}, {"horizn", "horizon"},
		{"HORIZON", "horizon"}, {"colour", ""}, {"x", ""},
	}
	for _, c := range cases {
		if got := suggest(c.got, keys); got != c.want {
			t.Errorf("suggest(%q) = %q, want %q", c.got, got, c.want)
		}
	}
}
