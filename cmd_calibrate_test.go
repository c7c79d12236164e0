package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/config"
)

// oneHazard is a one-hazard model whose target (OS at 12 months 0.30 of
// 200) asks for a rate near −log(0.3)/12 = 0.100; the file starts at 0.05.
const oneHazard = `name: one
unit: month
horizon: 24
states:
  - name: alive
    initial: 1
    exits:
      - {to: dead, dist: exponential, rate: h}
  - name: dead
parameters:
  - {name: h, value: 0.05, source: 'assumption: a start'}
targets:
  - {name: os_12, measure: survival, endpoint: os, time: 12, value: 0.3, n: 200, source: 'a study'}
calibrate:
  parameters:
    - {name: h, lower: 0.001, upper: 1}
`

func writeModel(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckExitCodes: every shipped study with targets passes its own check
// at the default patients and seed (exit 0); a model that misses its target
// exits 1 with "check failed"; a bad file exits 2; an interrupted check 130.
func TestCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	var withTargets []string
	for _, s := range listShipped() {
		m, err := loadModel(s.Name, config.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Targets) > 0 {
			withTargets = append(withTargets, s.Name)
		}
	}
	if len(withTargets) < 4 {
		t.Fatalf("shipped studies with targets: %v", withTargets)
	}
	code, stdout, stderr := cli(t, context.Background(), dir, append([]string{"check", "-q"}, withTargets...)...)
	if code != exitOK || !strings.Contains(stderr, "check passed") || strings.Contains(stdout, "| no |") {
		t.Errorf("shipped studies: exit %d\n%s\n%s", code, stdout, stderr)
	}
	writeModel(t, dir, "one.yaml", oneHazard)
	code, stdout, stderr = cli(t, context.Background(), dir, "check", "one.yaml", "--patients", "5000", "-q")
	if code != exitFailure || !strings.Contains(stderr, "blinasim: check failed: 1 of 1 targets outside") ||
		!strings.Contains(stdout, "| no |") || !strings.Contains(stdout, "1 of 1 targets outside the study's 95% interval: os_12.") {
		t.Errorf("a missed target: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, _, _ = cli(t, context.Background(), dir, "check", "one.yaml", "--set", "parameters.h.value=0.1", "--patients", "5000", "-q")
	if code != exitOK {
		t.Errorf("the target met: exit %d", code)
	}
	writeModel(t, dir, "bad.yaml", strings.Replace(oneHazard, "rate: h", "rat: h", 1))
	if code, _, stderr := cli(t, context.Background(), dir, "check", "bad.yaml"); code != exitUsage || !strings.Contains(stderr, "bad.yaml:8") {
		t.Errorf("a bad file: exit %d: %s", code, stderr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if code, _, _ := cli(t, ctx, dir, "check", "one.yaml", "-q"); code != exitInterrupted {
		t.Errorf("interrupted: exit %d", code)
	}
}

// TestRunWritesCheckCSV: a run of a model with targets writes check.csv with
// an inside column.
func TestRunWritesCheckCSV(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := cli(t, context.Background(), dir, "run", "--patients", "3000", "--out", "r", "-q"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "r", "check.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "scenario,target,measure,of,time,n,published,published_lower,published_upper,interval,simulated,lower,upper,inside,borderline\n") ||
		!strings.Contains(string(b), "stein2019-adult-post-allohsct,os_12mo,survival,os,12,64,0.36,0.24319,0.489037,exact,") {
		t.Errorf("check.csv:\n%s", b)
	}
}

// TestCalibrateCommand: calibrate fits the hazard, writes the calibrated
// model (which loads, with its source saying what it was calibrated to) and
// the fit report, and prints fit.md; the calibrated model then passes check.
// A model without a calibrate section is a usage error; an interrupted
// calibration writes nothing.
func TestCalibrateCommand(t *testing.T) {
	dir := t.TempDir()
	writeModel(t, dir, "one.yaml", oneHazard)
	code, stdout, stderr := cli(t, context.Background(), dir, "calibrate", "one.yaml", "--patients", "4000", "--starts", "4", "--max-evals", "60", "--out", "c", "-q")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"model.yaml", "fit.md", "fit.csv", "fit_targets.csv"} {
		if st, err := os.Stat(filepath.Join(dir, "c", f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: missing or empty (%v)", f, err)
		}
	}
	if !strings.Contains(stdout, "# Calibration: one") || !strings.Contains(stdout, "**Identified.**") || !strings.Contains(stderr, "wrote c") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	m, err := config.LoadFile(filepath.Join(dir, "c", "model.yaml"), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := m.Parameters[0]
	if p.Value < 0.09 || p.Value > 0.11 || p.Source != "calibrated to os_12 (one.yaml), was 0.05 (assumption: a start)" {
		t.Errorf("calibrated parameter %+v", p)
	}
	if code, _, stderr := cli(t, context.Background(), dir, "check", filepath.Join("c", "model.yaml"), "--patients", "20000", "-q"); code != exitOK {
		t.Errorf("the calibrated model fails its check: %s", stderr)
	}
	writeModel(t, dir, "plain.yaml", oneHazard[:strings.Index(oneHazard, "calibrate:")])
	if code, _, stderr := cli(t, context.Background(), dir, "calibrate", "plain.yaml", "--out", "p"); code != exitUsage || !strings.Contains(stderr, "no calibrate section") {
		t.Errorf("no calibrate section: exit %d: %s", code, stderr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if code, _, _ := cli(t, ctx, dir, "calibrate", "one.yaml", "--out", "i", "-q"); code != exitInterrupted {
		t.Errorf("interrupted: exit %d", code)
	}
	for _, d := range []string{"p", "i"} {
		if _, err := os.Stat(filepath.Join(dir, d)); !os.IsNotExist(err) {
			t.Errorf("%s was written", d)
		}
	}
}
