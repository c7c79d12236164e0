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
	if err := writeCompareCSV(&b, testComparisons()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"scenario,base,endpoint,kind,measure,time,difference,lower,upper,paired,unpaired_lower,unpaired_upper",
		"better,base,os,survival,landmark,12,0.031,0.028,0.034,TRUE,0.022,0.04",
		"better,base,os,survival,median,NA,1.02,0.72,1.33,FALSE,0.72,1.33",
		"better,base,os,survival,rmst,NA,0.945,0.918,0.971,TRUE,0.864,1.024",
		"better,base,cir,incidence,landmark,12,-0.042,-0.046,-0.039,FALSE,-0.046,-0.039",
		"better,base,cir,incidence,median,NA,NA,NA,NA,FALSE,NA,NA",
		"better,base,cir,incidence,rmst,NA,-5.07,-5.25,-4.89,FALSE,-5.25,-4.89",
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
	writeDifferencesMarkdown(&b, differenceSummaries(testComparisons()), "month")
	for _, want := range []string{"### better − base", "| `os` | S(12) | +3.1 (+2.8 to +3.4) | paired | +2.2 to +4.0 |",
		"| `os` | RMST, months | +0.945 (+0.918 to +0.971) | paired | +0.864 to +1.024 |", "| `cir` | F(12) | -4.2 (-4.6 to -3.9) | independent | same |",
		"| `cir` | time lost, months | -5.07 (-5.25 to -4.89) | independent | same |", "| `cir` | median, months | NA | independent | same |"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in:\n%s", want, b.String())
		}
	}
}
