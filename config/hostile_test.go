package config

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestHostileFiles: the reader's defences, one case per mechanism, each in
// every format it concerns: the message names the file (and line) and the
// limit or key.
func TestHostileFiles(t *testing.T) {
	one := fmt.Sprintf(tiny, "month", "")
	for _, tc := range []struct {
		name, file, text, want string
	}{
		{"second document", "m.yaml", one + "---\n" + one, "m.yaml:11: the file holds 2 models"},
		{"json duplicate", "m.json", `{"name": "a",` + "\n" + `"name": "b"}`, `m.json:2: duplicate key "name" (first written at line 1)`},
		{"json duplicate by case", "m.json", `{"name": "a", "NAME": "b"}`, `m.json: duplicate key "name" (also written as "NAME"`},
		{"json nested duplicate", "m.json", `{"states": [{"name": "a", "exits": [{"to": "b", "to": "c"}]}]}`, `m.json:1: duplicate key "to"`},
		{"toml duplicate by case", "m.toml", "name = \"a\"\nName = \"b\"\n", `m.toml: duplicate key "name" (also written as "Name"`},
		{"yaml duplicate by case", "m.yaml", "name: a\nNAME: b\n", `m.yaml:2: duplicate key "NAME" (first written at line 1; keys are read in lower case)`},
		{"too many lines", "m.yaml", strings.Repeat("\n", maxNodes+1), "more than the 262144 a model file may have"},
		{"alias in its own anchor", "m.yaml", "a: &a [1, *a]\n", "m.yaml:1: the alias *a is used inside its own anchor &a"},
		{"json null", "m.json", "null", "m.json: the file is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{tc.file: {Data: []byte(tc.text)}}, tc.file, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %.500v\nwant %q", err, tc.want)
			}
		})
	}
}

// TestLoadAll: every document of a file is a model, each resolved (extends
// relative to the file), overridden and validated; a file of one gives one.
func TestLoadAll(t *testing.T) {
	base := fmt.Sprintf(tiny, "month", "")
	fsys := fstest.MapFS{
		"base.yaml": {Data: []byte(base)},
		"m.yaml":    {Data: []byte("extends: base.yaml\nname: a\n---\nextends: base.yaml\nname: b\nhorizon: 12\n")},
	}
	ms, err := LoadAll(fsys, "m.yaml", Options{Sets: []string{"cohort=40"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].Name != "a" || ms[1].Name != "b" || ms[1].Horizon != 12 || ms[0].Cohort != 40 || ms[1].Cohort != 40 {
		t.Errorf("got %d models: %+v", len(ms), ms)
	}
	if ms, err := LoadAll(fsys, "base.yaml", Options{}); err != nil || len(ms) != 1 {
		t.Errorf("a file of one model: %d models, %v", len(ms), err)
	}
	fsys["x.yaml"] = &fstest.MapFile{Data: []byte("extends: m.yaml\nname: x\n")}
	if _, err := Load(fsys, "x.yaml", Options{}); err == nil || !strings.Contains(err.Error(), "the file holds 2 models") {
		t.Errorf("extending a file of two models: %v", err)
	}
}
