package config

import (
	"testing"
	"testing/fstest"

	"github.com/blinasim/blinasim/model"
)

// TestReferenceExampleIsIssue2Table: examples/reference-5state.yaml holds
// exactly the constant hazards per month that issue 2 specifies, no more and no
// fewer, so tests and users simulate the same model (the engine's exactness
// tests build the same table in Go).
func TestReferenceExampleIsIssue2Table(t *testing.T) {
	want := map[[2]string]float64{ // issue 2: "constant hazards per month"
		{"relapse", "remission"}: 0.25, {"relapse", "death"}: 0.08,
		{"remission", "mrd_negative"}: 0.30, {"remission", "relapse"}: 0.10, {"remission", "death"}: 0.02,
		{"mrd_negative", "second_hsct"}: 0.20, {"mrd_negative", "relapse"}: 0.04, {"mrd_negative", "death"}: 0.01,
		{"second_hsct", "relapse"}: 0.03, {"second_hsct", "death"}: 0.015,
	}
	m, err := LoadFile("../examples/reference-5state.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[[2]string]float64{}
	for _, s := range m.States {
		for _, e := range s.Exits {
			if e.Dist.Family != model.FamExponential || e.Dist.Rate == nil || e.Dist.Rate.IsRef() ||
				e.Dist.Cure != nil || e.HazardRatio != nil || e.TimeRatio != nil || e.Clock != model.ClockReset {
				t.Errorf("%s -> %s is not a plain constant hazard: %+v", s.Name, e.To, e)
			}
			got[[2]string{s.Name, e.To}] = e.Dist.Rate.Value
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d exits, want %d", len(got), len(want))
	}
	for k, r := range want {
		if got[k] != r {
			t.Errorf("%s -> %s: rate %v, want %v", k[0], k[1], got[k], r)
		}
	}
	if m.Unit != model.Month || m.Horizon != 60 || m.States[0].Name != "relapse" || m.States[0].Initial != model.Num(1) {
		t.Errorf("unit %v, horizon %v, first state %s with initial %v; want month, 60, relapse with 1",
			m.Unit, m.Horizon, m.States[0].Name, m.States[0].Initial)
	}
}

// TestTargetNoteRoundTrips: a target's note is read and written back by Marshal.
func TestTargetNoteRoundTrips(t *testing.T) {
	src := `name: n
unit: month
horizon: 12
states:
  - {name: alive, initial: 1, exits: [{to: dead, dist: exponential, rate: 0.1}]}
  - {name: dead}
targets:
  - {name: os6, measure: survival, endpoint: os, time: 6, value: 0.5, n: 10, source: "assumption: test", note: "from the KM plot"}
`
	m, err := Load(fstest.MapFS{"n.yaml": {Data: []byte(src)}}, "n.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Targets[0].Note != "from the KM plot" {
		t.Fatalf("note %q", m.Targets[0].Note)
	}
	out, err := Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := Load(fstest.MapFS{"n.yaml": {Data: out}}, "n.yaml", Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if m2.Targets[0].Note != m.Targets[0].Note {
		t.Errorf("note lost in Marshal: %q", m2.Targets[0].Note)
	}
}
