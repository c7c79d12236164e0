package config

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/blinasim/blinasim/seeds"
)

// The fuzz targets below run their seed corpus (the shipped models, the test
// models and the rejection cases in testdata/fuzz/<target>/) under plain
// `go test`. To fuzz for longer (see docs/limits.md):
//
//	nice go test -run '^$' -fuzz FuzzLoadYAML -fuzztime 10m -parallel 1 ./config
//
// Each target checks that no input panics, hangs or allocates without bound,
// and that what loads survives a write-then-reload round trip.

// fuzzModels returns the shipped models (studies, scenarios with their bases
// inlined by loading, examples) and the test models of format ext.
func fuzzModels(t testing.TB, ext string) [][]byte {
	var out [][]byte
	if ext == ".yaml" {
		names, _ := fs.Glob(seeds.FS, "*.yaml")
		more, _ := fs.Glob(seeds.FS, "scenarios/*.yaml")
		for _, n := range append(names, more...) {
			b, err := fs.ReadFile(seeds.FS, n)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, b)
		}
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*"+ext))
	ex, _ := filepath.Glob(filepath.Join("..", "examples", "*"+ext))
	for _, f := range append(files, ex...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// fuzzLoad loads data as the file m<ext>, which may extend the shipped
// studies (copied beside it), and checks the round trip of what loads.
func fuzzLoad(t *testing.T, ext string, data []byte) {
	fsys := fstest.MapFS{"m" + ext: {Data: data}}
	names, _ := fs.Glob(seeds.FS, "*.yaml")
	for _, n := range names {
		b, _ := fs.ReadFile(seeds.FS, n)
		fsys[n] = &fstest.MapFile{Data: b}
	}
	m, err := Load(fsys, "m"+ext, Options{})
	if err != nil {
		checkMessage(t, err)
		return
	}
	roundTrip(t, m.Name, fsys, "m"+ext, Options{})
}

// checkMessage fails on an error message that is empty or absurdly long.
func checkMessage(t *testing.T, err error) {
	msg := err.Error()
	if strings.TrimSpace(msg) == "" {
		t.Fatalf("empty error message from %T", err)
	}
}

// roundTrip loads name, writes it with Marshal, loads that and writes it
// again: both writings must be identical, and the reload must succeed.
func roundTrip(t *testing.T, label string, fsys fs.FS, name string, opts Options) {
	m, err := Load(fsys, name, opts)
	if err != nil {
		t.Fatalf("%s: loads once but not twice: %v", label, err)
	}
	y1, err := Marshal(m)
	if err != nil {
		t.Fatalf("%s: Marshal of a valid model: %v", label, err)
	}
	m2, err := Load(fstest.MapFS{"r.yaml": {Data: y1}}, "r.yaml", Options{})
	if err != nil {
		t.Fatalf("%s: the written model does not load back: %v\n%s", label, err, y1)
	}
	y2, err := Marshal(m2)
	if err != nil {
		t.Fatalf("%s: Marshal of the reloaded model: %v", label, err)
	}
	if !bytes.Equal(y1, y2) {
		t.Fatalf("%s: write, reload, write differs:\n%s\n---\n%s", label, y1, y2)
	}
}

func FuzzLoadYAML(f *testing.F) {
	for _, b := range fuzzModels(f, ".yaml") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, ".yaml", data) })
}

func FuzzLoadTOML(f *testing.F) {
	for _, b := range fuzzModels(f, ".toml") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, ".toml", data) })
}

func FuzzLoadJSON(f *testing.F) {
	for _, b := range fuzzModels(f, ".json") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, ".json", data) })
}

// FuzzOverrides applies one --set and one BLINASIM_ variable to the small
// test model.
func FuzzOverrides(f *testing.F) {
	for _, c := range [][2]string{
		{"horizon=36", "HORIZON=3y"},
		{"parameters.p_cr.value=0.5", "PARAMETERS__P_CR__VALUE=0.4"},
		{"landmarks.0=6", "LANDMARKS=[6, 12]"},
		{"states.relapse.exits.death.shape=2", "STATES__REMISSION__TITLE=x"},
		{"states=[]", "COHORT=abc"},
		{"parameters.p_cr={dist: beta, x: 3, n: 10}", "UNIT=week"},
		{"a..b=1", "__=1"},
		{"x=&a [*a, *a]", "NAME="},
	} {
		f.Add(c[0], c[1])
	}
	base, err := os.ReadFile(filepath.Join("testdata", "formats", "small.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, set, env string) {
		fsys := fstest.MapFS{"m.yaml": {Data: base}}
		opts := Options{Sets: []string{set}, Env: []string{envPrefix + env}}
		m, err := Load(fsys, "m.yaml", opts)
		if err != nil {
			checkMessage(t, err)
			return
		}
		roundTrip(t, m.Name, fsys, "m.yaml", opts)
	})
}

// FuzzRoundTrip checks that every model that loads is written (model.yaml)
// and read back to the same model, including a file of several scenarios.
func FuzzRoundTrip(f *testing.F) {
	for _, b := range fuzzModels(f, ".yaml") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"m.yaml": {Data: data}}
		ms, err := LoadAll(fsys, "m.yaml", Options{})
		if err != nil {
			return
		}
		var all [][]byte
		for _, m := range ms {
			y, err := Marshal(m)
			if err != nil {
				t.Fatalf("Marshal of a valid model: %v", err)
			}
			all = append(all, y)
		}
		joined := bytes.Join(all, []byte("---\n"))
		back, err := LoadAll(fstest.MapFS{"r.yaml": {Data: joined}}, "r.yaml", Options{})
		if err != nil {
			t.Fatalf("the written models do not load back: %v\n%s", err, joined)
		}
		if len(back) != len(ms) {
			t.Fatalf("%d models written, %d read back", len(ms), len(back))
		}
		for i, m := range back {
			y, err := Marshal(m)
			if err != nil || !bytes.Equal(y, all[i]) {
				t.Fatalf("model %d: write, reload, write differs (%v):\n%s\n---\n%s", i, err, all[i], y)
			}
		}
	})
}
