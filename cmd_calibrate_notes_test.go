package main

import (
	"context"
	"strings"
	"testing"
)

// TestCalibrateNotes: one start never says "Identified"; a start stopped by
// the evaluation limit is named in fit.md.
func TestCalibrateNotes(t *testing.T) {
	dir := t.TempDir()
	writeModel(t, dir, "one.yaml", oneHazard)
	code, stdout, stderr := cli(t, context.Background(), dir, "calibrate", "one.yaml", "--patients", "2000", "--starts", "1", "--max-evals", "5", "--out", "c", "-q")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stdout, "**Identified.**") || !strings.Contains(stdout, "**Identification not checked:** only one start reached the best fit") {
		t.Errorf("one start: fit.md says\n%s", stdout)
	}
	if !strings.Contains(stdout, "**Evaluation limit:** start 1 including the best stopped at the limit of 5 evaluations before converging") {
		t.Errorf("a start at the evaluation limit is not reported:\n%s", stdout)
	}
}
