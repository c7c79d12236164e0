package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// calibrated is tiny with a sourced hazard, a target, and a calibrate section
// from line 15 (%s).
const calibrated = `name: tiny
unit: month
horizon: 10y
states:
  - name: alive
    initial: 1
    exits:
      - {to: dead, dist: exponential, rate: h}
  - name: dead
parameters:
  - {name: h, value: 0.1, source: 'assumption: test'}
targets:
  - {name: os_12, measure: survival, endpoint: os, time: 12, value: 0.3, n: 50, source: s}
calibrate:
%s`

// TestCalibrateRejected checks that every mistake in a calibrate section is
// reported with its file, line, key and what is allowed.
func TestCalibrateRejected(t *testing.T) {
	cases := []struct {
		name, section string
		want          string
	}{
		{"a misspelled key", "  parameters: [{name: h, lower: 0.01, upper: 1}]\n  start: 3\n",
			`m.yaml:16: calibrate: unknown key "start" (allowed: parameters, patients, starts, max_evaluations, seed, prior; did you mean "starts"?)`},
		{"a misspelled parameter key", "  parameters:\n    - {name: h, lower: 0.01, uper: 1}\n",
			`m.yaml:16: calibrate.parameters[0]: unknown key "uper" (allowed: name, lower, upper, transform; did you mean "upper"?)`},
		{"an unknown parameter", "  parameters:\n    - {name: h_death, lower: 0.01, upper: 1}\n",
			`m.yaml:16: calibrate.parameters[0].name (free parameter "h_death"): unknown parameter "h_death" (parameters: h)`},
		{"bounds in the wrong order", "  parameters:\n    - {name: h, lower: 1, upper: 0.01}\n",
			`m.yaml:16: calibrate.parameters[0] (free parameter "h"): bounds must be finite with lower < upper (got lower 1, upper 0.01)`},
		{"a value outside the bounds", "  parameters:\n    - {name: h, lower: 0.2, upper: 1}\n",
			`m.yaml:16: calibrate.parameters[0] (free parameter "h"): the parameter's value 0.1 must lie within the bounds [0.2, 1]`},
		{"a value on a bound", "  parameters:\n    - {name: h, lower: 0.1, upper: 1}\n", ``},
		{"a log transform through 0", "  parameters:\n    - {name: h, lower: 0, upper: 2, transform: log}\n",
			`m.yaml:16: calibrate.parameters[0].transform (free parameter "h"): transform log needs lower > 0 (got 0); use none for a parameter that may be ≤ 0`},
		{"an unknown transform", "  parameters:\n    - {name: h, lower: 0.01, upper: 1, transform: probit}\n",
			`m.yaml:16: calibrate.parameters[0].transform (free parameter "h"): unknown value "probit" (allowed: logit, log, none)`},
		{"a missing bound", "  parameters:\n    - {name: h, lower: 0.01}\n",
			`m.yaml:16: calibrate.parameters[0] (free parameter "h"): a free parameter needs upper (it takes name, lower, upper and optionally transform: logit, log or none)`},
		{"no free parameter", "  starts: 3\n",
			`calibrate.parameters: calibration needs at least one free parameter: {name, lower, upper}`},
		{"the same parameter twice", "  parameters:\n    - {name: h, lower: 0.01, upper: 1}\n    - {name: h, lower: 0.02, upper: 1}\n",
			`m.yaml:17: calibrate.parameters[1].name (free parameter "h"): parameter "h" is listed twice`},
		{"negative starts", "  parameters: [{name: h, lower: 0.01, upper: 1}]\n  starts: -2\n",
			`m.yaml:16: calibrate.starts: starts must be ≥ 0 (got -2; 0 or absent means the default)`},
		{"fractional patients", "  parameters: [{name: h, lower: 0.01, upper: 1}]\n  patients: 1.5e3\n",
			``},
		{"fractional evaluations", "  parameters: [{name: h, lower: 0.01, upper: 1}]\n  max_evaluations: 10.5\n",
			`m.yaml:16: calibrate.max_evaluations: expected a whole number, not 10.5`},
		{"a list for the section", "  - h\n",
			`m.yaml:15: calibrate: expected a mapping such as {parameters: [{name: h_relapse, lower: 0.05, upper: 1}]}, not a list`},
		{"a duration on a bound of a rate is read as a time", "  parameters: [{name: h, lower: 0.01, upper: 2y}]\n",
			``},
		{"an unknown prior", "  parameters: [{name: h, lower: 0.01, upper: 1}]\n  prior: flat\n",
			`m.yaml:16: calibrate.prior: unknown value "flat" (allowed: bounds, uncertainty)`},
		{"prior: uncertainty", "  parameters: [{name: h, lower: 0.01, upper: 1}]\n  prior: uncertainty\n",
			``},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(calibrated, "%s", c.section, 1)
			m, err := loadFiles(map[string]string{"m.yaml": text}, "m.yaml", Options{Calibrate: true})
			if c.want == "" {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				return
			}
			var ce *Error
			if !errors.As(err, &ce) || m != nil {
				t.Fatalf("got model %v, err %v; want a *config.Error", m, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error\n%v\ndoes not contain\n%s", err, c.want)
			}
		})
	}
}

