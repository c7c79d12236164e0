package seeds_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxTitle is the longest parameter title, in characters: a tornado row or
// an axis of a report carries it in at most two lines.
const maxTitle = 45

// checkTitle says what is wrong with a parameter's title, if anything.
func checkTitle(title string) error {
	switch n := utf8.RuneCountInString(title); {
	case n == 0:
		return fmt.Errorf("no title: give it a readable `title:` (at most %d characters)", maxTitle)
	case n > maxTitle:
		return fmt.Errorf("title %q has %d characters, more than %d", title, n, maxTitle)
	}
	return nil
}

// TestScenarioAndExampleTitles: every parameter a shipped scenario or example
// defines has a short title (the studies are checked in TestStudies).
func TestScenarioAndExampleTitles(t *testing.T) {
	files, _ := filepath.Glob("scenarios/*.yaml")
	examples, _ := filepath.Glob("../examples/*.yaml")
	if len(files) == 0 || len(examples) == 0 {
		t.Fatalf("no scenarios (%d) or examples (%d) found", len(files), len(examples))
	}
	for _, f := range append(files, examples...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Parameters []struct {
				Name  string `yaml:"name"`
				Title string `yaml:"title"`
			} `yaml:"parameters"`
		}
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, p := range doc.Parameters {
			if err := checkTitle(p.Title); err != nil {
				t.Errorf("%s: parameter %q: %v", f, p.Name, err)
			}
		}
	}
}
