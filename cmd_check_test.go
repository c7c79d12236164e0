package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckBorderline: S(12) = e^(−1.2) = 0.3012 exactly; with 10,000
// patients its Monte Carlo 95% interval (±0.009) contains the study's lower
// bound 0.30, so the verdict is borderline and the exit code 3; with the
// bound at 0.25 it is inside (exit 0); at 0.35, outside (exit 1).
func TestCheckBorderline(t *testing.T) {
	dir := t.TempDir()
	const m = `name: b
unit: month
horizon: 24
states:
  - {name: alive, initial: 1, exits: [{to: dead, dist: exponential, rate: 0.1}]}
  - {name: dead}
targets:
  - {name: s12, measure: survival, endpoint: os, time: 12, value: 0.4, lower: LOW, upper: 0.5, source: 'assumption: test'}
`
	for _, c := range []struct {
		low  string
		code int
		want string
	}{{"0.30", 3, "borderline: run more patients"}, {"0.25", 0, "All 1 targets inside"}, {"0.35", 1, "1 of 1 targets outside"}} {
		f := filepath.Join(dir, "b"+c.low+".yaml")
		if err := os.WriteFile(f, []byte(strings.Replace(m, "LOW", c.low, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errb := cli(t, context.Background(), dir, "check", f, "--patients", "10000", "-q")
		if code != c.code || !strings.Contains(out, c.want) {
			t.Errorf("lower bound %s: exit %d, want %d; output lacks %q:\n%s%s", c.low, code, c.code, c.want, out, errb)
		}
	}
}
