package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestROutputs runs a study, a compare with a PSA, a sensitivity analysis
// and a compare --by with a PSA (subgroups' PSA rows), and reads every CSV file they write with R (testdata/r/
// read_outputs.R: one read.csv call a file, every column's type checked),
// and summary.json and manifest.json with one jsonlite::fromJSON call each.
// It needs Rscript and jsonlite and fails, never skips, without them.
func TestROutputs(t *testing.T) {
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		t.Fatal("Rscript is missing: apt-get install r-base-core r-cran-jsonlite")
	}
	dir := t.TempDir()
	for _, args := range [][]string{
		{"run", "stein2019-adult-post-allohsct", "--patients", "2000", "--out", "run"},
		{"compare", "after-blin-no-consolidation", "after-blin-second-hsct", "--patients", "1000", "--psa", "3", "--out", "cmp"},
		{"sensitivity", "stein2019-adult-post-allohsct", "--patients", "1000", "--out", "sens"},
		{"compare", repoFile(t, "examples/sequencing-hsct.yaml"), repoFile(t, "examples/sequencing-cart.yaml"), "--by", "prior_allo",
			"--psa", "3", "--patients", "500", "--out", "cmpby"},
	} {
		if code, _, stderr := cli(t, context.Background(), dir, append(args, "-q", "--formats", "svg")...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	cmd := exec.Command(rscript, repoFile(t, "testdata/r/read_outputs.R"),
		filepath.Join(dir, "run"), filepath.Join(dir, "cmp"), filepath.Join(dir, "sens"), filepath.Join(dir, "cmpby"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("R reads the outputs wrong: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
