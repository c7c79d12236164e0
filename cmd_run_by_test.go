package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunByWithPSA: run --by --psa writes the PSA's rows, bands and
// differences for everyone and for each subgroup, labelled as the subgroups'
// results are, and the same bytes for 1 and 3 workers.
func TestRunByWithPSA(t *testing.T) {
	dir := t.TempDir()
	args := []string{"compare", repoFile(t, "examples/sequencing-hsct.yaml"), repoFile(t, "examples/sequencing-cart.yaml"),
		"--by", "prior_allo", "--psa", "4", "--patients", "1000", "--formats", "svg", "-q"}
	for _, w := range []string{"1", "3"} {
		if code, _, stderr := cli(t, context.Background(), dir, append(args, "--workers", w, "--out", "w"+w)...); code != exitOK {
			t.Fatalf("%s workers: exit %d: %s", w, code, stderr)
		}
	}
	sameOutputs(t, filepath.Join(dir, "w1"), filepath.Join(dir, "w3"))
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, "w1", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, c := range []struct{ file, want string }{
		{"psa.csv", "\nsequencing-cart [prior_allo=true],4,"},
		{"psa_long.csv", "\nsequencing-hsct [prior_allo=false],1,"},
		{"psa_bands.csv", "\nsequencing-hsct [prior_allo=true],"},
		{"psa_compare.csv", "\nsequencing-cart [prior_allo=true],sequencing-hsct [prior_allo=true],4,"},
		{"summary.md", "## Parameter uncertainty, subgroup: CAR-T (prior transplant in 35%): Prior alloHSCT: yes (`prior_allo=true`) (4 draws)"},
		{"summary.md", "### sequencing-cart [prior_allo=false] − sequencing-hsct [prior_allo=false] (4 draws)"},
		{"summary.json", `"subgroup": "prior_allo=false"`},
		{"psa_survival.svg", "Prior alloHSCT: yes"},
	} {
		if !strings.Contains(read(c.file), c.want) {
			t.Errorf("%s lacks %q", c.file, c.want)
		}
	}
	if strings.Contains(read("psa_compare.csv"), "[prior_allo=true],sequencing-hsct,") {
		t.Error("psa_compare.csv compares a subgroup with the base's whole population")
	}
}
