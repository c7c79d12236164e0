package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// cli runs the command line in a temporary working folder and returns the
// exit code and outputs.
func cli(t *testing.T, ctx context.Context, dir string, args ...string) (int, string, string) {
	t.Helper()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(old)
	var out, errb bytes.Buffer
	code := execute(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

func repoFile(t *testing.T, rel string) string {
	t.Helper()
	p, err := filepath.Abs(rel)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRunDefaultStudy: `run` with no file simulates the embedded default study
// into out/<name>/ with every output file, and prints the summary on stdout.
func TestRunDefaultStudy(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := cli(t, context.Background(), dir, "run", "--patients", "3000", "-q")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "out", "stein2019-adult-post-allohsct")
	for _, f := range []string{"survival.csv", "occupancy.csv", "summary.json", "summary.md", "model.yaml", "manifest.json"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: missing or empty (%v)", f, err)
		}
	}
	if !strings.Contains(stdout, "os") || !strings.Contains(stderr, "wrote") {
		t.Errorf("stdout should carry the summary, stderr the diagnostics:\n%s\n%s", stdout, stderr)
	}
	// A second run never overwrites the first.
	if code, _, stderr := cli(t, context.Background(), dir, "run", "--patients", "3000", "-q"); code != exitOK {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out + "-2"); err != nil {
		t.Errorf("second run should write %s-2: %v", out, err)
	}
}

// TestBadModelFileExits2AndWritesNothing: a misspelled key is an error naming
// file, line and key; exit 2; no output folder appears.
func TestBadModelFileExits2AndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	src := "name: bad\nunit: month\nhorizon: 60\nstates:\n  - name: alive\n    initial: 1\n    exits:\n      - {to: dead, dist: exponential, rat: 0.1}\n  - name: dead\n"
	if err := os.WriteFile(bad, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cli(t, context.Background(), dir, "run", "bad.yaml", "--patients", "100")
	if code != exitUsage {
		t.Fatalf("exit %d, want %d: %s", code, exitUsage, stderr)
	}
	for _, want := range []string{"bad.yaml", ":8", "rat"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("error should mention %q: %s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Errorf("an out folder was created for a rejected file")
	}
}

// TestUsageErrorsExit2: bad flags and unknown commands exit 2.
func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{{"run", "--patients", "0"}, {"run", "--nope"}, {"frobnicate"}, {"validate"}, {"run", "no-such-model"}} {
		if code, _, stderr := cli(t, context.Background(), t.TempDir(), args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUsage, stderr)
		}
	}
}

// TestInterruptLeavesNoOutput: a cancelled run exits 130 and leaves neither an
// output folder nor a temporary one.
func TestInterruptLeavesNoOutput(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _, stderr := cli(t, ctx, dir, "run", "--patients", "1000000", "-q")
	if code != exitInterrupted || !strings.Contains(stderr, "interrupted; nothing was written") {
		t.Fatalf("exit %d, want %d; stderr %q", code, exitInterrupted, stderr)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "out"))
	if len(entries) != 0 {
		t.Errorf("interrupted run left %v", entries)
	}
}

// TestOutputsIdenticalForAnyWorkers: the data files and figures are
// byte-identical for 1 and 3 workers (the manifest differs only in workers and
// timing).
func TestOutputsIdenticalForAnyWorkers(t *testing.T) {
	dir := t.TempDir()
	ref := repoFile(t, "examples/reference-5state.yaml")
	for _, w := range []string{"1", "3"} {
		if code, _, stderr := cli(t, context.Background(), dir, "run", ref, "--patients", "20000", "--seed", "9", "--workers", w, "--out", "w"+w, "-q"); code != 0 {
			t.Fatalf("workers %s: exit %d: %s", w, code, stderr)
		}
	}
	for _, f := range []string{"survival.csv", "incidence.csv", "occupancy.csv", "summary.json", "summary.md", "model.yaml",
		"survival.png", "survival.svg", "incidence.png", "occupancy.svg"} {
		a, err1 := os.ReadFile(filepath.Join(dir, "w1", f))
		b, err2 := os.ReadFile(filepath.Join(dir, "w3", f))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", f, err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 3 workers", f)
		}
	}
}

// TestReferenceSummaryGolden pins the summary of the reference example at a
// fixed seed (go test . -update rewrites testdata/reference-summary.md).
func TestReferenceSummaryGolden(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := cli(t, context.Background(), dir, "run", repoFile(t, "examples/reference-5state.yaml"),
		"--patients", "10000", "--seed", "1", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden := filepath.Join("testdata", "reference-summary.md")
	if *update {
		if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test . -update)", err)
	}
	if stdout != string(want) {
		t.Errorf("summary differs from %s (go test . -update to accept):\n%s", golden, stdout)
	}
}

// TestListValidateDescribe: every shipped model is listed, validates, and
// describes with its parameters' sources.
func TestListValidateDescribe(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := cli(t, context.Background(), dir, "list")
	if code != 0 {
		t.Fatalf("list: exit %d: %s", code, stderr)
	}
	for _, s := range listShipped() {
		if !strings.Contains(stdout, s.Name) {
			t.Errorf("list misses %s", s.Name)
		}
		if strings.Contains(stdout, "does not load") {
			t.Errorf("list: a shipped model does not load:\n%s", stdout)
		}
		if code, _, stderr := cli(t, context.Background(), dir, "validate", s.Name); code != 0 {
			t.Errorf("validate %s: exit %d: %s", s.Name, code, stderr)
		}
	}
	code, stdout, _ = cli(t, context.Background(), dir, "describe")
	if code != 0 || !strings.Contains(stdout, "001_60d2d26cd833c971.txt") {
		t.Errorf("describe of the default study should show seed sources (exit %d):\n%s", code, stdout)
	}
}

