package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// withParam is baseText with a parameter p_cr used by the exit.
var withParam = strings.Replace(baseText, "rate: 0.1}", "rate: h}", 1) +
	"parameters:\n  - {name: h, value: 0.1, source: 'assumption: test'}\n"

func TestOverrides(t *testing.T) {
	files := map[string]string{"m.yaml": withParam}
	exitRate := func(m *model.Model) model.Quantity { return *m.States[0].Exits[0].Dist.Rate }
	cases := []struct {
		name  string
		opts  Options
		check func(m *model.Model) (got, want any)
	}{
		{"no override: the file", Options{},
			func(m *model.Model) (any, any) { return m.Horizon, 60.0 }},
		{"env over file", Options{Env: []string{"BLINASIM_HORIZON=36"}},
			func(m *model.Model) (any, any) { return m.Horizon, 36.0 }},
		{"set over env", Options{Env: []string{"BLINASIM_HORIZON=36"}, Sets: []string{"horizon=24"}},
			func(m *model.Model) (any, any) { return m.Horizon, 24.0 }},
		{"later set over earlier", Options{Sets: []string{"horizon=24", "horizon=2y"}},
			func(m *model.Model) (any, any) { return m.Horizon, 2 * 365.25 / 30.44 }},
		{"other variables are left alone", Options{Env: []string{"HOME=/root", "BLINASIM_PATIENTS=1000", "BLINASIM_NAME=env"},
			EnvIgnore: []string{"BLINASIM_PATIENTS"}},
			func(m *model.Model) (any, any) { return m.Name, "env" }},
		{"env: a parameter by name", Options{Env: []string{"BLINASIM_PARAMETERS__H__VALUE=0.5"}},
			func(m *model.Model) (any, any) { return m.Parameters[0].Value, 0.5 }},
		{"set: an exit by destination", Options{Sets: []string{"states.alive.exits.dead.rate=0.2"}},
			func(m *model.Model) (any, any) { return exitRate(m), model.Num(0.2) }},
		{"set: a key the file does not write", Options{Sets: []string{"states.alive.exits.dead.hr=0.5"}},
			func(m *model.Model) (any, any) { return *m.States[0].Exits[0].HazardRatio, model.Num(0.5) }},
		{"set: a flow list", Options{Sets: []string{"landmarks=[12, 2y]"}},
			func(m *model.Model) (any, any) { return m.Landmarks, []float64{12, 2 * 365.25 / 30.44} }},
		{"set: a list item by index", Options{Sets: []string{"endpoints.efs.events.0=alive"}},
			func(m *model.Model) (any, any) { return m.Endpoints[0].Events, []string{"alive"} }},
		{"set: a new mapping", Options{Sets: []string{"parameters.h.uncertainty.dist=gamma", "parameters.h.uncertainty.shape=4",
			"parameters.h.uncertainty.rate=40"}},
			func(m *model.Model) (any, any) {
				return *m.Parameters[0].Uncertainty, model.Uncertainty{Family: model.UncGamma, A: 4, B: 40}
			}},
		{"set: a whole mapping", Options{Sets: []string{"parameters.h.uncertainty={dist: beta, x: 3, n: 10}"}},
			func(m *model.Model) (any, any) {
				return *m.Parameters[0].Uncertainty, model.Uncertainty{Family: model.UncBeta, A: 3, B: 7}
			}},
		{"set: a parameter reference", Options{Sets: []string{"states.alive.exits.dead.rate=h"}},
			func(m *model.Model) (any, any) { return exitRate(m), model.Ref("h") }},
		{"env names are matched ignoring case", Options{Env: []string{"BLINASIM_STATES__ALIVE__EXITS__DEAD__RATE=0.3"}},
			func(m *model.Model) (any, any) { return exitRate(m), model.Num(0.3) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := loadFiles(files, "m.yaml", c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := c.check(m); !reflect.DeepEqual(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestOverridesRejected(t *testing.T) {
	cases := []struct {
		name  string
		opts  Options
		wants []string
	}{
		{"unknown top key", Options{Sets: []string{"horizn=5"}},
			[]string{`--set horizn=5: the model has no key "horizn" (allowed: name, title, `, `did you mean "horizon"?)`}},
		{"unknown env key", Options{Env: []string{"BLINASIM_PATIENTS=100"}},
			[]string{`BLINASIM_PATIENTS: the model has no key "patients" (allowed: name, `}},
		{"unknown state", Options{Sets: []string{"states.alvie.initial=1"}},
			[]string{`--set states.alvie.initial=1: states has no state named "alvie" (allowed: alive, dead; did you mean "alive"?)`}},
		{"unknown parameter from env", Options{Env: []string{"BLINASIM_PARAMETERS__P_CR__VALUE=0.5"}},
			[]string{`BLINASIM_PARAMETERS__P_CR__VALUE: parameters has no parameter named "p_cr" (allowed: h)`}},
		{"unknown exit key", Options{Sets: []string{"states.alive.exits.dead.rat=1"}},
			[]string{`--set states.alive.exits.dead.rat=1: states[0].exits[0] (an exit) has no key "rat" (allowed: name, to, `, `did you mean "rate"?`}},
		{"no list there", Options{Sets: []string{"states.dead.exits.alive.rate=1"}},
			[]string{`--set states.dead.exits.alive.rate=1: states[1] (a state) has no exits yet, so none named "alive"`}},
		{"into a single value", Options{Sets: []string{"horizon.years=5"}},
			[]string{`--set horizon.years=5: horizon is a single value: it has no part "years"`}},
		{"an index out of range", Options{Sets: []string{"endpoints.efs.events.3=alive"}},
			[]string{`endpoints[0].events has no item "3": items of this list are addressed by index, 0 to 0`}},
		{"no equals sign", Options{Sets: []string{"horizon"}},
			[]string{`--set horizon: expected path=value, e.g. parameters.p_cr.value=0.5 or horizon=36mo`}},
		{"extends cannot be set", Options{Sets: []string{"extends=x.yaml"}},
			[]string{`the model has no key "extends"`}},
		{"bad YAML", Options{Sets: []string{"landmarks=[1, 2"}},
			[]string{`--set landmarks=[1, 2: the value "[1, 2" is not valid YAML`}},
		{"a bad value is reported at its override", Options{Sets: []string{"horizon=soon"}},
			[]string{`--set horizon=soon: horizon: expected a number (in the model's unit) or a duration`}},
		{"an unknown key in a value", Options{Sets: []string{"parameters.h.uncertainty={dist: beta, x: 3, m: 10}"}},
			[]string{`--set parameters.h.uncertainty={dist: beta, x: 3, m: 10}: parameters[0].uncertainty: unknown key "m"`}},
		{"an invalid model from an override", Options{Env: []string{"BLINASIM_HORIZON=-1"}},
			[]string{`BLINASIM_HORIZON: horizon: horizon must be a finite time > 0 (got -1)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := loadFiles(map[string]string{"m.yaml": withParam}, "m.yaml", c.opts)
			var ce *Error
			if !errors.As(err, &ce) || m != nil {
				t.Fatalf("got model %v, err %v; want a *config.Error", m, err)
			}
			for _, w := range c.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain\n%s", err, w)
				}
			}
		})
	}
}
