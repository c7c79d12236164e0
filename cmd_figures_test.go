package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// outFiles lists the files of an output folder.
func outFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestFigureFlags: the figure flags reach the files: formats, size, no title,
// and the cohort of the number-at-risk table (flag over the model's key over
// its targets' n); BLINASIM_FORMATS sets the formats.
func TestFigureFlags(t *testing.T) {
	dir := t.TempDir()
	model := "name: c\nunit: month\nhorizon: 24\ncohort: 50\nstates:\n" +
		"  - {name: alive, initial: 1, exits: [{to: dead, dist: exponential, rate: 0.05}]}\n  - {name: dead}\n"
	if err := os.WriteFile(filepath.Join(dir, "c.yaml"), []byte(model), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		env   string
		args  []string
		files []string // figure files, in order
		in    []string // in survival.svg
		notIn []string
	}{
		{"model cohort, svg and pdf, no title", "", []string{"c.yaml", "--formats", "svg,pdf", "--fig-title=false", "--fig-width", "3.5in"},
			[]string{"occupancy.pdf", "occupancy.svg", "survival.pdf", "survival.svg"},
			[]string{`<svg width="252pt"`, "cohort of 50", "Shaded: Monte Carlo 95% interval"}, []string{"Simulated N ="}},
		{"--cohort wins, environment formats", "svg", []string{"c.yaml", "--cohort", "70"},
			[]string{"occupancy.svg", "survival.svg"}, []string{"cohort of 70", "Simulated N = 2,000 patients; seed 1."}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("BLINASIM_FORMATS", tc.env)
			if tc.env == "" {
				os.Unsetenv("BLINASIM_FORMATS")
			}
			out := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_"))
			args := append([]string{"run", "--patients", "2000", "--out", out, "-q"}, tc.args...)
			if code, _, stderr := cli(t, context.Background(), dir, args...); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var figs []string
			for _, f := range outFiles(t, out) {
				if ext := filepath.Ext(f); ext == ".png" || ext == ".svg" || ext == ".pdf" {
					figs = append(figs, f)
				}
			}
			if !slices.Equal(figs, tc.files) {
				t.Errorf("figures %v, want %v", figs, tc.files)
			}
			svg, err := os.ReadFile(filepath.Join(out, "survival.svg"))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tc.in {
				if !strings.Contains(string(svg), s) {
					t.Errorf("survival.svg lacks %q", s)
				}
			}
			for _, s := range tc.notIn {
				if strings.Contains(string(svg), s) {
					t.Errorf("survival.svg has %q", s)
				}
			}
		})
	}
}

// TestBadFigureFlagsExit2: figure settings out of range are usage errors,
// named, before anything is simulated or written.
func TestBadFigureFlagsExit2(t *testing.T) {
	for _, tc := range []struct{ flag, value, want string }{
		{"--formats", "png,gif", `figure format "gif" is not one of png, svg, pdf`},
		{"--fig-width", "10mm", "figure width 10mm is outside [40mm, 500mm]"},
		{"--fig-height", "tall", `--fig-height: "tall" is not a length such as 89mm`},
		{"--font-size", "30", "font size 30pt is outside [5, 14] points"},
		{"--dpi", "10", "PNG resolution 10 dpi is outside [72, 1200]"},
		{"--cohort", "-5", "--cohort (-5) ≥ 0"},
	} {
		dir := t.TempDir()
		code, _, stderr := cli(t, context.Background(), dir, "run", "--patients", "100", tc.flag, tc.value)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s %s: exit %d, stderr %q; want %d and %q", tc.flag, tc.value, code, stderr, exitUsage, tc.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
			t.Errorf("%s %s: an out folder was created", tc.flag, tc.value)
		}
	}
}