// TestCalibrateNeedsTargets: a calibrate section without targets is
// rejected where it is used (Options.Calibrate, the calibrate command), and
// only there: such a model still loads to be run.
func TestCalibrateNeedsTargets(t *testing.T) {
	text := strings.Replace(strings.Replace(calibrated, "%s", "  parameters: [{name: h, lower: 0.01, upper: 1}]\n", 1),
		"targets:\n  - {name: os_12, measure: survival, endpoint: os, time: 12, value: 0.3, n: 50, source: s}\n", "", 1)
	if _, err := loadFiles(map[string]string{"m.yaml": text}, "m.yaml", Options{}); err != nil {
		t.Errorf("rejected without Options.Calibrate: %v", err)
	}
	_, err := loadFiles(map[string]string{"m.yaml": text}, "m.yaml", Options{Calibrate: true})
	if err == nil || !strings.Contains(err.Error(), "m.yaml:12: calibrate: calibration needs targets (published figures) to fit; the model has none") {
		t.Errorf("err = %v", err)
	}
}

// TestCalibrateScenario: a scenario's calibrate section replaces the base's
// whole (like any mapping that is not a list of named items), and --set
// reaches a free parameter by name.
func TestCalibrateScenario(t *testing.T) {
	base := strings.Replace(calibrated, "%s", "  parameters: [{name: h, lower: 0.01, upper: 1}]\n  starts: 2\n", 1)
	base = strings.Replace(base, "  - {name: h, value: 0.1, source: 'assumption: test'}\n",
		"  - {name: h, value: 0.1, source: 'assumption: test'}\n  - {name: c, value: 0.5, source: 'assumption: test'}\n", 1)
	base = strings.Replace(base, "rate: h}", "rate: h, cure: c}", 1)
	scen := "extends: base.yaml\ncalibrate:\n  parameters:\n    - {name: h, lower: 0.02, upper: 0.5}\n    - {name: c, lower: 0.1, upper: 0.9}\n"
	m, err := loadFiles(map[string]string{"base.yaml": base, "s.yaml": scen}, "s.yaml",
		Options{Sets: []string{"calibrate.parameters.h.transform=none", "calibrate.patients=1000"}})
	if err != nil {
		t.Fatal(err)
	}
	want := model.Calibrate{Parameters: []model.FreeParameter{{Name: "h", Lower: 0.02, Upper: 0.5, Transform: model.TransformNone},
		{Name: "c", Lower: 0.1, Upper: 0.9}}, Patients: 1000}
	if !reflect.DeepEqual(*m.Calibrate, want) {
		t.Errorf("calibrate = %+v, want %+v", *m.Calibrate, want)
	}
}
