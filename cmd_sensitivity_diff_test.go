package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSensitivityDifference: `sensitivity BASE SCENARIO` writes the one-way
// table of the difference with paired intervals and its tornado.
func TestSensitivityDifference(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := cli(t, context.Background(), dir, "sensitivity", "after-blin-no-consolidation", "after-blin-second-hsct",
		"--outcome", "os:s36", "--patients", "2000", "--out", "d", "-q")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"sensitivity of the difference after-blin-second-hsct − after-blin-no-consolidation",
		"paired 95% intervals", "| `c_relapse_free_hsct2` |", "Difference at low (95% CI)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("sensitivity.md lacks %q:\n%s", want, stdout)
		}
	}
	for _, f := range []string{"oneway.csv", "tornado.png", "model.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, "d", f)); err != nil {
			t.Error(err)
		}
	}
	// The tornado's rows carry the titles of both models' parameters: the
	// scenario's own c_relapse_free_hsct2 ("Durable share after second
	// alloHSCT") and the study's p_cr; they were the bare names.
	svg, err := os.ReadFile(filepath.Join(dir, "d", "tornado.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">Durable share after second<", ">CR/CRh with blinatumomab<"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("tornado.svg lacks the row label %q", want)
		}
	}
}
