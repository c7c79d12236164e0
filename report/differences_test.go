package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

func testComparisons() []sim.Comparison {
	d := func(v, lo, hi float64, paired bool) sim.Difference {
		e := sim.Estimate{Value: v, Lower: lo, Upper: hi}
		return sim.Difference{Estimate: e, Paired: paired, Unpaired: e}
	}
	p := func(v, lo, hi, ulo, uhi float64) sim.Difference { // paired, with its unpaired interval
		return sim.Difference{Estimate: sim.Estimate{Value: v, Lower: lo, Upper: hi}, Paired: true,
			Unpaired: sim.Estimate{Value: v, Lower: ulo, Upper: uhi}}
	}
	return []sim.Comparison{{Base: "base", Scenario: "better", Endpoints: []sim.EndpointDifference{
		{Name: "os", Kind: model.Survival, Landmarks: []sim.LandmarkDifference{{Time: 12, Difference: p(0.031, 0.028, 0.034, 0.022, 0.04)}},
			Median: d(1.02, 0.72, 1.33, false), RMST: p(0.945, 0.918, 0.971, 0.864, 1.024)},
		{Name: "cir", Kind: model.Incidence, Landmarks: []sim.LandmarkDifference{{Time: 12, Difference: d(-0.042, -0.046, -0.039, false)}},
			Median: d(math.NaN(), math.NaN(), math.NaN(), false), RMST: d(-5.07, -5.25, -4.89, false)},
	}}}
}

// TestCompareCSV: one row per endpoint figure (landmarks, median, RMST),
// with the pairing flag, the unpaired interval, and NA for a median
// difference that does not exist.
func TestCompareCSV(t *testing.T) {
	var b bytes.Buffer
	if err := writeCompareCSV(&b, differenceSummaries(testComparisons(), nil, followUp{})); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"scenario,base,endpoint,kind,measure,time,difference,lower,upper,paired,unpaired_lower,unpaired_upper,past_followup",
		"better,base,os,survival,landmark,12,0.031,0.028,0.034,TRUE,0.022,0.04,FALSE",
		"better,base,os,survival,median,NA,1.02,0.72,1.33,FALSE,0.72,1.33,FALSE",
		"better,base,os,survival,rmst,NA,0.945,0.918,0.971,TRUE,0.864,1.024,FALSE",
		"better,base,cir,incidence,landmark,12,-0.042,-0.046,-0.039,FALSE,-0.046,-0.039,FALSE",
		"better,base,cir,incidence,median,NA,NA,NA,NA,FALSE,NA,NA,FALSE",
		"better,base,cir,incidence,rmst,NA,-5.07,-5.25,-4.89,FALSE,-5.25,-4.89,FALSE",
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		if got := strings.Join(rows[i], ","); got != w {
			t.Errorf("row %d: %s, want %s", i, got, w)
		}
	}
}

// TestDifferencesMarkdown: signed figures, percentage points for
// probabilities, and the kind of interval.
func TestDifferencesMarkdown(t *testing.T) {
	var b bytes.Buffer
	writeDifferencesMarkdown(&b, differenceSummaries(testComparisons(), nil, followUp{}), "month", 60)
	for _, want := range []string{"### better − base", "| `os` | S(12) | +3.1 (+2.8 to +3.4) | paired | +2.2 to +4.0 |",
		"| `os` | RMST, months | +0.945 (+0.918 to +0.971) | paired | +0.864 to +1.024 |", "| `cir` | F(12) | -4.2 (-4.6 to -3.9) | independent | same |",
		"| `cir` | time lost, months | -5.07 (-5.25 to -4.89) | independent | same |", "| `cir` | median, months | NA | independent | same |"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in:\n%s", want, b.String())
		}
	}
}

// TestDifferencesPastFollowUp: with a cohort of 10 and 7.5 expected at risk,
// the base's os is followed to 12 months and the scenario's to the 18-month
// horizon. The difference at the 12-month landmark is estimable; the RMST
// difference (τ = 18, past the base's follow-up) and the median difference
// (the base's median, 15, reached only past 12) are not: null, flagged, and
// "not estimable" in summary.md. cir is followed to 12 in both (7.5 of 10
// expected at risk there): its RMST to 18 is not estimable either, its
// median difference (both not reached) is NA but not past follow-up.
func TestDifferencesPastFollowUp(t *testing.T) {
	base, better := testResult(), testResult()
	better.Scenario = "better"
	better.Endpoints[0].AtRisk = []float64{1, 0.9, 0.85, 0.8}
	base.Endpoints[0].Median = est(15, 10, 17)
	better.Endpoints[0].Median = est(16, 13, inf)
	fu := followUp{cohort: 10, minAtRisk: 7.5}
	rows := differenceSummaries(testComparisons(), []*sim.Result{base, better}, fu)
	got := map[string]DifferenceSummary{}
	for _, d := range rows {
		got[d.Endpoint+" "+d.Measure] = d
	}
	for _, c := range []struct {
		key  string
		past bool
	}{{"os landmark", false}, {"os median", true}, {"os rmst", true}, {"cir landmark", false}, {"cir median", false}, {"cir rmst", true}} {
		d := got[c.key]
		if d.PastFollowUp != c.past || c.past && finite(float64(d.Value)) {
			t.Errorf("%s: past_followup %v, value %v; want past %v (and null if past)", c.key, d.PastFollowUp, d.Value, c.past)
		}
	}
	if d := got["os rmst"]; float64(d.Time) != 18 {
		t.Errorf("os rmst: time %v, want τ = 18", d.Time)
	}
	var b bytes.Buffer
	writeDifferencesMarkdown(&b, rows, "month", 18)
	for _, want := range []string{"| `os` | RMST, months | not estimable | paired | – |", "restricted to τ = 18 months (the horizon)", "| `os` | median, months | not estimable | independent | – |",
		"| `os` | S(12) | +3.1 (+2.8 to +3.4) | paired |"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in:\n%s", want, b.String())
		}
	}
	// Within follow-up, the median difference is the MOVER of the two
	// medians as the summaries show them: the scenario's upper limit never
	// reached leaves the upper bound unknown.
	base.Endpoints[0].Median = est(11, 10, 12)
	better.Endpoints[0].Median = est(12, 11.5, 14)
	fu.minAtRisk = 1
	for _, d := range differenceSummaries(testComparisons(), []*sim.Result{base, better}, fu) {
		if d.Endpoint == "os" && d.Measure == "median" {
			want := sim.MedianDifference(base.Endpoints[0].Median, better.Endpoints[0].Median)
			if d.PastFollowUp || float64(d.Value) != want.Value || float64(d.Lower) != want.Lower || float64(d.Upper) != want.Upper {
				t.Errorf("os median difference %+v, want %+v", d, want)
			}
		}
	}
}
