package report

import (
	"bytes"
	"math"
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
	res := []*sim.Result{{Scenario: "none", Horizon: 24}, {Scenario: "hsct2", Horizon: 24}}
	os := sim.PSAEndpoint{Name: "os", Kind: model.Survival, Landmarks: []sim.PSALandmark{{Time: 12}}}
	psa := func(s12a, rmsta, s12b, rmstb float64) *sim.PSA {
		return &sim.PSA{Draws: 2, Parameters: []string{"p_cr"}, Endpoints: []sim.PSAEndpoint{os},
			Samples: []sim.PSASample{
				{Values: []float64{0.4}, Endpoints: []sim.DrawFigures{{Median: 8, RMST: rmsta, Landmarks: []float64{s12a}}}},
				{Values: []float64{0.5}, Endpoints: []sim.DrawFigures{{Median: 9, RMST: rmstb, Landmarks: []float64{s12b}}}}}}
	}
	base, scen := psa(0.30, 20, 0.40, 25), psa(0.34, 22, 0.46, 24)
	rows := psaDifferenceSummaries(res, []*sim.PSA{base, scen}, followUp{})
	var b bytes.Buffer
	if err := writePSACompareCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	want := "scenario,base,draws,endpoint,kind,measure,time,median,lower,upper,share_positive,past_followup\n" +
		"hsct2,none,2,os,survival,landmark,12,0.05,0.0405,0.0595,1,FALSE\n" +
		"hsct2,none,2,os,survival,median,NA,0,0,0,0,FALSE\n" +
		"hsct2,none,2,os,survival,rmst,24,0.5,-0.925,1.925,0.5,FALSE\n"
	if b.String() != want {
		t.Errorf("psa_compare.csv:\n%s\nwant:\n%s", b.String(), want)
	}
	var md bytes.Buffer
	writePSADifferencesMarkdown(&md, rows, "month", 24)
	for _, s := range []string{"### hsct2 − none (2 draws)", "| `os` | S(12) | +5.0 (+4.1 to +5.9) | 100% |", "| `os` | RMST, months |", "restricted to τ = 24 months"} {
		if !strings.Contains(md.String(), s) {
			t.Errorf("summary.md section lacks %q:\n%s", s, md.String())
		}
	}
	if got := psaDifferenceSummaries(res[:1], []*sim.PSA{base}, followUp{}); len(got) != 0 {
		t.Errorf("one scenario: %d rows, want none", len(got))
	}
}

// TestPSACompareFollowUp: the scenarios' runs at the parameters' values
// (their at-risk fractions) set where follow-up ends. With a cohort of 10 and
// 7.5 expected at risk the base's os ends at 12 months: the 12-month landmark
// difference is estimable; τ = 18 is past it, so the RMST difference is null
// and flagged, in the CSV and in summary.md; the median band (8–9, median
// 8.5 in both) lies within it.
func TestPSACompareFollowUp(t *testing.T) {
	base, scen := testResult(), testResult()
	scen.Scenario = "hsct2"
	os := sim.PSAEndpoint{Name: "os", Kind: model.Survival, Landmarks: []sim.PSALandmark{{Time: 12}}, Median: sim.Band{Median: 8.5, Lower: 8, Upper: 9}}
	psa := &sim.PSA{Draws: 2, Parameters: []string{"p"}, Endpoints: []sim.PSAEndpoint{os},
		Samples: []sim.PSASample{
			{Values: []float64{0.4}, Endpoints: []sim.DrawFigures{{Median: 8, RMST: 10, Landmarks: []float64{0.3}}}},
			{Values: []float64{0.5}, Endpoints: []sim.DrawFigures{{Median: 9, RMST: 11, Landmarks: []float64{0.4}}}}}}
	rows := psaDifferenceSummaries([]*sim.Result{base, scen}, []*sim.PSA{psa, psa}, followUp{cohort: 10, minAtRisk: 7.5})
	var b bytes.Buffer
	if err := writePSACompareCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	want := "scenario,base,draws,endpoint,kind,measure,time,median,lower,upper,share_positive,past_followup\n" +
		"hsct2,base,2,os,survival,landmark,12,0,0,0,0,FALSE\n" +
		"hsct2,base,2,os,survival,median,NA,0,0,0,0,FALSE\n" +
		"hsct2,base,2,os,survival,rmst,18,NA,NA,NA,NA,TRUE\n"
	if b.String() != want {
		t.Errorf("psa_compare.csv:\n%s\nwant:\n%s", b.String(), want)
	}
	var md bytes.Buffer
	writePSADifferencesMarkdown(&md, rows, "month", 18)
	if s := "| `os` | RMST, months | not estimable | – |"; !strings.Contains(md.String(), s) {
		t.Errorf("summary.md section lacks %q:\n%s", s, md.String())
	}
	// The scenario's own PSA table: its landmark at 12 is within follow-up,
	// its RMST to 18 is not.
	ps := psaSummaries([]*sim.Result{base}, []*sim.PSA{psa}, followUp{cohort: 10, minAtRisk: 7.5})
	if e := ps[0].Endpoints[0]; !e.Landmarks[0].Estimable || e.RMST.Estimable || finite(float64(e.RMST.Value)) || float64(e.RMST.Tau) != 18 {
		t.Errorf("PSA summary %+v: want the landmark estimable, the RMST to 18 not", e)
	}
}

