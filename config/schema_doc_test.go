package config

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestEveryKeyDocumented: every key a model file may use, at every place
// (top level, state, exit, branch arm, endpoint, parameter, uncertainty,
// target, calibrate, sensitivity), is documented as `key` in docs/, so the
// model-file reference (docs/model.md) cannot fall behind the schema. The
// keys of the items that extend a base (remove, replace) too.
func TestEveryKeyDocumented(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join("..", "docs", "*.md"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no docs/*.md: %v", err)
	}
	var all strings.Builder
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	docs := all.String()
	documented := func(key string) bool {
		// `key`, `key:` or `{key: ...}`-style mentions inside code spans or blocks.
		return strings.Contains(docs, "`"+key+"`") || strings.Contains(docs, "`"+key+":") ||
			strings.Contains(docs, " "+key+":") || strings.Contains(docs, "{"+key+":") || strings.Contains(docs, "\n"+key+":")
	}
	seen := map[*place]bool{}
	var walk func(p *place, path string)
	walk = func(p *place, path string) {
		if seen[p] {
			return
		}
		seen[p] = true
		for _, k := range p.keys {
			if !documented(k) {
				t.Errorf("key %q of a %s (%s) is not documented in docs/*.md", k, p.what, path+k)
			}
		}
		for _, sub := range sortedPlaces(p.lists) {
			walk(p.lists[sub], path+sub+"[].")
		}
		for _, sub := range sortedPlaces(p.maps) {
			walk(p.maps[sub], path+sub+".")
		}
	}
	walk(topPlace, "")
	for _, k := range []string{keyRemove, keyReplace, keyExtends} {
		if !documented(k) {
			t.Errorf("key %q is not documented in docs/*.md", k)
		}
	}
}

func sortedPlaces(m map[string]*place) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
