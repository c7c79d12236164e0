package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScenariosSharingANameDisagree: two scenarios that give p different
// uncertainty distributions are rejected, naming both files.
func TestScenariosSharingANameDisagree(t *testing.T) {
	dir := t.TempDir()
	base := `name: base
unit: month
horizon: 24
states:
  - {name: alive, initial: 1, exits: [{to: dead, dist: exponential, rate: p}]}
  - {name: dead}
parameters:
  - {name: p, value: 0.1, source: 'assumption: test', uncertainty: {dist: gamma, shape: 10, rate: 100}}
`
	scen := `extends: base.yaml
name: scen
parameters:
  - {name: p, value: 0.05, source: 'assumption: test', uncertainty: {dist: gamma, shape: 5, rate: 100}}
`
	same := "extends: base.yaml\nname: same\nparameters:\n  - {name: p, value: 0.05}\n"
	for name, text := range map[string]string{"base.yaml": base, "scen.yaml": scen, "same.yaml": same} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, s, ok := filepath.Join(dir, "base.yaml"), filepath.Join(dir, "scen.yaml"), filepath.Join(dir, "same.yaml")
	if _, err := loadScenarios(runOptions{Files: []string{b, ok}}); err != nil {
		t.Errorf("a scenario that changes a value only was rejected: %v", err)
	}
	_, err := loadScenarios(runOptions{Files: []string{b, s}})
	if err == nil {
		t.Fatal("scenarios with two distributions for p were accepted")
	}
	for _, want := range []string{"scenarios " + b + " and " + s + " give the same name different uncertainty", `parameter "p": gamma(10, 100) here, gamma(5, 100) there`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// TestDescribeDerived: describe lists each derived parameter with its
// expression, value and inputs, and the declared correlations.
func TestDescribeDerived(t *testing.T) {
	code, stdout, stderr := cli(t, context.Background(), t.TempDir(), "describe", "derived-correlated")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"p_resp     = q0 + (1 - q0) * c        0.475", "c = 0.25, q0 = 0.3", "median_relapse = 9",
		"q0          median_relapse  0.4", "derived (below)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("describe lacks %q:\n%s", want, stdout)
		}
	}
}
