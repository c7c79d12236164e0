package main

// Executable documentation: every command shown in README.md and docs/*.md
// runs here, and the output the pages show is the output the commands print
// (the convention is in docs_parse_test.go and docs/README.md).
//
//	go test . -run 'TestDocs$'                    # quick: all but ```sh slow and go commands
//	DOCS_TEST_ALL=1 go test . -run TestDocsComplete   # everything (.ci/steps.d/30-docs.sh)
//	go test . -run 'TestDocs$' -update            # rewrite the ```text outputs from the commands

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// docsAllEnv turns on the complete check of the documentation.
const docsAllEnv = "DOCS_TEST_ALL"

// docPages returns README.md and every docs/**/*.md, relative to the
// repository root (the package folder).
func docPages(t *testing.T) []string {
	t.Helper()
	pages := []string{"README.md"}
	err := filepath.WalkDir("docs", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			pages = append(pages, filepath.ToSlash(p))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages[1:])
	return pages
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// TestDocs runs the commands of every page, except ```sh slow blocks and go
// commands, and checks the outputs the pages show.
func TestDocs(t *testing.T) { runDocs(t, false) }

// TestDocsComplete runs every command of every page, go commands and slow
// blocks included. CI runs it from .ci/steps.d/30-docs.sh.
func TestDocsComplete(t *testing.T) {
	if os.Getenv(docsAllEnv) == "" {
		t.Skipf("the complete documentation check compiles the program and runs the slow examples; run it with %s=1 go test . -run TestDocsComplete (as .ci/steps.d/30-docs.sh does)", docsAllEnv)
	}
	runDocs(t, true)
}

func runDocs(t *testing.T, all bool) {
	bin := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(bin, "blinasim")); err != nil {
		t.Fatal(err)
	}
	for _, page := range docPages(t) {
		t.Run(page, func(t *testing.T) { runPage(t, page, bin, all) })
	}
}

// runPage runs one page's commands in order in a fresh copy of the repository.
func runPage(t *testing.T, page, bin string, all bool) {
	lines := readLines(t, page)
	var work string // the copy, made at the first command
	skipped := false
	rewrite := map[*fence][]string{}
	for _, f := range fences(lines) {
		if f.lang() == "r" && !skipped && work != "" {
			checkRReads(t, page, f, work)
		}
		if f.lang() != "sh" || f.has("noexec") {
			continue
		}
		if f.has("slow") && !all {
			skipped = true
			continue
		}
		var last []byte
		ran := false
		for _, c := range commands(f) {
			if strings.HasPrefix(c.text, "go test") {
				checkCIRuns(t, page, c)
				ran = false
				continue
			}
			if c.toolchain() && !all {
				skipped, ran = true, false
				continue
			}
			if work == "" {
				work = copyRepo(t)
			}
			last, ran = runCommand(t, page, c, work, bin), true
		}
		if f.after == nil || !ran {
			continue
		}
		got := outputLines(last)
		want := trimTrailing(f.after.lines)
		if firstDiff(want, got) < 0 || excerpt(want, got) {
			continue
		}
		if *update {
			rewrite[f.after] = got
			continue
		}
		if d := firstDiff(want, got); d >= 0 {
			t.Errorf("%s:%d: the output shown is neither what the commands above print nor an excerpt of it (its lines in order); first difference at its line %d:\nshown: %q\nprints: %q\nwhole output:\n%s\n(go test . -run 'TestDocs$' -update rewrites it)",
				page, f.after.start+1, d+1, at(want, d), at(got, d), strings.Join(got, "\n"))
		}
	}
	if len(rewrite) > 0 {
		writeOutputs(t, page, lines, rewrite)
	}
}

