package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// exitsOf lists a state's exits as "name>to".
func exitsOf(m *model.Model, state string) []string {
	var out []string
	for _, e := range m.States[m.StateIndex(state)].Exits {
		out = append(out, e.ExitName()+">"+e.To)
	}
	return out
}

func TestExtends(t *testing.T) {
	m, err := LoadFile("testdata/scenario/scenario.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := 3 * 365.25 / 30.44
	rem := m.States[m.StateIndex("remission")]
	checks := []struct {
		name      string
		got, want any
	}{
		{"a top-level value replaces the base's", m.Name, "scenario"},
		{"horizon 3y", m.Horizon, h},
		{"landmarks are defaulted from the new horizon", m.Landmarks, []float64{12, 24, h}},
		{"unit is kept", m.Unit, model.Month},
		{"states merge by name, new ones appended", len(m.States), 4},
		{"the new state is last", m.States[3].Name, "hsct"},
		{"exits merge by to: one removed, one added", exitsOf(m, "remission"), []string{"relapse>relapse", "hsct>hsct"}},
		{"a merged exit keeps the keys it does not give", rem.Exits[0].Dist, model.DistSpec{Family: model.FamExponential, Rate: &[]model.Quantity{model.Num(0.1)}[0]}},
		{"and gets those it gives", *rem.Exits[0].HazardRatio, model.Num(0.5)},
		{"an untouched state is unchanged", exitsOf(m, "relapse"), []string{"remission>remission", "death>death"}},
		{"replace: true drops the keys not given", m.Endpoints[0], model.Endpoint{Name: "rfs", Events: []string{"death"}}},
		{"the other endpoint is kept", m.Endpoints[1].Name, "cir"},
		{"a parameter changes its value only", m.Parameters[0], model.Parameter{Name: "h_cr", Value: 0.3,
			Source: "assumption: base", Uncertainty: &model.Uncertainty{Family: model.UncGamma, A: 25, B: 100}}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, c.got, c.want)
		}
	}

	// A scenario of the scenario, in a subfolder: extends resolves from its folder.
	d, err := LoadFile("testdata/scenario/more/deeper.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	hs := d.States[d.StateIndex("hsct")].Exits
	if d.Name != "deeper" || d.Horizon != h || !reflect.DeepEqual(d.Landmarks, []float64{6, 12}) ||
		len(hs) != 1 || hs[0].Dist.Family != model.FamWeibull || hs[0].Dist.Rate != nil {
		t.Errorf("deeper: name %q, horizon %v, landmarks %v, hsct exits %+v", d.Name, d.Horizon, d.Landmarks, hs)
	}
	if !reflect.DeepEqual(exitsOf(d, "remission"), exitsOf(m, "remission")) {
		t.Errorf("deeper's remission exits = %v, want the scenario's %v", exitsOf(d, "remission"), exitsOf(m, "remission"))
	}
}

const baseText = `name: base
unit: month
horizon: 60
states:
  - name: alive
    initial: 1
    exits:
      - {to: dead, dist: exponential, rate: 0.1}
  - name: dead
endpoints:
  - {name: efs, events: [dead]}
`

func TestExtendsRejected(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		wants []string
	}{
		{"a cycle", map[string]string{
			"a.yaml":     "extends: b.yaml\nname: a\n",
			"b.yaml":     "name: b\nextends: sub/c.yaml\n",
			"sub/c.yaml": "extends: ../a.yaml\n"},
			[]string{`sub/c.yaml:1: extends: extends makes a cycle: a.yaml → b.yaml → sub/c.yaml → a.yaml`}},
		{"extends itself", map[string]string{"a.yaml": "extends: a.yaml\n"},
			[]string{`a.yaml:1: extends: extends makes a cycle: a.yaml → a.yaml`}},
		{"a missing base", map[string]string{"a.yaml": "name: a\nextends: nope.yaml\n"},
			[]string{`a.yaml:2: extends: cannot read the base model nope.yaml: no such file`}},
		{"a base outside the file system", map[string]string{"a.yaml": "extends: ../up.yaml\n"},
			[]string{`a.yaml:1: extends: the base model "../up.yaml" is outside the folder models are read from`}},
		{"extends is not a path", map[string]string{"a.yaml": "extends: [b.yaml]\n"},
			[]string{`a.yaml:1: extends: extends takes the path of a base model file (relative to this file) or a shipped model's name, not a list`}},
		{"removing what is not there", map[string]string{"base.yaml": baseText,
			"a.yaml": "extends: base.yaml\nstates:\n  - {name: alvie, remove: true}\n"},
			[]string{`a.yaml:3: states[0]: no state "alvie" to remove (the base has alive, dead)`}},
		{"replacing what is not there", map[string]string{"base.yaml": baseText,
			"a.yaml": "extends: base.yaml\nendpoints:\n  - {name: rfs, replace: true, events: [dead]}\n"},
			[]string{`a.yaml:3: endpoints[0]: no endpoint "rfs" to replace (the base has efs)`}},
		{"an exit with neither name nor to", map[string]string{"base.yaml": baseText,
			"a.yaml": "extends: base.yaml\nstates:\n  - name: alive\n    exits:\n      - {dist: exponential, rate: 0.2}\n"},
			[]string{"a.yaml:5: states[0].exits[0]: in a file that extends another, every exit needs a `name` (or a `to`)"}},
		{"a state without a name", map[string]string{"base.yaml": baseText,
			"a.yaml": "extends: base.yaml\nstates:\n  - {initial: 0}\n"},
			[]string{"a.yaml:3: states[0]: in a file that extends another, every state needs a `name`"}},
		{"remove is a boolean", map[string]string{"base.yaml": baseText,
			"a.yaml": "extends: base.yaml\nstates:\n  - {name: dead, remove: yes please}\n"},
			[]string{`a.yaml:3: states[0].remove: remove takes true or false, not "yes please"`}},
		{"a typo in the scenario and in the base", map[string]string{
			"base.yaml": strings.Replace(baseText, "horizon", "horizn", 1),
			"a.yaml":    "extends: base.yaml\nstates:\n  - {name: alive, intial: 1}\n"},
			[]string{`a.yaml:3: states[0]: unknown key "intial" (allowed: name, title, description, initial, exits, updates, remove, replace; did you mean "initial"?)`,
				`base.yaml:3: unknown top-level key "horizn"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := loadFiles(c.files, "a.yaml", Options{})
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
