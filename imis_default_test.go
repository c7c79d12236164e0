package main

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestIMISDefaultStudyCovers calibrates the default study's three free
// parameters by IMIS (20,000 patients per evaluation, the defaults of Raftery
// and Bao: 3000 prior draws, stages of 300, a resample of 3000) and checks
// that the posterior predictive interval of every target covers its
// published figure. It takes minutes, so CI runs it once, from
// .ci/steps.d/40-imis-default.sh.
func TestIMISDefaultStudyCovers(t *testing.T) {
	if os.Getenv("LONG_IMIS_TEST") == "" {
		t.Skip("long test (minutes): run with LONG_IMIS_TEST=1 go test -run TestIMISDefaultStudyCovers -timeout 30m .")
	}
	dir := t.TempDir()
	code, stdout, stderr := cli(t, context.Background(), dir, "calibrate", "--method", "imis", "--out", "post", "-q")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	t.Log(stdout)
	if !strings.Contains(stdout, "**Converged:**") {
		t.Error("IMIS did not converge on the default study")
	}
	if !strings.Contains(stdout, "Every published figure lies in its predictive interval.") {
		t.Error("a target's posterior predictive interval misses its published figure")
	}
}