// copyRepo copies the repository (without .git and out/'s contents) into a
// temporary folder: each page runs in a fresh copy, as on a fresh clone.
func copyRepo(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		slash := filepath.ToSlash(p)
		switch {
		case slash == ".git", strings.HasPrefix(slash, "out/") && slash != "out/README.md",
			slash == "blinasim", strings.HasSuffix(slash, ".test"), strings.HasSuffix(slash, ".new"):
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		case d.IsDir():
			return os.MkdirAll(filepath.Join(dst, p), 0o755)
		case !d.Type().IsRegular():
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, p), b, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// runCommand runs one command with bash in the copy and checks its exit
// code; it returns the command's stdout.
func runCommand(t *testing.T, page string, c command, work, bin string) []byte {
	t.Helper()
	// A bound against hangs, not a timing assertion.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", "set -o pipefail\n"+c.text)
	cmd.Dir = work
	// `blinasim` on PATH is a link to this test binary, which runs main when
	// BLINASIMTEST_AS_MAIN is set (TestMain, kill_test.go), as testscript does:
	// this saves building the program again.
	env := []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "GOBIN=" + filepath.Join(work, ".gobin"),
		"BLINASIMTEST_AS_MAIN=1"}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "BLINASIM") && !strings.HasPrefix(kv, "PATH=") && !strings.HasPrefix(kv, "GOBIN=") {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	code := 0
	if err != nil {
		code = -1
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
	}
	t.Logf("%s:%d: %s (exit %d, %.1fs)", page, c.line, firstLine(c.text), code, time.Since(start).Seconds())
	if code != c.exit {
		t.Errorf("%s:%d: `%s` exited %d, the page says %d (%v)\nstdout:\n%s\nstderr:\n%s", page, c.line, c.text, code, c.exit, err,
			tail(stdout.String()), tail(stderr.String()))
	}
	return stdout.Bytes()
}

// checkCIRuns: `go test` commands are not run from inside go test; the page's
// command must be one that .ci/run runs.
func checkCIRuns(t *testing.T, page string, c command) {
	t.Helper()
	cmd := strings.TrimSpace(exitComment.ReplaceAllString(strings.SplitN(c.text, "#", 2)[0], ""))
	for _, l := range readLines(t, ".ci/run") {
		if strings.TrimSpace(l) == cmd {
			return
		}
	}
	t.Errorf("%s:%d: `%s` is not run by .ci/run: a go test command in the docs must be one CI runs", page, c.line, cmd)
}

var rRead = regexp.MustCompile(`(?:read\.csv|read_csv|read\.table|fromJSON|read_json)\(\s*"([^"]+)"`)

// checkRReads: a file an R snippet reads exists once the page's commands
// above it have run.
func checkRReads(t *testing.T, page string, f *fence, work string) {
	t.Helper()
	for _, m := range rRead.FindAllStringSubmatch(strings.Join(f.lines, "\n"), -1) {
		if _, err := os.Stat(filepath.Join(work, m[1])); err != nil {
			t.Errorf("%s:%d: the R snippet reads %s, which the commands above it do not write", page, f.start+1, m[1])
		}
	}
}

func outputLines(b []byte) []string {
	s := strings.TrimRight(string(b), "\n")
	if s == "" {
		return nil
	}
	return trimTrailing(strings.Split(s, "\n"))
}

// trimTrailing drops trailing spaces of each line and trailing blank lines.
func trimTrailing(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(l, " \t\r")
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// excerpt reports whether every line shown (but blank lines and "..."
// elisions) is a line of the output, in the output's order: a page may show
// part of an output, and every number it shows is still checked.
func excerpt(shown, out []string) bool {
	j, lines := 0, 0
	for _, l := range shown {
		if l == "" || strings.TrimSpace(l) == "..." {
			continue
		}
		lines++
		for j < len(out) && out[j] != l {
			j++
		}
		if j == len(out) {
			return false
		}
		j++
	}
	return lines > 0 // an empty block shows nothing: it is no excerpt
}

// firstDiff is the index of the first line where a and b differ, or -1.
func firstDiff(a, b []string) int {
	for i := 0; i < max(len(a), len(b)); i++ {
		if at(a, i) != at(b, i) || i >= len(a) || i >= len(b) {
			return i
		}
	}
	return -1
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "<no line>"
}

// writeOutputs replaces the ```text blocks of a page by the commands' outputs.
func writeOutputs(t *testing.T, page string, lines []string, rewrite map[*fence][]string) {
	t.Helper()
	var fs []*fence
	for f := range rewrite {
		fs = append(fs, f)
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].start > fs[j].start })
	for _, f := range fs {
		var body []string
		for _, l := range rewrite[f] {
			if l != "" {
				l = f.indent + l
			}
			body = append(body, l)
		}
		lines = append(append(append([]string{}, lines[:f.start+1]...), body...), lines[f.end:]...)
	}
	if err := os.WriteFile(page, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: rewrote %d output block(s)", page, len(rewrite))
}

func tail(s string) string {
	if len(s) > 4000 {
		return fmt.Sprintf("...\n%s", s[len(s)-4000:])
	}
	return s
}
