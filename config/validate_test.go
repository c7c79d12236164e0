package config

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./config -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (if the change is right, run go test ./config -update and review the diff)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// TestValidationLines checks that model.Validate's problems point at the line
// their value came from: in the base, in the scenario, or in an override.
func TestValidationLines(t *testing.T) {
	files := map[string]string{
		"base.yaml": strings.Replace(baseText, "events: [dead]", "events: [dead, gone]", 1),
		"a.yaml": `# A scenario with problems of its own.
extends: base.yaml
states:
  - name: alive
    exits:
      - {to: nowhere, dist: exponential, rate: 0.1}
      - {name: later, to: dead, dist: weibull, shape: 2}
parameters:
  - name: unsourced
    value: 1
`,
	}
	_, err := loadFiles(files, "a.yaml", Options{Sets: []string{"horizon=-1"}})
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a *config.Error", err)
	}
	type at struct {
		file string
		line int
		path string
	}
	wants := []at{
		{"--set horizon=-1", 0, "horizon"},
		{"a.yaml", 9, "parameters[0].source"},       // no source key: the parameter's line
		{"a.yaml", 6, "states[0].exits[1].to"},      // a new exit, appended after the base's
		{"a.yaml", 7, "states[0].exits[2].dist"},    // weibull without scale
		{"base.yaml", 11, "endpoints[0].events[1]"}, // an error in the base
	}
	for _, w := range wants {
		found := false
		for _, is := range ce.Issues {
			if is.Path == w.path {
				found = true
				if is.File != w.file || is.Line != w.line {
					t.Errorf("%s is at %s:%d, want %s:%d (%s)", w.path, is.File, is.Line, w.file, w.line, is.Msg)
				}
			}
		}
		if !found {
			t.Errorf("no issue at %s in\n%v", w.path, err)
		}
	}
	golden(t, "validation.txt", []byte(err.Error()+"\n"))
}
