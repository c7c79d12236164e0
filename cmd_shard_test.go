package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/shard"
)

// TestShardsMergeToTheWholeRun: for 1, 2, 3 and 7 shards, the merged outputs
// of run (with a PSA), compare (with a PSA of each scenario, by subgroup,
// and by subgroup with a PSA), sensitivity (one-way points and two sweeps) and trial (with
// assurance) equal the whole run's byte for byte, every
// file but manifest.json. 7 shards of 5 draws leave some shards without a
// draw, and of 2500 patients split them off the workers' 4096-patient chunks.
func TestShardsMergeToTheWholeRun(t *testing.T) {
	dir := t.TempDir()
	writeStudy(t, dir, studySweeps)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"run and PSA", []string{"run", "base.yaml", "--patients", "2500", "--psa", "5"}},
		{"compare and PSA", []string{"compare", "base.yaml", "sens.yaml", "--patients", "2000", "--psa", "3"}},
		{"sensitivity and sweeps", []string{"sensitivity", "sens.yaml", "--patients", "1500"}},
		{"compare by subgroup", []string{"compare", repoFile(t, "examples/sequencing-hsct.yaml"), repoFile(t, "examples/sequencing-cart.yaml"),
			"--patients", "2000", "--by", "prior_allo"}},
		{"compare by subgroup and PSA", []string{"compare", repoFile(t, "examples/sequencing-hsct.yaml"), repoFile(t, "examples/sequencing-cart.yaml"),
			"--patients", "1000", "--by", "prior_allo", "--psa", "3"}},
		{"trial and assurance", []string{"trial", repoFile(t, "examples/trials/second-hsct-vs-none.yaml"), "--trials", "20", "--psa", "3",
			"--psa-trials", "4"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			name := strings.ReplaceAll(c.name, " ", "-")
			base := append(c.args, "--formats", "svg", "--workers", "2", "-q")
			whole := filepath.Join(name, "whole")
			if code, _, stderr := cli(t, context.Background(), dir, append(base, "--out", whole)...); code != exitOK {
				t.Fatalf("whole run: exit %d: %s", code, stderr)
			}
			for _, n := range []int{1, 2, 3, 7} {
				parts := filepath.Join(name, fmt.Sprintf("parts%d", n))
				for k := range n {
					args := append(base, "--out", parts, "--shard", fmt.Sprintf("%d/%d", k, n))
					if code, _, stderr := cli(t, context.Background(), dir, args...); code != exitOK {
						t.Fatalf("shard %d/%d: exit %d: %s", k, n, code, stderr)
					}
				}
				merged := filepath.Join(name, fmt.Sprintf("merged%d", n))
				code, stdout, stderr := cli(t, context.Background(), dir, "merge", parts, "--out", merged)
				if code != exitOK {
					t.Fatalf("merge of %d: exit %d: %s", n, code, stderr)
				}
				if stdout == "" {
					t.Errorf("merge of %d printed no summary", n)
				}
				sameOutputs(t, filepath.Join(dir, whole), filepath.Join(dir, merged))
			}
		})
	}
}

// manifestSection is report.html's copy of manifest.json.
var manifestSection = regexp.MustCompile(`(?s)<section id="manifest">.*?</section>`)

// sameOutputs checks that two output folders hold the same files with the
// same bytes, manifest.json aside (it records the command and the times),
// and its copy in report.html.
func sameOutputs(t *testing.T, a, b string) {
	t.Helper()
	ea, err := os.ReadDir(a)
	if err != nil {
		t.Fatal(err)
	}
	eb, err := os.ReadDir(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(ea) != len(eb) || len(ea) < 5 {
		t.Fatalf("%s has %d files, %s %d", a, len(ea), b, len(eb))
	}
	for _, e := range ea {
		if e.Name() == "manifest.json" {
			continue
		}
		x, err1 := os.ReadFile(filepath.Join(a, e.Name()))
		y, err2 := os.ReadFile(filepath.Join(b, e.Name()))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", e.Name(), err1, err2)
		}
		if e.Name() == "report.html" { // it shows the manifest too
			x, y = manifestSection.ReplaceAll(x, nil), manifestSection.ReplaceAll(y, nil)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", e.Name(), a, b)
		}
	}
}

