package report

import (
	"context"
	"encoding/json"
	"errors"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/sim"
)

// tiny is a file list that is quick to write.
func tiny(content string) []file {
	return []file{
		{name: "a.txt", write: func(w io.Writer) error { _, err := io.WriteString(w, content); return err }},
		{name: "b.txt", write: func(w io.Writer) error { _, err := io.WriteString(w, content); return err }},
	}
}

// entries lists the names in dir, hidden ones included.
func entries(t *testing.T, dir string) []string {
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

// content reads name in dir.
func content(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWritePlacement: a fresh folder is used as asked, an existing one is
// never touched (dir-2, dir-3) unless forced, and nothing hidden is left.
func TestWritePlacement(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	dir := filepath.Join(root, "out", "toy") // "out" does not exist yet

	for _, step := range []struct {
		name      string
		force     bool
		want      string // folder used, relative to out
		wantOut   []string
		wantA     string // content of the folder used
		wantFirst string // content of out/toy afterwards
	}{
		{"fresh, parents created", false, "toy", []string{"toy"}, "1", "1"},
		{"exists: suffix -2", false, "toy-2", []string{"toy", "toy-2"}, "2", "1"},
		{"exists: suffix -3", false, "toy-3", []string{"toy", "toy-2", "toy-3"}, "3", "1"},
		{"force replaces", true, "toy", []string{"toy", "toy-2", "toy-3"}, "4", "4"},
	} {
		t.Run(step.name, func(t *testing.T) {
			got, err := writeDir(ctx, dir, tiny(step.wantA), step.force, nil)
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(root, "out", step.want); got != want {
				t.Errorf("wrote %s, want %s", got, want)
			}
			if out := entries(t, filepath.Join(root, "out")); !slices.Equal(out, step.wantOut) {
				t.Errorf("out/ holds %v, want %v (nothing hidden left behind)", out, step.wantOut)
			}
			if c := content(t, got, "a.txt"); c != step.wantA {
				t.Errorf("%s/a.txt = %q, want %q", got, c, step.wantA)
			}
			if c := content(t, dir, "b.txt"); c != step.wantFirst {
				t.Errorf("toy/b.txt = %q, want %q", c, step.wantFirst)
			}
			if fi, err := os.Stat(got); err != nil || fi.Mode().Perm() != 0o755 {
				t.Errorf("folder mode %v (%v), want 0755", fi.Mode().Perm(), err)
			}
		})
	}
	t.Run("force removes old files", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(dir, "stale.csv"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := writeDir(ctx, dir, tiny("5"), true, nil); err != nil {
			t.Fatal(err)
		}
		if es := entries(t, dir); !slices.Equal(es, []string{"a.txt", "b.txt"}) {
			t.Errorf("forced folder holds %v", es)
		}
	})
}

// TestWriteNothingPartial: a cancelled context, a failing file or an
// unusable destination leave no folder, no temporary folder and no parent
// folder behind, and an earlier output intact.
func TestWriteNothingPartial(t *testing.T) {
	boom := errors.New("disk full")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name    string
		ctx     func() context.Context
		files   func(cancel func()) []file
		force   bool
		prepare func(t *testing.T, dir string) // before the write
		want    error                          // nil: any error
	}{
		{name: "cancelled before", ctx: func() context.Context { return cancelled },
			files: func(func()) []file { return tiny("x") }, want: context.Canceled},
		{name: "cancelled between files", files: func(cancel func()) []file {
			return []file{
				{name: "a.txt", write: func(w io.Writer) error { cancel(); _, err := io.WriteString(w, "x"); return err }},
				{name: "b.txt", write: func(w io.Writer) error { t.Error("b.txt written after cancellation"); return nil }},
			}
		}, want: context.Canceled},
		{name: "cancelled after the last file", files: func(cancel func()) []file {
			return []file{{name: "a.txt", write: func(w io.Writer) error { cancel(); return nil }}}
		}, want: context.Canceled},
		{name: "write fails", files: func(func()) []file {
			return append(tiny("x"), file{name: "c.txt", write: func(w io.Writer) error { return boom }})
		}, want: boom},
		{name: "write fails, forced over an earlier run", force: true,
			prepare: func(t *testing.T, dir string) { mustMkdir(t, dir, "old.txt") },
			files: func(func()) []file {
				return append(tiny("x"), file{name: "c.txt", write: func(w io.Writer) error { return boom }})
			}, want: boom},
		{name: "parent is a file", files: func(func()) []file { return tiny("x") },
			prepare: func(t *testing.T, dir string) {
				mustMkdir(t, filepath.Dir(filepath.Dir(filepath.Dir(dir))), "")
				if err := os.WriteFile(filepath.Dir(filepath.Dir(dir)), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}},
		{name: "forced over a file", force: true, files: func(func()) []file { return tiny("x") },
			prepare: func(t *testing.T, dir string) {
				mustMkdir(t, filepath.Dir(dir), "")
				if err := os.WriteFile(dir, []byte("keep"), 0o644); err != nil {
					t.Fatal(err)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "out", "sub", "toy")
			if tc.prepare != nil {
				tc.prepare(t, dir)
			}
			before := tree(t, root)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.ctx != nil {
				ctx = tc.ctx()
			}
			got, err := writeDir(ctx, dir, tc.files(cancel), tc.force, nil)
			if err == nil {
				t.Fatalf("no error; wrote %s", got)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if after := tree(t, root); !slices.Equal(after, before) {
				t.Errorf("left behind: before %v, after %v", before, after)
			}
		})
	}
}

// TestWriteReadOnly: an unwritable parent is a clean error (skipped as root,
// who may write anywhere).
func TestWriteReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores permissions")
	}
	root := t.TempDir()
	if err := os.Chmod(root, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(root, 0o755)
	if _, err := writeDir(context.Background(), filepath.Join(root, "toy"), tiny("x"), false, nil); err == nil {
		t.Error("no error writing into a read-only folder")
	}
	if es := entries(t, root); len(es) != 0 {
		t.Errorf("left %v", es)
	}
}

// mustMkdir makes dir and, if name is set, an empty file in it.
func mustMkdir(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if name != "" {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree lists every path under root with its size, for before/after checks.
func tree(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel += "=" + string(b)
		}
		out = append(out, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestWriteRun writes a whole run and reads its files back.
func TestWriteRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "toy")
	got, err := Write(context.Background(), dir, testRun(), false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"atrisk.csv", "estimates.csv", "incidence.csv", "incidence.png", "incidence.svg", "manifest.json", "model.yaml", "occupancy.csv",
		"occupancy.png", "occupancy.svg", "report.html", "summary.json", "summary.md", "survival.csv", "survival.png", "survival.svg"}
	if es := entries(t, got); !slices.Equal(es, want) {
		t.Errorf("files %v, want %v", es, want)
	}
	if c := content(t, got, "model.yaml"); c != string(testYAML) {
		t.Errorf("model.yaml = %q", c)
	}
	var m Manifest
	if err := json.Unmarshal([]byte(content(t, got, "manifest.json")), &m); err != nil {
		t.Fatal(err)
	}
	if m.ModelHash != ModelHash(testYAML) || m.Seed != 42 || !slices.Equal(m.Scenarios, []string{"base"}) || m.Program != DefaultProgram {
		t.Errorf("manifest %+v", m)
	}
	if _, err := ReadSummary(strings.NewReader(content(t, got, "summary.json"))); err != nil {
		t.Error(err)
	}
	for _, name := range []string{"survival", "incidence", "occupancy"} {
		if _, err := png.DecodeConfig(strings.NewReader(content(t, got, name+".png"))); err != nil {
			t.Errorf("%s.png: %v", name, err)
		}
		if svg := content(t, got, name+".svg"); !strings.Contains(svg, "<svg") {
			t.Errorf("%s.svg is not an SVG: %.100s", name, svg)
		}
	}

	// Formats as asked: PDF only.
	r := testRun()
	r.Figures.Formats = []string{"pdf"}
	got, err = Write(context.Background(), dir, r, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"survival", "incidence", "occupancy"} {
		es := entries(t, got)
		if !slices.Contains(es, name+".pdf") || slices.Contains(es, name+".png") || slices.Contains(es, name+".svg") {
			t.Errorf("files %v, want %s.pdf only", es, name)
		}
	}

	// Without incidence endpoints there is no incidence file.
	r = testRun()
	r.Results[0].Endpoints = r.Results[0].Endpoints[:1]
	got, err = Write(context.Background(), dir, r, true)
	if err != nil {
		t.Fatal(err)
	}
	if es := entries(t, got); slices.Contains(es, "incidence.csv") || slices.Contains(es, "incidence.png") {
		t.Errorf("incidence files without incidence endpoints: %v", es)
	}
}

// TestWriteScenarios: with several scenarios each endpoint has its figure:
// survival.* the first survival endpoint, survival_<endpoint>.* each further
// one, incidence.* the first incidence, and the PSA's likewise.
func TestWriteScenarios(t *testing.T) {
	r := testRun()
	a, b := fineResult("base", 20), fineResult("better", 30) // os, efs survival; cir incidence
	for _, res := range []*sim.Result{a, b} {
		for k := range res.States { // on the fine grid: a third of the patients in each state
			res.States[k].Occupancy = make([]sim.Estimate, len(res.Grid))
			for i := range res.Grid {
				res.States[k].Occupancy[i] = est(1.0/3, 0.3, 0.36)
			}
		}
	}
	r.Results = []*sim.Result{a, b}
	r.PSA = []*sim.PSA{psaOf(a), psaOf(b)}
	r.Figures.DPI = 100 // small files, quick
	got, err := Write(context.Background(), filepath.Join(t.TempDir(), "toy"), r, false)
	if err != nil {
		t.Fatal(err)
	}
	var figures []string
	for _, e := range entries(t, got) {
		if ext := filepath.Ext(e); ext == ".png" || ext == ".svg" {
			figures = append(figures, e)
		}
	}
	want := []string{"incidence.png", "incidence.svg", "occupancy.png", "occupancy.svg",
		"psa_survival.png", "psa_survival.svg", "psa_survival_efs.png", "psa_survival_efs.svg",
		"survival.png", "survival.svg", "survival_efs.png", "survival_efs.svg"}
	if !slices.Equal(figures, want) {
		t.Errorf("figures %v, want %v", figures, want)
	}
	for _, name := range want {
		if strings.HasSuffix(name, ".png") {
			if _, err := png.DecodeConfig(strings.NewReader(content(t, got, name))); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}

// TestWriteInvalidRun: an inconsistent run is refused before anything is
// written.
func TestWriteInvalidRun(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(r *Run)
	}{
		{"no results", func(r *Run) { r.Results = nil }},
		{"nil result", func(r *Run) { r.Results[0] = nil }},
		{"no model", func(r *Run) { r.ModelYAML = nil }},
		{"hash of another model", func(r *Run) { r.Manifest.ModelHash = ModelHash([]byte("other")) }},
		{"seed differs", func(r *Run) { r.Manifest.Seed = 7 }},
		{"patients differ", func(r *Run) { r.Manifest.Patients = 7 }},
		{"same label twice", func(r *Run) { r.Results = append(r.Results, testResult()) }},
		{"empty grid", func(r *Run) { r.Results[0].Grid = nil }},
		{"short curve", func(r *Run) { r.Results[0].Endpoints[1].Curve = r.Results[0].Endpoints[1].Curve[:2] }},
		{"short occupancy", func(r *Run) { r.Results[0].States[2].Occupancy = nil }},
		{"short at-risk", func(r *Run) { r.Results[0].Endpoints[0].AtRisk = []float64{1} }},
		{"unknown figure format", func(r *Run) { r.Figures.Formats = []string{"gif"} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			r := testRun()
			tc.change(&r)
			if got, err := Write(context.Background(), filepath.Join(root, "toy"), r, false); err == nil {
				t.Fatalf("no error; wrote %s", got)
			}
			if es := entries(t, root); len(es) != 0 {
				t.Errorf("left %v", es)
			}
		})
	}
	// The caller's run is not modified by Write's defaults.
	r := testRun()
	r.Manifest.Scenarios = nil
	if _, err := Write(context.Background(), filepath.Join(t.TempDir(), "toy"), r, false); err != nil {
		t.Fatal(err)
	}
	if r.Manifest.Scenarios != nil || r.Manifest.ModelHash != "" {
		t.Errorf("Write changed the caller's manifest: %+v", r.Manifest)
	}
}
