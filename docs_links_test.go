package main

import (
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
)

// TestDocLinks: every relative link and image of README.md and docs/ names a
// file of the repository, and every #fragment a heading of the page it names.
func TestDocLinks(t *testing.T) {
	for _, page := range docPages(t) {
		for _, l := range links(readLines(t, page)) {
			target := page
			if l.target != "" {
				target = path.Join(path.Dir(page), l.target)
			}
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s:%d: link to %s: no such file", page, l.line, l.target)
				continue
			}
			if l.frag != "" && strings.HasSuffix(target, ".md") && !anchors(readLines(t, target))[l.frag] {
				t.Errorf("%s:%d: link to %s#%s: no such heading in %s", page, l.line, l.target, l.frag, target)
			}
		}
	}
}

// TestReadmeFrontPage: the README stays a front page (at most 250 lines) and
// its contents list links every page of docs/, so none is orphaned: a new
// page needs its line there.
func TestReadmeFrontPage(t *testing.T) {
	lines := readLines(t, "README.md")
	if len(lines) > 250 {
		t.Errorf("README.md has %d lines; a front page has at most 250: move reference material to docs/", len(lines))
	}
	linked := map[string]bool{}
	for _, l := range links(lines) {
		linked[path.Clean(l.target)] = true
	}
	for _, page := range docPages(t)[1:] {
		if strings.HasPrefix(page, "docs/generated/") || page == "docs/README.md" {
			continue
		}
		if !linked[page] {
			t.Errorf("README.md does not link %s: add its line to the contents list", page)
		}
	}
}

var (
	genBegin = regexp.MustCompile(`^<!-- begin (docs/generated/\S+)`)
	genEnd   = "<!-- end generated -->"
)

// TestDocsGenerated: measured figures (timings, memory) are quoted between
// `<!-- begin docs/generated/X.md ... -->` and `<!-- end generated -->`,
// and equal the file a script wrote (docs/speed.sh writes
// docs/generated/speed.md); -update copies the files into the pages.
func TestDocsGenerated(t *testing.T) {
	for _, page := range docPages(t) {
		lines := readLines(t, page)
		changed := false
		for i := 0; i < len(lines); i++ {
			m := genBegin.FindStringSubmatch(lines[i])
			if m == nil {
				continue
			}
			end := i + 1
			for end < len(lines) && lines[end] != genEnd {
				end++
			}
			if end == len(lines) {
				t.Fatalf("%s:%d: %q without %q", page, i+1, m[1], genEnd)
			}
			b, err := os.ReadFile(m[1])
			if err != nil {
				t.Errorf("%s:%d: %v", page, i+1, err)
				continue
			}
			want := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
			got := lines[i+1 : end]
			if d := firstDiff(trimTrailing(got), trimTrailing(want)); d >= 0 {
				if !*update {
					t.Errorf("%s:%d: the figures quoted differ from %s at its line %d (go test . -run TestDocsGenerated -update copies it in)", page, i+2+d, m[1], d+1)
					continue
				}
				lines = append(append(append([]string{}, lines[:i+1]...), want...), lines[end:]...)
				end = i + 1 + len(want)
				changed = true
			}
			i = end
		}
		if changed {
			if err := os.WriteFile(page, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
