package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The hostile-input suite (docs/limits.md): one table per class of fault. Each
// case runs the command line in a fresh folder and checks the exit code, that
// the message names the file, key, flag or variable at fault, that no Go
// stack trace is printed, and that nothing is written.

// hostileCase is one bad input: files to create in the folder, environment
// variables, the command line, and what must come of it.
type hostileCase struct {
	name  string
	files map[string]string
	env   map[string]string
	args  []string
	code  int
	want  []string // substrings of stderr
	wrote bool     // an output folder is expected (the run succeeds)
}

func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tc.files {
				p := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			before := listAll(t, dir)
			code, _, stderr := cli(t, context.Background(), dir, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s", code, tc.code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not say %q:\n%.3000s", w, stderr)
				}
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Errorf("a Go stack trace:\n%s", stderr)
			}
			if after := listAll(t, dir); !tc.wrote && after != before {
				t.Errorf("something was written:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// listAll lists every path under dir, hidden ones included.
func listAll(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != dir {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return strings.Join(out, " ")
}

// twoState is a valid small model; %s: extra top-level YAML.
const twoState = "name: %s\nunit: month\nhorizon: 24\nstates:\n  - name: alive\n    initial: 1\n    exits: [{to: dead, dist: exponential, rate: %s}]\n  - name: dead\n"

func model2(name, rate string) string { return fmt.Sprintf(twoState, name, rate) }

// TestHostileSizes: every size computed from user numbers is checked before
// anything is allocated: exit 2, the flag or key, and the largest allowed.
func TestHostileSizes(t *testing.T) {
	runHostile(t, []hostileCase{
		{name: "patients near 2^63", args: []string{"run", "-q", "--patients", "9223372036854775807"}, code: exitUsage,
			want: []string{"--patients", "the largest allowed is 1000000000000"}},
		{name: "fine step", args: []string{"run", "-q", "--patients", "100", "--step", "1e-15"}, code: exitUsage,
			want: []string{"--step", "the smallest step allowed"}},
		{name: "horizon near 2^63", args: []string{"run", "-q", "--patients", "100", "--set", "horizon=9e18"}, code: exitUsage,
			want: []string{"horizon", "at most 100000"}},
		{name: "huge psa", args: []string{"run", "-q", "--patients", "100", "--psa", "1000000000"}, code: exitUsage,
			want: []string{"--psa", "the largest allowed for this run is"}},
		{name: "many states on a fine grid", files: map[string]string{"many.yaml": manyStates(120)},
			args: []string{"run", "many.yaml", "-q", "--patients", "100", "--step", "0.0006"}, code: exitUsage,
			want: []string{"--step 0.0006", "the occupancy of 120 states on 40002 grid times", "the smallest step allowed for this model is"}},
		{name: "step nan", args: []string{"run", "-q", "--step", "nan"}, code: exitUsage, want: []string{"--step must be a finite number"}},
		{name: "step inf", args: []string{"run", "-q", "--step", "+Inf"}, code: exitUsage, want: []string{"--step must be a finite number"}},
		{name: "patients not a number", args: []string{"run", "-q", "--patients", "2.5"}, code: exitUsage, want: []string{"--patients"}},
	})
}

// TestHostileUnbounded: inputs that used to take unbounded memory or time
// stop at a stated limit, which the message names.
func TestHostileUnbounded(t *testing.T) {
	var keys strings.Builder
	keys.WriteString(model2("keys", "0.1"))
	for i := range 100_000 {
		fmt.Fprintf(&keys, "k%07d: 1\n", i)
	}
	var bomb strings.Builder
	bomb.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	for i, prev := range "abcdef" {
		fmt.Fprintf(&bomb, "%c: &%c [%s]\n", 'b'+i, 'b'+i, strings.TrimSuffix(strings.Repeat("*"+string(prev)+", ", 10), ", "))
	}
	runHostile(t, []hostileCase{
		{name: "many keys", files: map[string]string{"m.yaml": keys.String()}, args: []string{"validate", "m.yaml"}, code: exitUsage,
			want: []string{"m.yaml:9: unknown top-level key \"k0000000\"", "and 99950 more issues"}},
		{name: "alias expansion", files: map[string]string{"m.yaml": bomb.String()}, args: []string{"validate", "m.yaml"}, code: exitUsage,
			want: []string{"m.yaml", "more than 262144 values", "the limit"}},
		{name: "megabyte key", files: map[string]string{"m.json": `{"name": "k", "` + strings.Repeat("x", 1<<20) + `": 1}`},
			args: []string{"validate", "m.json"}, code: exitUsage, want: []string{"m.json: unknown top-level key \"xxxxxxxx", "(1048576 bytes in all)"}},
		{name: "deep nesting", files: map[string]string{"m.yaml": "a: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n"},
			args: []string{"validate", "m.yaml"}, code: exitUsage, want: []string{"m.yaml", "more than 64 deep"}},
	})
	t.Run("endless file", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := cli(t, context.Background(), dir, "run", "zero.yaml", "-q")
		if code != exitUsage || !strings.Contains(stderr, "zero.yaml: cannot read the model file: the file is larger than 64 MiB") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
}

// manyStates is a chain of n states: its occupancy legend cannot fit.
func manyStates(n int) string {
	var b strings.Builder
	b.WriteString("name: many\nunit: month\nhorizon: 24\nstates:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: s%d\n", i)
		if i == 0 {
			b.WriteString("    initial: 1\n")
		}
		if i < n-1 {
			fmt.Fprintf(&b, "    exits: [{to: s%d, dist: exponential, rate: 2}]\n", i+1)
		}
	}
	return b.String()
}

// TestHostileLostWork: a bad --out is refused before simulating; a figure
// that cannot be drawn is left out and the rest written; --formats none.
func TestHostileLostWork(t *testing.T) {
	runHostile(t, []hostileCase{
		{name: "out is a file", files: map[string]string{"f": "x"}, args: []string{"run", "-q", "--patients", "100", "--out", "f"},
			code: exitUsage, want: []string{"--out: f exists and is not a folder"}},
		{name: "out under a file", files: map[string]string{"f": "x"}, args: []string{"run", "-q", "--patients", "100", "--out", "f/x/y"},
			code: exitUsage, want: []string{"--out: f/x/y cannot be created: f is a file"}},
		{name: "out dot", args: []string{"run", "-q", "--patients", "100", "--out", "."}, code: exitUsage, want: []string{`--out: "." is not a folder name`}},
		{name: "sensitivity out is a file", files: map[string]string{"f": "x"}, args: []string{"sensitivity", "-q", "--patients", "100", "--out", "f"},
			code: exitUsage, want: []string{"--out: f exists and is not a folder"}},
		{name: "calibrate out under a file", files: map[string]string{"f": "x"}, args: []string{"calibrate", "-q", "--patients", "100", "--out", "f/c"},
			code: exitUsage, want: []string{"--out: f/c cannot be created: f is a file"}},
	})
	t.Run("read-only folder", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Log("running as root: a read-only folder is writable; checked through a folder under a file instead")
			return
		}
		dir := t.TempDir()
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		code, _, stderr := cli(t, context.Background(), dir, "run", "-q", "--patients", "100", "--out", "ro/x")
		if code != exitUsage || !strings.Contains(stderr, "cannot be written") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	t.Run("figure that does not fit", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "many.yaml"), []byte(manyStates(400)), 0o644) // a legend too long even on a figure grown to 240 mm
		code, _, stderr := cli(t, context.Background(), dir, "run", "many.yaml", "-q", "--patients", "200", "--out", "o")
		if code != exitOK || !strings.Contains(stderr, "warning: occupancy.png left out") {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, f := range []string{"survival.csv", "occupancy.csv", "summary.md", "survival.png"} {
			if _, err := os.Stat(filepath.Join(dir, "o", f)); err != nil {
				t.Error(err)
			}
		}
	})
	for _, formats := range []string{"none", ""} {
		t.Run("formats "+formats, func(t *testing.T) {
			dir := t.TempDir()
			code, _, stderr := cli(t, context.Background(), dir, "run", "-q", "--patients", "200", "--out", "o", "--formats", formats)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if m, _ := filepath.Glob(filepath.Join(dir, "o", "*.png")); len(m) > 0 {
				t.Errorf("figures written: %v", m)
			}
		})
	}
}

// TestHostileMisreading: what used to be read silently wrong is an error, or
// read in full.
func TestHostileMisreading(t *testing.T) {
	two := model2("a", "0.1") + "---\n" + model2("b", "0.2")
	runHostile(t, []hostileCase{
		{name: "second document to describe", files: map[string]string{"m.yaml": two}, args: []string{"describe", "m.yaml"}, code: exitUsage,
			want: []string{"m.yaml:10: the file holds 2 models"}},
		{name: "json duplicate key", files: map[string]string{"m.json": `{"name": "a", "unit": "month", "name": "b"}`},
			args: []string{"validate", "m.json"}, code: exitUsage, want: []string{"m.json:1: duplicate key \"name\""}},
		{name: "json duplicate key by case", files: map[string]string{"m.json": `{"name": "a", "Name": "b"}`},
			args: []string{"validate", "m.json"}, code: exitUsage, want: []string{"m.json", `duplicate key "name" (also written as "Name"`}},
		{name: "toml duplicate key by case", files: map[string]string{"m.toml": "name = \"a\"\nNAME = \"b\"\n"},
			args: []string{"validate", "m.toml"}, code: exitUsage, want: []string{"m.toml", "duplicate key"}},
		{name: "seed abc", env: map[string]string{"BLINASIM_SEED": "abc"}, args: []string{"run", "-q"}, code: exitUsage,
			want: []string{`BLINASIM_SEED="abc": not a whole number`}},
		{name: "patients 2.5", env: map[string]string{"BLINASIM_PATIENTS": "2.5"}, args: []string{"run", "-q"}, code: exitUsage,
			want: []string{`BLINASIM_PATIENTS="2.5"`}},
		{name: "psa abc", env: map[string]string{"BLINASIM_PSA": "abc"}, args: []string{"run", "-q"}, code: exitUsage, want: []string{`BLINASIM_PSA="abc"`}},
		{name: "force maybe", env: map[string]string{"BLINASIM_FORCE": "maybe"}, args: []string{"run", "-q"}, code: exitUsage,
			want: []string{`BLINASIM_FORCE="maybe": not true or false`}},
		{name: "validate applies --set", files: map[string]string{"m.yaml": model2("a", "0.1")},
			args: []string{"validate", "m.yaml", "--set", "horizon=-1"}, code: exitUsage, want: []string{"--set horizon=-1", "horizon"}},
		{name: "describe applies --set", files: map[string]string{"m.yaml": model2("a", "0.1")},
			args: []string{"describe", "m.yaml", "--set", "nosuch=1"}, code: exitUsage, want: []string{"--set nosuch=1", "no key \"nosuch\""}},
		{name: "run empty name", args: []string{"run", ""}, code: exitUsage, want: []string{`an empty file name ("")`}},
		{name: "describe empty name", args: []string{"describe", ""}, code: exitUsage, want: []string{`an empty file name`}},
		{name: "target n 0", files: map[string]string{"m.yaml": model2("a", "0.1") +
			"targets:\n  - {name: t, measure: survival, endpoint: os, time: 6, value: 0.5, n: 0, lower: 0.4, upper: 0.6, source: s}\n"},
			args: []string{"validate", "m.yaml"}, code: exitUsage, want: []string{"m.yaml:10: targets[0].n", "whole number ≥ 1"}},
		{name: "target without n or interval", files: map[string]string{"m.yaml": model2("a", "0.1") +
			"targets:\n  - {name: t, measure: survival, endpoint: os, time: 6, value: 0.5, source: s}\n"},
			args: []string{"validate", "m.yaml"}, code: exitUsage, want: []string{"m.yaml:10: targets[0]", "needs n"}},
		{name: "dirichlet group of two branches", files: map[string]string{"m.yaml": dirichletTwoBranches},
			args: []string{"validate", "m.yaml"}, code: exitUsage, want: []string{"m.yaml", `dirichlet group "g" (p_a, p_b) must be the probabilities of the arms of one branch`}},
	})
}

// dirichletTwoBranches puts a group's members in two different branches.
const dirichletTwoBranches = `name: d
unit: month
horizon: 24
states:
  - name: a
    initial: 1
    exits:
      - {name: x, dist: fixed, duration: 1, branch: [{to: b, prob: p_a}, {to: c, prob: rest}]}
  - name: b
    exits:
      - {name: y, dist: fixed, duration: 1, branch: [{to: c, prob: p_b}, {to: a, prob: rest}]}
  - name: c
parameters:
  - {name: p_a, value: 0.4, source: s, uncertainty: {dist: dirichlet, group: g, a: 4}}
  - {name: p_b, value: 0.6, source: s, uncertainty: {dist: dirichlet, group: g, a: 6}}
`

// failWriter fails every write, as a full disk does.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// TestHostileWriteErrors: a command whose stdout cannot be written exits 1
// with a message.
func TestHostileWriteErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "m.yaml"), []byte(model2("a", "0.1")), 0o644)
	for _, args := range [][]string{{"list"}, {"describe", "m.yaml"}, {"validate", "m.yaml"}} {
		t.Run(args[0], func(t *testing.T) {
			old, _ := os.Getwd()
			os.Chdir(dir)
			defer os.Chdir(old)
			var errb bytes.Buffer
			code := execute(context.Background(), args, failWriter{}, &errb)
			if code != exitFailure || !strings.Contains(errb.String(), "no space left on device") {
				t.Errorf("exit %d: %s", code, errb.String())
			}
		})
	}
}

