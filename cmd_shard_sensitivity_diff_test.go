package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/shard"
)

// writeDifferenceStudy writes the study of writeStudy (base.yaml, and
// sens.yaml with a bounded parameter and two sweeps), sbase.yaml (sens.yaml
// titled shortly) and scen.yaml, a scenario of it whose incomplete-MRD hazard
// ratio is 1.5. (The short titles: with the study's 100-character title, the
// heat map's colour bar label does not fit and gonum panics; see the report.)
func writeDifferenceStudy(t *testing.T, dir string) {
	t.Helper()
	writeStudy(t, dir, studySweeps)
	for name, y := range map[string]string{
		"sbase.yaml": "extends: sens.yaml\nname: sbase\ntitle: Study\n",
		"scen.yaml":  "extends: sbase.yaml\nname: scen\ntitle: HR 1.5\nparameters:\n  - name: hr_mrd_incomplete\n    value: 1.5\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(y), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// shardAll runs args as shards 0..n-1 into out, shard k with 1 + k mod 3
// workers, and fails the test on any error.
func shardAll(t *testing.T, dir, out string, n int, args ...string) {
	t.Helper()
	for k := range n {
		a := append(append([]string{}, args...), "--out", out, "--shard", fmt.Sprintf("%d/%d", k, n), "--workers", fmt.Sprint(1+k%3))
		if code, _, stderr := cli(t, context.Background(), dir, a...); code != exitOK {
			t.Fatalf("shard %d/%d: exit %d: %s", k, n, code, stderr)
		}
	}
}

// TestDifferenceShardsMergeToTheWholeRun: the sensitivity of a difference
// (the one-way rows of both models' ranges and the base's two sweeps), run in
// 1, 2, 3 or 7 shards on 1 to 3 workers each and merged on 3, writes every
// file of the whole run on 2 workers byte for byte (manifest.json aside). The
// median case has more patients than the pilot of paired medians (4096), so
// that the base pair's paired interval comes from totals read back from a
// part file.
func TestDifferenceShardsMergeToTheWholeRun(t *testing.T) {
	dir := t.TempDir()
	writeDifferenceStudy(t, dir)
	for _, c := range []struct {
		name   string
		args   []string
		shards []int
	}{
		{"landmark", []string{"--patients", "1500"}, []int{1, 2, 3, 7}},
		{"median", []string{"--patients", "4500", "--outcome", "os:median"}, []int{3}},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"sensitivity", "sbase.yaml", "scen.yaml", "--formats", "svg", "-q"}, c.args...)
			whole := filepath.Join(c.name, "whole")
			code, wholeMD, stderr := cli(t, context.Background(), dir, append(args, "--out", whole, "--workers", "2")...)
			if code != exitOK {
				t.Fatalf("whole run: exit %d: %s", code, stderr)
			}
			if !strings.Contains(wholeMD, "sensitivity of the difference scen − sbase") {
				t.Fatalf("not a difference analysis:\n%s", wholeMD)
			}
			for _, n := range c.shards {
				parts := filepath.Join(c.name, fmt.Sprintf("parts%d", n))
				shardAll(t, dir, parts, n, args...)
				merged := filepath.Join(c.name, fmt.Sprintf("merged%d", n))
				code, stdout, stderr := cli(t, context.Background(), dir, "merge", parts, "--out", merged, "--workers", "3")
				if code != exitOK {
					t.Fatalf("merge of %d: exit %d: %s", n, code, stderr)
				}
				if stdout != wholeMD || !strings.Contains(stderr, "shard(s) of sensitivity-difference") {
					t.Errorf("merge of %d printed %q (stderr %s), not the whole run's sensitivity.md", n, stdout, stderr)
				}
				sameOutputs(t, filepath.Join(dir, whole), filepath.Join(dir, merged))
			}
		})
	}
}

// TestDifferenceMergeErrors: a part set of a difference analysis that is
// incomplete or mixed (a one-model analysis's part, another scenario, seed
// or number of patients) is an error (exit 2) naming the file and what
// differs, and the merge writes nothing.
func TestDifferenceMergeErrors(t *testing.T) {
	dir := t.TempDir()
	writeDifferenceStudy(t, dir)
	diff := []string{"sensitivity", "sbase.yaml", "scen.yaml", "--patients", "300", "-q"}
	shardAll(t, dir, "good", 3, diff...)
	shardAll(t, dir, "one-model", 3, "sensitivity", "sens.yaml", "--patients", "300", "-q")
	shardAll(t, dir, "other-scenario", 3, append(diff, "--set", "parameters.p_cr.value=0.5")...)
	shardAll(t, dir, "other-seed", 3, append(diff, "--seed", "2")...)
	shardAll(t, dir, "other-patients", 3, "sensitivity", "sbase.yaml", "scen.yaml", "--patients", "400", "-q")
	part := func(run string, k int) string { return filepath.Join(dir, run, shard.Name(k, 3)) }
	for _, c := range []struct {
		name  string
		files []string // the part files; the middle one is the odd one out
		want  []string
	}{
		{"a missing shard", []string{part("good", 0), part("good", 2)},
			[]string{"shard(s) 1 of 3 missing", "--shard 1/3"}},
		{"a one-model analysis's part", []string{part("good", 0), part("one-model", 1), part("good", 2)},
			[]string{"b" + shard.Ext + ": a part of another run: command sensitivity, not sensitivity-difference"}},
		{"another scenario", []string{part("good", 0), part("other-scenario", 1), part("good", 2)},
			[]string{"b" + shard.Ext + ": a part of another run: model hash"}},
		{"another seed", []string{part("good", 0), part("other-seed", 1), part("good", 2)},
			[]string{"b" + shard.Ext + ": a part of another run: seed 2, not 1"}},
		{"another number of patients", []string{part("good", 0), part("other-patients", 1), part("good", 2)},
			[]string{"b" + shard.Ext + ": a part of another run: other settings: patients 400, not 300"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			parts := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-"))
			if err := os.MkdirAll(parts, 0o755); err != nil {
				t.Fatal(err)
			}
			for i, f := range c.files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				name := string(rune('a'+i)) + shard.Ext
				if len(c.files) == 2 && i == 1 { // the missing shard's neighbours keep their letters
					name = "c" + shard.Ext
				}
				if err := os.WriteFile(filepath.Join(parts, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, stdout, stderr := cli(t, context.Background(), dir, "merge", parts, "--out", "merged")
			if code != exitUsage || stdout != "" {
				t.Errorf("exit %d, stdout %q; want %d and nothing (stderr %s)", code, stdout, exitUsage, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "merged")); err == nil {
				t.Error("the merge wrote an output folder")
			}
		})
	}
}
