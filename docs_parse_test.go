package main

// Parsing of the documentation for the executable-documentation tests
// (docs_test.go): fenced blocks, the commands of a ```sh block, and links.
//
// The convention, also stated in docs/README.md:
//   - ```sh: each line is a command, run with bash from the repository root
//     of a fresh copy of the repository, with `blinasim` on PATH; lines
//     ending in `\` continue, a here-document (<<'EOF' ... EOF) belongs to
//     its command. A trailing `# exit N` says the command exits with N
//     (otherwise 0 is expected). Commands of a page run in order, in the same
//     copy, so a later block can read what an earlier one wrote.
//   - ```sh slow: run only by the complete check (.ci/steps.d), as are
//     lines that start with `go ` (they compile the program).
//   - ```sh noexec: shown, never run (cluster commands and the like).
//   - ```text right after a ```sh block: what the block's last command
//     prints on stdout, whole or an excerpt (its lines, in order, with "..."
//     for elisions). `go test . -run TestDocs -update` rewrites the blocks
//     that are neither with the whole output.

import (
	"regexp"
	"strconv"
	"strings"
)

// fence is one fenced code block of a markdown page.
type fence struct {
	info   string   // the info string: "sh", "sh noexec", "text", "yaml"...
	lines  []string // the content, without the fences
	start  int      // index of the opening fence line in the page
	indent string   // the fence's indentation (inside a list item)
	end    int      // index of the closing fence line
	after  *fence   // the ```text block that directly follows, if any
}

// lang is the first word of the info string.
func (f *fence) lang() string { return firstWord(f.info) }

// has reports whether the info string carries the tag (e.g. "noexec").
func (f *fence) has(tag string) bool {
	for _, w := range strings.Fields(f.info)[min(1, len(strings.Fields(f.info))):] {
		if w == tag {
			return true
		}
	}
	return false
}

func firstWord(s string) string {
	if w := strings.Fields(s); len(w) > 0 {
		return w[0]
	}
	return ""
}

// fences returns the page's fenced blocks (``` only; a longer fence closes
// only with a fence as long), linking each ```sh block to a ```text block that
// follows it with nothing but blank lines between.
func fences(lines []string) []*fence {
	var out []*fence
	for i := 0; i < len(lines); i++ {
		t := strings.TrimLeft(lines[i], " ")
		if !strings.HasPrefix(t, "```") {
			continue
		}
		ticks := len(t) - len(strings.TrimLeft(t, "`"))
		indent := len(lines[i]) - len(t)
		f := &fence{info: strings.TrimSpace(t[ticks:]), start: i, end: len(lines), indent: lines[i][:len(lines[i])-len(t)]}
		for j := i + 1; j < len(lines); j++ {
			u := strings.TrimSpace(lines[j])
			if strings.HasPrefix(u, strings.Repeat("`", ticks)) && strings.Trim(u, "`") == "" {
				f.end = j
				break
			}
			l := lines[j]
			if len(l) >= indent && strings.TrimSpace(l[:indent]) == "" {
				l = l[indent:]
			}
			f.lines = append(f.lines, l)
		}
		out = append(out, f)
		i = f.end
	}
	for k := 0; k+1 < len(out); k++ {
		if out[k].lang() != "sh" || out[k+1].lang() != "text" {
			continue
		}
		between := lines[out[k].end+1 : out[k+1].start]
		if strings.TrimSpace(strings.Join(between, "")) == "" {
			out[k].after = out[k+1]
		}
	}
	return out
}

// command is one command of a ```sh block.
type command struct {
	text string // as bash runs it (continuations and here-documents included)
	exit int    // the exit code the page promises (`# exit N`), else 0
	line int    // 1-based line in the page
}

var (
	exitComment = regexp.MustCompile(`#\s*exits?\s+(\d+)\s*$`)
	heredoc     = regexp.MustCompile(`<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?`)
)

// commands splits a ```sh block into its commands.
func commands(f *fence) []command {
	var out []command
	for i := 0; i < len(f.lines); i++ {
		l := f.lines[i]
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		c := command{line: f.start + 2 + i}
		text := l
		for strings.HasSuffix(strings.TrimRight(text, " "), `\`) && i+1 < len(f.lines) {
			i++
			text += "\n" + f.lines[i]
		}
		if m := heredoc.FindStringSubmatch(text); m != nil {
			for i+1 < len(f.lines) {
				i++
				text += "\n" + f.lines[i]
				if strings.TrimSpace(f.lines[i]) == m[1] {
					break
				}
			}
		}
		first := strings.SplitN(text, "\n", 2)[0]
		if m := exitComment.FindStringSubmatch(first); m != nil {
			c.exit, _ = strconv.Atoi(m[1])
		}
		c.text = text
		out = append(out, c)
	}
	return out
}

// toolchain reports whether a command runs the go command (it compiles the
// program: the complete check runs it, the quick one does not).
func (c command) toolchain() bool { return firstWord(c.text) == "go" }

// link is a relative link or image of a page.
type link struct {
	target string // path relative to the page, without the fragment
	frag   string // the #fragment, if any
	line   int
}

var mdLink = regexp.MustCompile(`!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

// links returns the page's relative links outside code blocks and code spans.
func links(lines []string) []link {
	inCode := map[int]bool{}
	for _, f := range fences(lines) {
		for i := f.start; i <= f.end && i < len(lines); i++ {
			inCode[i] = true
		}
	}
	var out []link
	for i, l := range lines {
		if inCode[i] {
			continue
		}
		for _, m := range mdLink.FindAllStringSubmatch(stripCodeSpans(l), -1) {
			u := m[1]
			if strings.Contains(u, "://") || strings.HasPrefix(u, "mailto:") {
				continue
			}
			target, frag, _ := strings.Cut(u, "#")
			out = append(out, link{target: target, frag: frag, line: i + 1})
		}
	}
	return out
}

var codeSpan = regexp.MustCompile("`[^`]*`")

func stripCodeSpans(s string) string { return codeSpan.ReplaceAllString(s, "``") }

// anchors returns the GitHub anchors of a page's headings: lower case,
// punctuation other than '-' and '_' dropped, spaces as '-', repeats
// numbered -1, -2...
func anchors(lines []string) map[string]bool {
	inCode := map[int]bool{}
	for _, f := range fences(lines) {
		for i := f.start; i <= f.end && i < len(lines); i++ {
			inCode[i] = true
		}
	}
	seen := map[string]int{}
	out := map[string]bool{}
	for i, l := range lines {
		if inCode[i] || !strings.HasPrefix(l, "#") {
			continue
		}
		h := strings.TrimSpace(strings.TrimLeft(l, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(h) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r > 127 && isLetter(r):
				b.WriteRune(r)
			}
		}
		a := b.String()
		if n := seen[a]; n > 0 {
			out[a+"-"+strconv.Itoa(n)] = true
		} else {
			out[a] = true
		}
		seen[a]++
	}
	return out
}

func isLetter(r rune) bool { return strings.ToLower(string(r)) != strings.ToUpper(string(r)) }