// TestInheritedCalibrate: a scenario that removes its base's targets runs
// (the inherited calibrate section is validated only by calibrate, whose
// message names the base file); `calibrate: null` drops the section;
// extends takes a shipped name.
func TestInheritedCalibrate(t *testing.T) {
	base := model2("base", "0.1") + "targets:\n  - {name: t, measure: survival, endpoint: os, time: 6, value: 0.5, n: 40, source: s}\n" +
		"calibrate:\n  parameters: [{name: h, lower: 0.01, upper: 1}]\nparameters:\n  - {name: h, value: 0.1, source: s}\n"
	scen := "extends: base.yaml\nname: scen\ntargets:\n  - {name: t, remove: true}\n"
	runHostile(t, []hostileCase{
		{name: "validate scenario", files: map[string]string{"base.yaml": base, "scen.yaml": scen}, args: []string{"validate", "scen.yaml"}, code: exitOK},
		{name: "calibrate scenario", files: map[string]string{"base.yaml": base, "scen.yaml": scen}, args: []string{"calibrate", "scen.yaml"},
			code: exitUsage, want: []string{"base.yaml:", "calibrat", "targets"}},
		{name: "drop calibrate", files: map[string]string{"base.yaml": base, "scen.yaml": scen + "calibrate: null\n"},
			args: []string{"calibrate", "scen.yaml"}, code: exitUsage, want: []string{"scen has no calibrate section"}},
		{name: "extends a shipped name", files: map[string]string{"s.yaml": "extends: stein2019-adult-post-allohsct\nname: mine\n"},
			args: []string{"validate", "s.yaml"}, code: exitOK},
		{name: "extends an unknown name", files: map[string]string{"s.yaml": "extends: nonesuch\nname: mine\n"},
			args: []string{"validate", "s.yaml"}, code: exitUsage, want: []string{"s.yaml:1: extends: no base model file \"nonesuch\"", "nor a shipped model"}},
	})
}

// TestCompareModelYAMLReplays: the model.yaml of a compare holds every
// scenario, and `run model.yaml` with the same seed and patients reproduces
// the comparison byte for byte.
func TestCompareModelYAMLReplays(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(model2("a", "0.1")), 0o644)
	os.WriteFile(filepath.Join(dir, "b.yaml"), []byte(model2("b", "0.2")), 0o644)
	flags := []string{"-q", "--patients", "2000", "--seed", "7", "--formats", "none"}
	if code, _, stderr := cli(t, context.Background(), dir, append([]string{"compare", "a.yaml", "b.yaml", "--out", "c1"}, flags...)...); code != exitOK {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	if code, _, stderr := cli(t, context.Background(), dir, append([]string{"run", "c1/model.yaml", "--out", "c2"}, flags...)...); code != exitOK {
		t.Fatalf("replay: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"survival.csv", "compare.csv", "model.yaml", "summary.md"} {
		a, errA := os.ReadFile(filepath.Join(dir, "c1", f))
		b, errB := os.ReadFile(filepath.Join(dir, "c2", f))
		if err := errors.Join(errA, errB); err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between the compare and its replay (%v)", f, err)
		}
	}
}
