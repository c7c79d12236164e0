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
		return sim.Difference{Estimate: sim.Estimate{Value: v, Lower: lo, Upper: hi}, Paired: paired}
	}
	return []sim.Comparison{{Base: "base", Scenario: "better", Endpoints: []sim.EndpointDifference{
		{Name: "os", Kind: model.Survival, Landmarks: []sim.LandmarkDifference{{Time: 12, Difference: d(0.031, 0.028, 0.034, true)}},
			Median: d(1.02, 0.72, 1.33, false), RMST: d(0.945, 0.918, 0.971, true)},
		{Name: "cir", Kind: model.Incidence, Landmarks: []sim.LandmarkDifference{{Time: 12, Difference: d(-0.042, -0.046, -0.039, false)}},
			Median: d(math.NaN(), math.NaN(), math.NaN(), false), RMST: d(-5.07, -5.25, -4.89, false)},
	}}}
}

// TestDifferencesCSV: one row per endpoint figure (landmarks, median, RMST),
// with the pairing flag and NA for a median difference that does not exist.
func TestDifferencesCSV(t *testing.T) {
	var b bytes.Buffer
	if err := writeDifferencesCSV(&b, testComparisons()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"scenario,base,endpoint,kind,measure,time,difference,lower,upper,paired",
		"better,base,os,survival,landmark,12,0.031,0.028,0.034,true",
		"better,base,os,survival,median,NA,1.02,0.72,1.33,false",
		"better,base,os,survival,rmst,NA,0.945,0.918,0.971,true",
		"better,base,cir,incidence,landmark,12,-0.042,-0.046,-0.039,false",
		"better,base,cir,incidence,median,NA,NA,NA,NA,false",
		"better,base,cir,incidence,rmst,NA,-5.07,-5.25,-4.89,false",
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
	for _, want := range []string{"### better − base", "| `os` | S(12) | +3.1 (+2.8 to +3.4) | paired |",
		"| `os` | RMST, months | +0.945 (+0.918 to +0.971) | paired |", "| `cir` | F(12) | -4.2 (-4.6 to -3.9) | independent |",
		"| `cir` | time lost, months | -5.07 (-5.25 to -4.89) | independent |", "| `cir` | median, months | NA | independent |"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in:\n%s", want, b.String())
		}
	}
}
