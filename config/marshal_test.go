package config

import (
	"reflect"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestMarshalRoundTrip checks that a resolved model, written and read back,
// is the same model, for every kind of value the loader knows.
func TestMarshalRoundTrip(t *testing.T) {
	cases := []struct {
		name, path string
		opts       Options
		golden     string
	}{
		{"reference", "../examples/reference-5state.yaml", Options{}, "reference-5state.yaml"},
		{"every kind of value", "testdata/formats/small.yaml", Options{}, "small.yaml"},
		{"a scenario", "testdata/scenario/scenario.yaml", Options{}, ""},
		{"a dirichlet group", "testdata/dirichlet/three-arms.yaml", Options{}, ""},
		{"attributes and history", "testdata/attributes/all.yaml", Options{}, ""},
		{"a sensitivity section", "testdata/sensitivity/sens.yaml", Options{}, "sensitivity.yaml"},
		{"a calibrate prior", "../examples/imis-responders-prior.yaml", Options{}, ""},
		{"overrides", "testdata/formats/small.toml", Options{Sets: []string{"states.relapse.exits.death.tr=1.5",
			"parameters.p_cr.uncertainty={dist: normal, mean: 0.4, sd: 0.05}", "targets.cr.state=relapse",
			"parameters.h_death.uncertainty={dist: fixed}", `title="yes"`}}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := LoadFile(c.path, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			out, err := Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			back, err := loadFiles(map[string]string{"model.yaml": string(out)}, "model.yaml", Options{})
			if err != nil {
				t.Fatalf("the written model does not load: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(back, m) {
				t.Errorf("round trip changed the model:\n got %+v\nwant %+v\nfile:\n%s", back, m, out)
			}
			if c.golden != "" {
				golden(t, c.golden, out)
			}
		})
	}
}

// TestMarshalWrites checks what the written file says, beyond reloading.
func TestMarshalWrites(t *testing.T) {
	m, err := LoadFile("testdata/formats/small.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# Resolved model: every time is in months, every rate per month.",
		"horizon: 59.99507227332457\n",            // 5y, as a bare number
		"duration: 2.759526938239159\n",           // 84d in months
		"- {to: remission, prob: p_cr}",           // a reference stays a name
		"- {to: death, prob: rest}",               // rest
		"uncertainty: {dist: beta, a: 29, b: 35}", // counts become a, b
		`source: '001.txt: "29 of 64"'`,           // sources are kept
		"rates: [0.01, h_death, 0.02]",            // lists of quantities
		"  - name: cir\n    kind: incidence\n    start: [remission]\n    events: [relapse]\n    competing: [death]\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("written model lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("written model:\n%s", out)
	}
	if _, err := Marshal(&model.Model{}); err == nil {
		t.Error("Marshal of a model without a unit gave no error")
	}
}

// TestDirichletLoads: a Dirichlet component read from a count x with a
// prior_a has the concentration x + prior_a, keeps its group, and is written
// back as {dist: dirichlet, group, a}.
func TestDirichletLoads(t *testing.T) {
	m, err := LoadFile("testdata/dirichlet/three-arms.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]model.Uncertainty{
		"p_cr": {Family: model.UncDirichlet, A: 9, Group: "response"},
		"p_pr": {Family: model.UncDirichlet, A: 7, Group: "response"},
		"p_nr": {Family: model.UncDirichlet, A: 4, Group: "response"},
	}
	for _, p := range m.Parameters {
		if *p.Uncertainty != want[p.Name] {
			t.Errorf("%s: %+v, want %+v", p.Name, *p.Uncertainty, want[p.Name])
		}
	}
	out, err := Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if w := "uncertainty: {dist: dirichlet, group: response, a: 9}"; !strings.Contains(string(out), w) {
		t.Errorf("written model lacks %q:\n%s", w, out)
	}
}
