package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// readmeRBlock returns the R block of README.md's "Read it in R" step.
func readmeRBlock(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(raw), "**3. Read it in R**")
	if !ok {
		t.Fatal(`README.md has no "**3. Read it in R**" step`)
	}
	_, block, ok := strings.Cut(after, "```r\n")
	if !ok {
		t.Fatal("README.md's R step has no ```r block")
	}
	block, _, ok = strings.Cut(block, "```")
	if !ok {
		t.Fatal("README.md's R block is not closed")
	}
	return block
}

// TestReadmeRCalls runs the R calls README.md shows, as shown, against the
// run its first steps make (fewer patients), and checks what they read:
// every object has rows, booleans are logical, and summary.json's figures
// are numbers. It needs Rscript with jsonlite and ggplot2 (Debian:
// r-base-core r-cran-jsonlite r-cran-ggplot2, which .ci/run installs) and
// fails, never skips, without them.
func TestReadmeRCalls(t *testing.T) {
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		t.Fatal("Rscript is missing: apt-get install r-base-core r-cran-jsonlite r-cran-ggplot2")
	}
	block := readmeRBlock(t)
	dir := t.TempDir()
	if code, _, stderr := cli(t, context.Background(), dir, "run", "stein2019-adult-post-allohsct",
		"--patients", "2000", "--seed", "1", "--out", "out/first", "-q", "--formats", "png"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	checks := `
stopifnot(nrow(s) > 0, nrow(inc) > 0, nrow(occ) > 0, nrow(est) > 0, nrow(risk) > 0, nrow(chk) > 0)
stopifnot(is.logical(s$past_followup), is.logical(inc$past_followup), is.logical(risk$past_followup), is.logical(chk$inside))
stopifnot(is.numeric(s$survival), is.character(est$measure))
stopifnot(is.data.frame(sm$scenarios), is.numeric(sm$scenarios$patients))
stopifnot(is.character(man$seed) || is.numeric(man$seed))
cat("README R calls: ok\n")
`
	script := filepath.Join(dir, "readme.R")
	prelude := "pdf(NULL)\n" // ggplot's autoprint goes to a null device, not Rplots.pdf
	if err := os.WriteFile(script, []byte(prelude+block+checks), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(rscript, script)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("README.md's R block fails (apt-get install r-cran-jsonlite r-cran-ggplot2 if a package is missing): %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
