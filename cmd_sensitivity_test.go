package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeStudy copies the default study into dir as base.yaml, with a scenario
// sens.yaml that adds a sensitivity section (extra, YAML under `sensitivity:`).
func writeStudy(t *testing.T, dir, extra string) {
	t.Helper()
	src, err := os.ReadFile(repoFile(t, "seeds/stein2019-adult-post-allohsct.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "base.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	scenario := "extends: base.yaml\nname: sens\nsensitivity:\n" + extra
	if err := os.WriteFile(filepath.Join(dir, "sens.yaml"), []byte(scenario), 0o644); err != nil {
		t.Fatal(err)
	}
}

const studySweeps = `  outcome: os:s1y
  parameters:
    - {name: t_assess, low: 42d, high: 126d}
  sweeps:
    - name: durable
      parameters: [{name: c_durable, from: 0.3, to: 0.6, steps: 3}]
    - name: durable_by_cr
      parameters: [{name: c_durable, values: [0.3, 0.6]}, {name: p_cr, values: [0.35, 0.45, 0.55]}]
`

// TestSensitivityCommand: the one-way analysis of the study's parameters and
// its sweeps write every file, print sensitivity.md, and give byte-identical
// outputs for 1 and 3 workers; describe shows the section.
func TestSensitivityCommand(t *testing.T) {
	dir := t.TempDir()
	writeStudy(t, dir, studySweeps)
	var stdout1 string
	for _, w := range []string{"1", "3"} {
		code, stdout, stderr := cli(t, context.Background(), dir, "sensitivity", "sens.yaml", "--patients", "3000", "--workers", w, "--out", "w"+w, "-q")
		if code != exitOK {
			t.Fatalf("workers %s: exit %d: %s", w, code, stderr)
		}
		if w == "1" {
			stdout1 = stdout
		}
		if !strings.Contains(stderr, "Overall survival at 11.999 months") || !strings.Contains(stderr, "9 parameter(s) and 2 sweep(s)") {
			t.Errorf("stderr: %s", stderr)
		}
	}
	if !strings.Contains(stdout1, "## One-way sensitivity") || !strings.Contains(stdout1, "`t_assess` †") ||
		!strings.Contains(stdout1, "## Sweep: durable_by_cr") {
		t.Errorf("stdout:\n%s", stdout1)
	}
	if code, stdout, _ := cli(t, context.Background(), dir, "describe", "sens.yaml"); code != exitOK ||
		!strings.Contains(stdout, "sensitivity outcome: os:s11.999") || !strings.Contains(stdout, "sweep durable_by_cr  p_cr       0.35, 0.45, 0.55") {
		t.Errorf("describe (exit %d) should show the sensitivity section:\n%s", code, stdout)
	}
	for _, f := range []string{"oneway.csv", "sensitivity.md", "sweep_durable.csv", "sweep_durable_by_cr.csv", "model.yaml",
		"tornado.png", "sweep_durable.png", "sweep_durable_by_cr.png", "manifest.json"} {
		a, err1 := os.ReadFile(filepath.Join(dir, "w1", f))
		b, err2 := os.ReadFile(filepath.Join(dir, "w3", f))
		if err1 != nil || err2 != nil || len(a) == 0 {
			t.Fatalf("%s: %v %v", f, err1, err2)
		}
		if !strings.HasSuffix(f, ".json") && !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 3 workers", f)
		}
	}
}

// TestSensitivityDefaultsAndErrors: the default study runs with an outcome
// from the command line; a bad outcome, a model with nothing to vary and an
// end that breaks the model are usage errors that write nothing.
func TestSensitivityDefaultsAndErrors(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := cli(t, context.Background(), dir, "sensitivity", "--patients", "2000", "--outcome", "os:median", "-q")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Overall survival: median (months)") {
		t.Errorf("stdout:\n%.300s", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "stein2019-adult-post-allohsct-sensitivity", "oneway.csv")); err != nil {
		t.Error(err)
	}

	writeStudy(t, dir, "  parameters: [{name: h_nrm, low: 0.001, high: 0.01}]\n")
	// A normal uncertainty whose 2.5% quantile is a negative rate.
	negative := "extends: sens.yaml\nname: neg\nparameters:\n  - {name: h_relapse, uncertainty: {dist: normal, mean: 0.28, sd: 0.2}}\n"
	if err := os.WriteFile(filepath.Join(dir, "neg.yaml"), []byte(negative), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"bad outcome", []string{"sens.yaml", "--outcome", "os:x"}, `--outcome: outcome "os:x": unknown measure "x"`},
		{"incidence of a survival endpoint", []string{"sens.yaml", "--outcome", "efs:f12"}, `"efs" is a survival endpoint: write efs:s12`},
		{"outcome past the horizon", []string{"sens.yaml", "--outcome", "os:s36", "--horizon", "24"}, "past the horizon 24"},
		{"nothing to vary", []string{repoFile(t, "examples/reference-5state.yaml")}, "nothing to vary"},
		{"no tornado rows", []string{"sens.yaml", "--top", "0"}, "--top must be ≥ 1 (got 0)"},
		{"an end that breaks the model", []string{"neg.yaml"},
			`parameter "h_relapse" at its low end (the 2.5% quantile of its uncertainty), -0.11`},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"sensitivity", "--patients", "500", "--out", "x", "-q"}, c.args...)
			code, _, stderr := cli(t, context.Background(), dir, args...)
			if code != exitUsage || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitUsage, c.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "x")); err == nil {
				t.Error("an output folder was written")
			}
		})
	}
}
