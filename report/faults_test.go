package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestWriteSkipsFigureThatCannotBeDrawn: a figure that does not fit (here
// every figure: the smallest size with the largest text) is left out with a
// warning naming it; the tables, summaries and manifest are written.
func TestWriteSkipsFigureThatCannotBeDrawn(t *testing.T) {
	r := testRun()
	r.Figures = Figures{Width: minSide, Height: minSide, FontSize: maxFontSize}
	var warn bytes.Buffer
	r.Warn = &warn
	got, err := Write(context.Background(), filepath.Join(t.TempDir(), "toy"), r, false)
	if err != nil {
		t.Fatal(err)
	}
	es := entries(t, got)
	for _, want := range []string{"model.yaml", "survival.csv", "occupancy.csv", "summary.md", "summary.json", "manifest.json"} {
		if !slices.Contains(es, want) {
			t.Errorf("%s not written (wrote %v)", want, es)
		}
	}
	if !strings.Contains(warn.String(), "warning: survival.png left out") {
		t.Errorf("warnings %q do not name survival.png", warn.String())
	}
}

// TestWriteNoFigures: Figures.None writes no figure at all, on purpose.
func TestWriteNoFigures(t *testing.T) {
	r := testRun()
	r.Figures.None = true
	got, err := Write(context.Background(), filepath.Join(t.TempDir(), "toy"), r, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries(t, got) {
		if strings.HasSuffix(e, ".png") || strings.HasSuffix(e, ".svg") {
			t.Errorf("figure %s written with Figures.None", e)
		}
	}
}

// TestCleanStale: hidden folders of a dead process, older than this run, are
// removed (and an earlier output moved aside is put back); those of a live
// process, other names and newer folders stay.
func TestCleanStale(t *testing.T) {
	parent := t.TempDir()
	old := started.Add(-time.Hour)
	dead := deadPID(t)
	mk := func(name string, mtime time.Time) {
		p := filepath.Join(parent, name)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	mk(fmt.Sprintf(".toy.tmp-%d-123", dead), old)
	mk(fmt.Sprintf(".toy.old-%d-456/toy", dead), old)
	os.Chtimes(filepath.Join(parent, fmt.Sprintf(".toy.old-%d-456", dead)), old, old)
	mk(fmt.Sprintf(".toy.tmp-%d-789", os.Getppid()), old) // a live process
	mk(fmt.Sprintf(".toy.tmp-%d-999", dead), started.Add(time.Hour))
	mk(fmt.Sprintf(".other.tmp-%d-1", dead), old)
	mk(".toy.tmp-xyz", old)
	var warn bytes.Buffer
	cleanStale(parent, "toy", &warn)
	got := entries(t, parent)
	want := []string{fmt.Sprintf(".other.tmp-%d-1", dead), fmt.Sprintf(".toy.tmp-%d-789", os.Getppid()),
		fmt.Sprintf(".toy.tmp-%d-999", dead), ".toy.tmp-xyz", "toy"}
	slices.Sort(want) // entries are listed in name order, which depends on the pids' digits
	if !slices.Equal(got, want) {
		t.Errorf("left %v, want %v", got, want)
	}
	if n := strings.Count(warn.String(), "removed"); n != 2 || !strings.Contains(warn.String(), "put back") {
		t.Errorf("warnings %q: want 2 removals and a put back", warn.String())
	}
}

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	for pid := 4_000_000; pid > 3_000_000; pid -= 7919 {
		if !alive(pid) {
			return pid
		}
	}
	t.Fatal("no free process id found")
	return 0
}
