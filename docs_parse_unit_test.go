package main

import (
	"strings"
	"testing"
)

// TestDocsParsing: the harness finds a block's commands (continuations,
// here-documents, promised exit codes), pairs a ```sh block with the ```text
// block after it, and finds links and anchors outside code.
func TestDocsParsing(t *testing.T) {
	page := strings.Split("# A title\n\nSee [the model](docs/model.md#states-and-exits) and `[x](nope.md)`.\n\n```sh\n"+
		"blinasim run a \\\n  --patients 10\n# a comment\ncat > s.yaml <<'EOF'\nname: s\nEOF\nblinasim validate bad.yaml   # exit 2\n```\n\n```text\nok\n```\n\n"+
		"```sh noexec\nsbatch x\n```\n```text\nnot its output\n```\n\n## Second: part (two)\n", "\n")
	fs := fences(page)
	if len(fs) != 4 {
		t.Fatalf("%d fences, want 4", len(fs))
	}
	cs := commands(fs[0])
	if len(cs) != 3 {
		t.Fatalf("%d commands, want 3: %+v", len(cs), cs)
	}
	if cs[0].text != "blinasim run a \\\n  --patients 10" || cs[1].text != "cat > s.yaml <<'EOF'\nname: s\nEOF" || cs[2].exit != 2 || cs[0].exit != 0 {
		t.Errorf("commands %+v", cs)
	}
	if fs[0].after != fs[1] || fs[2].after == fs[3] && !fs[2].has("noexec") || fs[1].after != nil {
		t.Errorf("pairing: %v %v", fs[0].after, fs[2].after)
	}
	if !fs[2].has("noexec") || fs[0].has("noexec") {
		t.Errorf("tags: %q %q", fs[0].info, fs[2].info)
	}
	ls := links(page)
	if len(ls) != 1 || ls[0].target != "docs/model.md" || ls[0].frag != "states-and-exits" {
		t.Errorf("links %+v", ls)
	}
	if a := anchors(page); !a["a-title"] || !a["second-part-two"] {
		t.Errorf("anchors %v", a)
	}
	if got := anchors([]string{"## Model files", "## Model files"}); !got["model-files-1"] {
		t.Errorf("repeated heading anchors %v", got)
	}
}

// TestExcerpt: a page may show some lines of an output, in order; a changed,
// missing or reordered line is not an excerpt.
func TestExcerpt(t *testing.T) {
	out := []string{"# Title", "", "| a | 1 |", "| b | 2 |", "| c | 3 |"}
	for _, c := range []struct {
		shown []string
		want  bool
	}{
		{[]string{"| a | 1 |", "...", "| c | 3 |"}, true},
		{[]string{"# Title", "", "| b | 2 |"}, true},
		{[]string{"| a | 1 |", "| c | 4 |"}, false},
		{[]string{"| c | 3 |", "| a | 1 |"}, false},
		{[]string{"| d | 4 |"}, false},
		{nil, false},
		{[]string{"", "..."}, false},
	} {
		if got := excerpt(c.shown, out); got != c.want {
			t.Errorf("excerpt(%q) = %v, want %v", c.shown, got, c.want)
		}
	}
}
