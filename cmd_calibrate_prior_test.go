package main

import (
	"context"
	"strings"
	"testing"
)

// priorModel: the responders of responderModel, with p's uncertainty
// re-centred on a fit to the same target, and a second free parameter, the
// time to response d, with no uncertainty declared.
const priorModel = `name: resp
unit: month
horizon: 12
states:
  - name: start
    initial: 1
    exits:
      - {name: b, dist: fixed, duration: d, branch: [{to: resp, prob: p}, {to: non, prob: rest}]}
  - {name: resp}
  - {name: non}
parameters:
  - name: p
    value: 0.3
    source: 'calibrated to resp (resp.yaml), was 0.5 (assumption: a start); uncertainty re-centred on the fitted value: Beta(15, 35)'
    uncertainty: {dist: beta, a: 15, b: 35}
  - {name: d, value: 1, source: 'assumption: a month'}
targets:
  - {name: resp, measure: share_entering, state: resp, value: 0.3, n: 50, source: 'assumption: test'}
calibrate:
  parameters:
    - {name: p, lower: 0, upper: 1}
    - {name: d, lower: 0.5, upper: 2}
`

// TestCalibrateIMISPriorUncertainty: --prior uncertainty (or the file's
// prior: uncertainty) takes p's Beta as its prior, keeps the log-uniform on
// d's bounds and says why, and warns that p's uncertainty was fitted to the
// same target; --prior bounds does neither (the default's output is checked
// by TestCalibrateIMISFeedsPSA and fit's tests).
func TestCalibrateIMISPriorUncertainty(t *testing.T) {
	dir := t.TempDir()
	writeModel(t, dir, "resp.yaml", priorModel)
	writeModel(t, dir, "resp-prior.yaml", strings.Replace(priorModel, "calibrate:\n", "calibrate:\n  prior: uncertainty\n", 1))
	run := func(args ...string) string {
		t.Helper()
		args = append([]string{"calibrate"}, append(args, "--method", "imis", "--patients", "100", "--resample", "100", "--force", "--out", "post", "-q")...)
		code, stdout, stderr := cli(t, context.Background(), dir, args...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		return stdout
	}
	for _, args := range [][]string{{"resp.yaml", "--prior", "uncertainty"}, {"resp-prior.yaml"}} {
		out := run(args...)
		for _, want := range []string{
			"| `p` | beta(a 15, b 35) on 0 to 1 (prior mass within: 1) |",
			"| `d` | log-uniform 0.5 to 2 (no uncertainty declared) |",
			"**Double counting:** calibrated before to targets of this calibration, by their sources: `p` (to resp).",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: posterior.md lacks %q:\n%s", args, want, out)
			}
		}
	}
	for _, args := range [][]string{{"resp-prior.yaml", "--prior", "bounds"}} {
		out := run(args...)
		if !strings.Contains(out, "| `p` | uniform 0 to 1 |") || strings.Contains(out, "Double counting") {
			t.Errorf("%v: want the uniform prior and no warning:\n%s", args, out)
		}
	}
	for _, args := range [][]string{
		{"calibrate", "resp.yaml", "--method", "imis", "--prior", "flat"},
		{"calibrate", "resp.yaml", "--prior", "uncertainty"},
	} {
		if code, _, stderr := cli(t, context.Background(), dir, args...); code != exitUsage || !strings.Contains(stderr, "--prior") {
			t.Errorf("%v: exit %d, want %d naming --prior: %s", args, code, exitUsage, stderr)
		}
	}
}