// TestMergeErrors: parts that do not form one whole run are each an error
// (exit 2) naming the file and what is wrong, and the merge writes nothing.
func TestMergeErrors(t *testing.T) {
	dir := t.TempDir()
	writeStudy(t, dir, studySweeps)
	shardRun := func(out string, k int, extra ...string) string {
		args := append([]string{"run", "base.yaml", "--patients", "600", "-q", "--out", out, "--shard", fmt.Sprintf("%d/3", k)}, extra...)
		if code, _, stderr := cli(t, context.Background(), dir, args...); code != exitOK {
			t.Fatalf("shard %d: exit %d: %s", k, code, stderr)
		}
		return filepath.Join(dir, out, shard.Name(k, 3))
	}
	good := []string{shardRun("good", 0), shardRun("good", 1), shardRun("good", 2)}
	if code, stdout, stderr := cli(t, context.Background(), dir, "merge", "--check", "good"); code != exitOK ||
		!strings.Contains(stdout, "3 part(s) of blinasim run form one whole: 3 shard(s), seed 1") {
		t.Errorf("merge --check of whole parts: exit %d: %s%s", code, stdout, stderr)
	}
	otherModel := shardRun("other-model", 1, "--set", "parameters.p_cr.value=0.5")
	otherSeed := shardRun("other-seed", 1, "--seed", "2")
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	flipped := read(good[1])
	flipped[len(flipped)/2] ^= 0x10
	cases := []struct {
		name  string
		files map[string][]byte // name in the folder → content
		want  []string
	}{
		{"a missing shard", map[string][]byte{"a" + shard.Ext: read(good[0]), "c" + shard.Ext: read(good[2])},
			[]string{"shard(s) 1 of 3 missing", "--shard 1/3", "sbatch --array=1 SCRIPT"}},
		{"a shard of another model", map[string][]byte{"a" + shard.Ext: read(good[0]), "b" + shard.Ext: read(otherModel), "c" + shard.Ext: read(good[2])},
			[]string{"b" + shard.Ext + ": a part of another run: model hash"}},
		{"a shard of another seed", map[string][]byte{"a" + shard.Ext: read(good[0]), "b" + shard.Ext: read(otherSeed), "c" + shard.Ext: read(good[2])},
			[]string{"b" + shard.Ext + ": a part of another run: seed 2, not 1"}},
		{"a corrupted part file", map[string][]byte{"a" + shard.Ext: read(good[0]), "b" + shard.Ext: flipped, "c" + shard.Ext: read(good[2])},
			[]string{"b" + shard.Ext + ": not a whole blinasim part file: its checksum does not match"}},
		{"a part file cut short", map[string][]byte{"a" + shard.Ext: read(good[0]), "b" + shard.Ext: read(good[1])[:100], "c" + shard.Ext: read(good[2])},
			[]string{"b" + shard.Ext + ": not a whole blinasim part file"}},
		{"a file that is not a part", map[string][]byte{"a" + shard.Ext: read(good[0]), "b" + shard.Ext: []byte("hello\n"), "c" + shard.Ext: read(good[2])},
			[]string{"b" + shard.Ext + ": not a whole blinasim part file: it does not begin with"}},
		{"a shard given twice", map[string][]byte{"a" + shard.Ext: read(good[0]), "b" + shard.Ext: read(good[1]), "b2" + shard.Ext: read(good[1]), "c" + shard.Ext: read(good[2])},
			[]string{"b2" + shard.Ext + ": shard 1/3 is given twice (also", "b" + shard.Ext + ")"}},
		{"no part files", map[string][]byte{"readme.txt": []byte("x")}, []string{"no part files"}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parts := filepath.Join(dir, fmt.Sprintf("case%d", i))
			if err := os.MkdirAll(parts, 0o755); err != nil {
				t.Fatal(err)
			}
			for n, b := range c.files {
				if err := os.WriteFile(filepath.Join(parts, n), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if code, _, stderr := cli(t, context.Background(), dir, "merge", "--check", parts); code != exitUsage || !strings.Contains(stderr, c.want[0]) {
				t.Errorf("merge --check: exit %d, stderr %s", code, stderr)
			}
			code, stdout, stderr := cli(t, context.Background(), dir, "merge", parts, "--out", "merged")
			if code != exitUsage {
				t.Errorf("exit %d; want %d (stderr %s)", code, exitUsage, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, stderr)
				}
			}
			if stdout != "" {
				t.Errorf("stdout: %s", stdout)
			}
			if _, err := os.Stat(filepath.Join(dir, "merged")); err == nil {
				t.Error("the merge wrote an output folder")
			}
		})
	}
}

// TestShardFlagAndPlan: --shard auto takes the shard from a Slurm array
// task's environment; a bad --shard, and a plan of a command that cannot be
// sharded or that sets what the plan sets, are usage errors; plan slurm
// writes its script.
func TestShardFlagAndPlan(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SLURM_ARRAY_TASK_ID", "11")
	t.Setenv("SLURM_ARRAY_TASK_MIN", "10")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "3")
	code, _, stderr := cli(t, context.Background(), dir, "run", "--patients", "300", "-q", "--out", "p", "--shard", "auto")
	if code != exitOK || !strings.Contains(stderr, "shard 1/3 (patients 100 to 199 of 300)") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "p", shard.Name(1, 3))); err != nil {
		t.Error(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--shard", "3/3"}, "K must be a whole number from 0 to N-1 = 2"},
		{[]string{"sensitivity", "--shard", "x"}, "want K/N"},
		{[]string{"plan", "slurm", "--shards", "4"}, "give the command to shard after --"},
		{[]string{"plan", "slurm", "--shards", "4", "--", "validate", "m.yaml"}, `"validate" cannot run in shards`},
		{[]string{"plan", "slurm", "--shards", "4", "--", "run", "--out", "x"}, "leave --out out of the command"},
		{[]string{"plan", "slurm", "--shards", "0", "--", "run"}, "--shards must be within 1.."},
		{[]string{"plan", "k8s", "--shards", "4", "--", "run"}, "give --image"},
	} {
		code, _, stderr := cli(t, context.Background(), dir, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, stderr, exitUsage, c.want)
		}
	}
	code, stdout, stderr := cli(t, context.Background(), dir, "plan", "slurm", "--shards", "2000", "--max-array-size", "1000", "--cpus", "8",
		"--", "run", "m.yaml", "--psa", "10000")
	if code != exitOK || !strings.Contains(stdout, "#SBATCH --array=0-999\n") || !strings.Contains(stdout, "SHARDS=2000\n") ||
		!strings.Contains(stdout, `"$BLINASIM" run m.yaml --psa 10000 --workers`) {
		t.Errorf("exit %d: %s\n%s", code, stderr, stdout)
	}
}
