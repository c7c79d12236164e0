package config

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Issue is one thing wrong with a model file or an override: where it is (the
// file, or the --set / environment variable that gave the value, and the line
// when known), the key path in the file vocabulary (e.g.
// "states[1].exits[0].rate"), the objects it concerns in words, and what is
// wrong and what is allowed.
type Issue struct {
	File  string // the file as the user named it, or "--set k=v" / "$BLINASIM_K"
	Line  int    // 1-based; 0 when unknown (TOML, defaults, overrides)
	Path  string // key path, e.g. "states[1].exits[0].rate"; "" for the whole file
	Where string // e.g. `state "relapse", exit "death"`; may be empty
	Msg   string
	Err   error // the underlying error (a read error, say), or nil
}

// String writes the issue as "file:line: path (where): message".
func (is Issue) String() string {
	var b strings.Builder
	if is.File != "" {
		b.WriteString(is.File)
		if is.Line > 0 {
			fmt.Fprintf(&b, ":%d", is.Line)
		}
		b.WriteString(": ")
	}
	if is.Path != "" {
		b.WriteString(is.Path)
		if is.Where != "" {
			fmt.Fprintf(&b, " (%s)", is.Where)
		}
		b.WriteString(": ")
	} else if is.Where != "" {
		fmt.Fprintf(&b, "%s: ", is.Where)
	}
	b.WriteString(clip(is.Msg, maxMessage))
	return b.String()
}

// maxMessage is the longest message written (in bytes): a message that
// quotes a megabyte of the user's text is cut.
const maxMessage = 1000

// clip cuts s to at most n bytes (at a rune boundary), saying how long it was.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s... (%d bytes in all)", s[:cut], len(s))
}

// Error is what Load returns when a model is rejected: every issue found, one
// per line. A command line tool tells it from other failures with errors.As.
type Error struct {
	Issues []Issue
}

// maxShown is how many issues Error writes; a file of a hundred thousand
// unknown keys is summarised after these.
const maxShown = 50

// Error writes every issue, one per line (past maxShown, how many more).
func (e *Error) Error() string {
	lines := make([]string, 0, min(len(e.Issues), maxShown)+1)
	for i, is := range e.Issues {
		if i == maxShown {
			lines = append(lines, fmt.Sprintf("... and %d more issues", len(e.Issues)-maxShown))
			break
		}
		lines = append(lines, is.String())
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the issues' underlying errors, so that errors.Is(err,
// fs.ErrNotExist) works on a missing file.
func (e *Error) Unwrap() []error {
	var out []error
	for _, is := range e.Issues {
		if is.Err != nil {
			out = append(out, is.Err)
		}
	}
	return out
}

// issues collects Issues; its zero value is ready to use.
type issues []Issue

// at records a problem with the value at node n, found at path.
func (l *issues) at(n *node, path, where, format string, args ...any) {
	var p pos
	if n != nil {
		p = n.pos
	}
	*l = append(*l, Issue{File: p.file, Line: p.line, Path: path, Where: where, Msg: fmt.Sprintf(format, args...)})
}

// add records an issue at a position.
func (l *issues) add(p pos, path, format string, args ...any) {
	*l = append(*l, Issue{File: p.file, Line: p.line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// err returns the issues as an *Error, or nil when there is none.
func (l issues) err() error {
	if len(l) == 0 {
		return nil
	}
	return &Error{Issues: l}
}

// maxChoices is how many allowed words a message lists.
const maxChoices = 30

// allowed writes the usual tail of an "unknown" message: what is allowed and,
// when one is close, a suggestion.
func allowed(got string, choices []string) string {
	shown := choices
	if len(shown) > maxChoices {
		shown = append(slices.Clip(shown[:maxChoices]), fmt.Sprintf("... (%d in all)", len(choices)))
	}
	s := "(allowed: " + strings.Join(shown, ", ")
	if len(choices) == 0 {
		s = "(there are none"
	}
	if g := suggest(got, choices); g != "" {
		s += fmt.Sprintf("; did you mean %q?", g)
	}
	return s + ")"
}

// suggest returns the choice closest to got by edit distance, if it is close
// enough to be a likely typo (at most a third of the word, and at least 1), or "".
func suggest(got string, choices []string) string {
	if len(got) > maxSuggest {
		return "" // no allowed word is this long: bound the distance's cost
	}
	best, bestD := "", -1
	for _, c := range choices {
		if len(c) > maxSuggest {
			continue
		}
		d := editDistance(strings.ToLower(got), strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(1, len(got)/3)
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// maxSuggest is the longest word (in bytes) suggest compares, so that the
// distance, quadratic in the lengths, costs at most maxSuggest² steps.
const maxSuggest = 100

// editDistance is the Damerau-Levenshtein (optimal string alignment) distance:
// insertions, deletions, substitutions and transpositions of adjacent letters.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
