package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTrialCommand: `trial FILE` writes every output, power.csv has a row
// per sample size, patients.csv carries id, arm, entry, time, status and the
// path, and the summary goes to stdout.
func TestTrialCommand(t *testing.T) {
	dir := t.TempDir()
	file := repoFile(t, "examples/trials/second-hsct-vs-none.yaml")
	code, stdout, stderr := cli(t, context.Background(), dir, "trial", file, "--trials", "20", "--example", "3",
		"--example-size", "200", "--psa", "2", "--psa-trials", "5", "--formats", "png", "-q")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "out", "second-hsct-vs-none")
	for _, f := range []string{"power.csv", "trials.csv", "patients.csv", "assurance.csv", "summary.md", "manifest.json",
		"trial.yaml", "model.yaml", "km.png", "power_curve.png"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: missing or empty (%v)", f, err)
		}
	}
	rows := readCSV(t, filepath.Join(out, "power.csv"))
	if len(rows) != 1+8 {
		t.Errorf("power.csv: %d rows, want a header and 8 designs", len(rows))
	}
	pts := readCSV(t, filepath.Join(out, "patients.csv"))
	if strings.Join(pts[0], ",") != "id,arm,entry,time,status,path" || len(pts) != 1+200 {
		t.Errorf("patients.csv: header %v, %d rows; want 200 patients", pts[0], len(pts)-1)
	}
	if !strings.HasPrefix(pts[1][5], "blin_start@0") || (pts[1][4] != "0" && pts[1][4] != "1") {
		t.Errorf("patients.csv row 1: %v", pts[1])
	}
	if !strings.Contains(stdout, "| N | power (log-rank)") || !strings.Contains(stdout, "## Assurance") {
		t.Errorf("stdout should carry the summary:\n%s", stdout)
	}
}

// TestTrialBadFileExits2AndWritesNothing: a broken trial file is a usage
// error naming the file, the line and the key; nothing is written.
func TestTrialBadFileExits2AndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(repoFile(t, "examples/trials/second-hsct-vs-none.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ from, to, want string }{
		{"dropout: 0.002", "drop_out: 0.002", "bad.yaml:20: trial.drop_out: unknown key"},
		{"endpoint: os", "endpoint: rfs", "bad.yaml:22: trial.endpoint: endpoint \"rfs\" starts at entry into"},
		{"model: after-blin-second-hsct}", "model: no-such-model}", "arm \"second_hsct\": no-such-model: no such file"},
	} {
		bad := filepath.Join(dir, "bad.yaml")
		if err := os.WriteFile(bad, []byte(strings.Replace(string(b), c.from, c.to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := cli(t, context.Background(), dir, "trial", bad, "--trials", "5", "-q")
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, exitUsage, c.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
			t.Errorf("an output folder was written for a bad trial file")
		}
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
