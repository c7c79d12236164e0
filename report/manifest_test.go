package report

import (
	"encoding/json"
	"reflect"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/blinasim/blinasim/sim"
)

// TestModelHash checks ModelHash against the FIPS 180-2 SHA-256 test vectors.
func TestModelHash(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	} {
		if got := ModelHash([]byte(tc.in)); got != tc.want {
			t.Errorf("ModelHash(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestManifestJSON: manifest.json has snake_case keys, elapsed in seconds and
// the start in UTC, and reads back into the same Manifest.
func TestManifestJSON(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	m := Manifest{
		Program: "blinasim", Version: "v1.2.3", GoVersion: "go1.26.8", Platform: "linux/amd64",
		Command: []string{"blinasim", "run", "a model.yaml"}, Seed: 1 << 60, Patients: 100000, Workers: 8,
		Scenarios: []string{"base", "blina first"}, ModelHash: ModelHash(testYAML),
		Started: time.Date(2025, 3, 1, 13, 0, 0, 123456789, paris), Elapsed: 90*time.Second + 1234567891,
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	wantKeys := []string{"command", "elapsed_seconds", "go_version", "model_hash", "patients", "platform",
		"program", "scenarios", "seed", "started", "version", "workers"}
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("keys %v, want %v", keys, wantKeys)
	}
	if got := raw["elapsed_seconds"]; got != 91.234567891 {
		t.Errorf("elapsed_seconds %v, want 91.234567891", got)
	}
	if got := raw["started"]; got != "2025-03-01T12:00:00.123456789Z" {
		t.Errorf("started %v, want it in UTC", got)
	}

	var back Manifest
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Started.Equal(m.Started) {
		t.Errorf("started %v, want %v", back.Started, m.Started)
	}
	back.Started, m.Started = time.Time{}, time.Time{}
	if !reflect.DeepEqual(back, m) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, m)
	}
}

// TestManifestDefaults: Write fills what the run knows and keeps what the
// caller set.
func TestManifestDefaults(t *testing.T) {
	r := testRun()
	r.Manifest = Manifest{Workers: 3}
	two := testResult()
	two.Scenario = "other"
	r.Results = append(r.Results, two)
	m := r.Manifest
	m.fillDefaults(r)
	want := Manifest{
		Program: DefaultProgram, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH,
		ModelHash: ModelHash(testYAML), Seed: 42, Patients: 1000, Workers: 3, Scenarios: []string{"base", "other"},
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("filled\n %+v\nwant %+v", m, want)
	}

	set := Manifest{Program: "blinasim-dev", GoVersion: "go0", Platform: "plan9/arm", Seed: 7, Patients: 5,
		Scenarios: []string{"x"}, ModelHash: "h"}
	got := set
	got.fillDefaults(Run{Results: []*sim.Result{testResult()}, ModelYAML: testYAML})
	if !reflect.DeepEqual(got, set) {
		t.Errorf("overwrote set fields:\n %+v\nwant %+v", got, set)
	}
}