// TestCompareWritesDifferences: `compare BASE SCENARIO` runs both on the same
// patients; compare.csv holds scenario − base, paired for OS, with the
// unpaired interval beside it; each endpoint has its figure; `run` with the
// same two files writes the same compare.csv; compare needs a scenario.
func TestCompareWritesDifferences(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(repoFile(t, "examples/reference-5state.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	scenario := "extends: base.yaml\nname: better-hsct\nstates:\n  - name: second_hsct\n    exits:\n      - {to: relapse, hr: 0.5}\n"
	if err := os.WriteFile(filepath.Join(dir, "base.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "better.yaml"), []byte(scenario), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cli(t, context.Background(), dir, "compare", "base.yaml", "better.yaml", "--patients", "20000", "--out", "cmp", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "cmp", "compare.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "scenario,base,endpoint,kind,measure,time,difference,lower,upper,paired,unpaired_lower,unpaired_upper,past_followup\n") ||
		!strings.Contains(string(b), "better-hsct,reference-5state,os,survival,landmark,12,") ||
		!strings.Contains(string(b), ",TRUE,") || !strings.Contains(stdout, "## Differences from the base scenario") ||
		// rfs starts at remission: no patient is followed to 60 months since it,
		// so its RMST to τ = 60 is not estimable; OS's is.
		!strings.Contains(string(b), ",rfs,survival,rmst,60,NA,NA,NA,FALSE,NA,NA,TRUE\n") ||
		!regexp.MustCompile(`,os,survival,rmst,60,[0-9.]+,[0-9.]+,[0-9.]+,TRUE,[-0-9.]+,[0-9.]+,FALSE\n`).Match(b) {
		t.Errorf("differences missing:\n%s\n%s", b, stdout)
	}
	// One figure per endpoint, the scenarios overlaid.
	for _, f := range []string{"survival.png", "survival_efs.svg", "survival_rfs.png", "incidence.svg"} {
		if _, err := os.Stat(filepath.Join(dir, "cmp", f)); err != nil {
			t.Error(err)
		}
	}
	if code, _, stderr := cli(t, context.Background(), dir, "run", "base.yaml", "better.yaml", "--patients", "20000", "--out", "run", "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if r, err := os.ReadFile(filepath.Join(dir, "run", "compare.csv")); err != nil || !bytes.Equal(r, b) {
		t.Errorf("run wrote a different compare.csv (%v):\n%s", err, r)
	}
	if code, _, _ := cli(t, context.Background(), dir, "compare", "base.yaml"); code != exitUsage {
		t.Errorf("compare with no scenario: exit %d, want %d", code, exitUsage)
	}
}

// TestCompareIdenticalScenarioIsZero: a scenario that changes nothing differs
// from its base by exactly 0 in every paired figure, and its paired interval
// is exactly 0 wide.
func TestCompareIdenticalScenarioIsZero(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(repoFile(t, "examples/reference-5state.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "base.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "same.yaml"), []byte("extends: base.yaml\nname: same\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cli(t, context.Background(), dir, "compare", "base.yaml", "same.yaml", "--patients", "5000", "--out", "z", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(filepath.Join(dir, "z", "compare.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	paired := 0
	for _, r := range rows[1:] { // difference, lower, upper, paired
		if r[9] == "TRUE" {
			paired++
			if r[6] != "0" || r[7] != "0" || r[8] != "0" {
				t.Errorf("%v: want a difference of exactly 0 with interval [0, 0]", r)
			}
		} else if r[6] != "0" && r[6] != "NA" {
			t.Errorf("%v: want a difference of exactly 0", r)
		}
	}
	if paired == 0 {
		t.Error("no paired figure")
	}
}

// TestPSARun: --psa writes psa.csv (one row per draw, identical for any
// workers), psa_bands.csv (bands across draws) and its figure, and the
// summary's parameter-uncertainty section; --psa 1 is a usage error.
func TestPSARun(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := cli(t, context.Background(), dir, "run", "--psa", "20", "--patients", "2000", "--out", "p", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "p", "psa.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "scenario,draw,p_cr,p_cmr_given_cr,hr_mrd_incomplete,c_durable,h_relapse,h_nrm,h_death_refractory,h_death_relapse,os_median,os_rmst,os_at_6,os_at_12,") ||
		strings.Count(string(b), "\nstein2019-adult-post-allohsct,") != 20 || !strings.Contains(stdout, "## Parameter uncertainty") {
		t.Errorf("psa.csv should have one row per draw:\n%.600s", b)
	}
	bands, err := os.ReadFile(filepath.Join(dir, "p", "psa_bands.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(bands), "scenario,endpoint,kind,measure,time,median,lower,upper,past_followup\n") ||
		!strings.Contains(string(bands), ",os,survival,landmark,12,") {
		t.Errorf("psa_bands.csv:\n%.400s", bands)
	}
	// The same draws, byte for byte, on one worker.
	if code, _, stderr := cli(t, context.Background(), dir, "run", "--psa", "20", "--patients", "2000", "--workers", "1", "--out", "p1", "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"psa.csv", "psa_bands.csv"} {
		a, _ := os.ReadFile(filepath.Join(dir, "p", f))
		b, err := os.ReadFile(filepath.Join(dir, "p1", f))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between all workers and one worker (%v)", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "p", "psa_survival.png")); err != nil {
		t.Error(err)
	}
	if code, _, _ := cli(t, context.Background(), dir, "run", "--psa", "1", "--patients", "100"); code != exitUsage {
		t.Errorf("--psa 1: exit %d, want %d", code, exitUsage)
	}
}
