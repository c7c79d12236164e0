package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// TestPSACompare: psa_compare.csv pairs draw d of a scenario with draw d of
// the base and writes the band of the differences with the share of positive
// ones; summary.md has the same as a table. Two draws: ΔS(12) = +0.04 and
// +0.06 (type-7 median 0.05, 2.5% 0.0405, 97.5% 0.0595), ΔRMST = +2 and −1.
func TestPSACompare(t *testing.T) {
	res := []*sim.Result{{Scenario: "none"}, {Scenario: "hsct2"}}
	os := sim.PSAEndpoint{Name: "os", Kind: model.Survival, Landmarks: []sim.PSALandmark{{Time: 12}}}
	psa := func(s12a, rmsta, s12b, rmstb float64) *sim.PSA {
		return &sim.PSA{Draws: 2, Parameters: []string{"p_cr"}, Endpoints: []sim.PSAEndpoint{os},
			Samples: []sim.PSASample{
				{Values: []float64{0.4}, Endpoints: []sim.DrawFigures{{Median: 8, RMST: rmsta, Landmarks: []float64{s12a}}}},
				{Values: []float64{0.5}, Endpoints: []sim.DrawFigures{{Median: 9, RMST: rmstb, Landmarks: []float64{s12b}}}}}}
	}
	base, scen := psa(0.30, 20, 0.40, 25), psa(0.34, 22, 0.46, 24)
	rows := psaDifferenceSummaries(res, []*sim.PSA{base, scen})
	var b bytes.Buffer
	if err := writePSACompareCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	want := "scenario,base,draws,endpoint,kind,measure,time,median,lower,upper,share_positive\n" +
		"hsct2,none,2,os,survival,landmark,12,0.05,0.0405,0.0595,1\n" +
		"hsct2,none,2,os,survival,median,NA,0,0,0,0\n" +
		"hsct2,none,2,os,survival,rmst,NA,0.5,-0.925,1.925,0.5\n"
	if b.String() != want {
		t.Errorf("psa_compare.csv:\n%s\nwant:\n%s", b.String(), want)
	}
	var md bytes.Buffer
	writePSADifferencesMarkdown(&md, rows, "month")
	for _, s := range []string{"### hsct2 − none (2 draws)", "| `os` | S(12) | +5.0 (+4.1 to +5.9) | 100% |", "| `os` | RMST, months |"} {
		if !strings.Contains(md.String(), s) {
			t.Errorf("summary.md section lacks %q:\n%s", s, md.String())
		}
	}
	if got := psaDifferenceSummaries(res[:1], []*sim.PSA{base}); len(got) != 0 {
		t.Errorf("one scenario: %d rows, want none", len(got))
	}
}
