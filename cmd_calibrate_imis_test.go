package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// responderModel: with probability p a patient responds; 15 of 50 did.
const responderModel = `name: resp
unit: month
horizon: 12
states:
  - name: start
    initial: 1
    exits:
      - {name: b, dist: fixed, duration: 1, branch: [{to: resp, prob: p}, {to: non, prob: rest}]}
  - {name: resp}
  - {name: non}
parameters:
  - {name: p, value: 0.5, source: 'assumption: a start'}
targets:
  - {name: resp, measure: share_entering, state: resp, value: 0.3, n: 50, source: 'assumption: test'}
calibrate:
  parameters:
    - {name: p, lower: 0, upper: 1}
`

// TestCalibrateIMISFeedsPSA: calibrate --method imis writes a parameter file
// whose PSA draws are rows of the posterior sample.
func TestCalibrateIMISFeedsPSA(t *testing.T) {
	dir := t.TempDir()
	writeModel(t, dir, "resp.yaml", responderModel)
	code, stdout, stderr := cli(t, context.Background(), dir, "calibrate", "resp.yaml", "--method", "imis", "--patients", "1000", "--resample", "200", "--out", "post", "-q")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "# Bayesian calibration: resp") || !strings.Contains(stdout, "| `resp` | 0.3 |") {
		t.Errorf("posterior.md:\n%s", stdout)
	}
	sample := map[string]bool{}
	for _, rec := range readCSV(t, filepath.Join(dir, "post", "posterior.csv"))[1:] {
		sample[rec[1]] = true
	}
	if code, _, stderr := cli(t, context.Background(), dir, "run", filepath.Join("post", "model.yaml"), "--psa", "20", "--patients", "500", "--out", "r", "-q"); code != exitOK {
		t.Fatalf("run --psa on the posterior: exit %d: %s", code, stderr)
	}
	psa := readCSV(t, filepath.Join(dir, "r", "psa.csv"))
	col := -1
	for j, h := range psa[0] {
		if h == "p" {
			col = j
		}
	}
	if col < 0 {
		t.Fatalf("psa.csv has no column p: %v", psa[0])
	}
	for _, rec := range psa[1:] {
		if !sample[rec[col]] {
			t.Errorf("PSA draw %s: p = %s is not a row of the posterior sample", rec[1], rec[col])
		}
	}
}