// TestPSACompareSubgroups: with --by, a scenario's subgroup is paired with
// the base's same subgroup (and one scenario's subgroups are not compared
// with its overall analysis). Draws S(12): base 0.30, 0.40; base [g=1] 0.20,
// 0.20; scenario 0.34, 0.46; scenario [g=1] 0.25, 0.27, so the medians of
// the differences are 0.05 (overall) and 0.06 (g=1; 0.20 if paired with the
// base's overall analysis).
func TestPSACompareSubgroups(t *testing.T) {
	os := sim.PSAEndpoint{Name: "os", Kind: model.Survival, Landmarks: []sim.PSALandmark{{Time: 12}}}
	psa := func(a, b float64) *sim.PSA {
		return &sim.PSA{Draws: 2, Parameters: []string{"p"}, Endpoints: []sim.PSAEndpoint{os},
			Samples: []sim.PSASample{{Values: []float64{0.4}, Endpoints: []sim.DrawFigures{{Landmarks: []float64{a}}}},
				{Values: []float64{0.5}, Endpoints: []sim.DrawFigures{{Landmarks: []float64{b}}}}}}
	}
	res := []*sim.Result{{Scenario: "a", Horizon: 24}, {Scenario: "a [g=1]", Subgroup: "g=1", Horizon: 24},
		{Scenario: "b", Horizon: 24}, {Scenario: "b [g=1]", Subgroup: "g=1", Horizon: 24}}
	rows := psaDifferenceSummaries(res, []*sim.PSA{psa(0.30, 0.40), psa(0.20, 0.20), psa(0.34, 0.46), psa(0.25, 0.27)}, followUp{})
	got := map[string]float64{}
	for _, r := range rows {
		if r.Measure == "landmark" {
			got[r.Scenario+" − "+r.Base] = float64(r.Median)
		}
	}
	want := map[string]float64{"b − a": 0.05, "b [g=1] − a [g=1]": 0.06}
	if len(got) != len(want) {
		t.Fatalf("differences %v, want %v", got, want)
	}
	for k, v := range want {
		if math.Abs(got[k]-v) > 1e-12 {
			t.Errorf("%s: median difference %v, want %v", k, got[k], v)
		}
	}
	// One scenario by subgroups: nothing to compare.
	if rows := psaDifferenceSummaries(res[:2], []*sim.PSA{psa(0.3, 0.4), psa(0.2, 0.2)}, followUp{}); len(rows) != 0 {
		t.Errorf("one scenario with subgroups: %d difference rows, want none", len(rows))
	}
}
