package report

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/sim"
)

// TestCSVGolden pins the three CSV files of the test result.
func TestCSVGolden(t *testing.T) {
	results := []*sim.Result{testResult()}
	for _, tc := range []struct {
		name  string
		write func(io.Writer, []*sim.Result) error
	}{
		{"survival.csv", withFollowUp(writeSurvivalCSV)},
		{"incidence.csv", withFollowUp(writeIncidenceCSV)},
		{"occupancy.csv", writeOccupancyCSV},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf, results); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, buf.Bytes())
		})
	}
}

// withFollowUp gives a curves CSV writer the default follow-up rule.
func withFollowUp(write func(io.Writer, []*sim.Result, followUp) error) func(io.Writer, []*sim.Result) error {
	return func(w io.Writer, results []*sim.Result) error {
		return write(w, results, newFollowUp(Figures{}, results))
	}
}

// TestCSVShape reads the files back as R would: a header, one row per
// scenario, curve and time, 6 fields each, NA where a figure does not exist.
func TestCSVShape(t *testing.T) {
	two := testResult()
	two.Scenario = `blina, then "HSCT"` // needs RFC 4180 quoting
	results := []*sim.Result{testResult(), two}
	for _, tc := range []struct {
		name   string
		write  func(io.Writer, []*sim.Result) error
		header string
		rows   int  // data rows: 2 scenarios × curves × 4 times
		wantNA bool // the incidence's bounds at time 0 are NaN
	}{
		{"survival", withFollowUp(writeSurvivalCSV), "scenario,endpoint,time,survival,lower,upper,past_followup", 2 * 1 * 4, false},
		{"incidence", withFollowUp(writeIncidenceCSV), "scenario,endpoint,time,incidence,lower,upper,past_followup", 2 * 1 * 4, true},
		{"occupancy", writeOccupancyCSV, "scenario,state,time,probability,lower,upper", 2 * 3 * 4, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf, results); err != nil {
				t.Fatal(err)
			}
			if got, _, _ := strings.Cut(buf.String(), "\n"); got != tc.header {
				t.Errorf("header %q, want %q", got, tc.header)
			}
			recs, err := csv.NewReader(&buf).ReadAll() // also checks every row has 6 fields
			if err != nil {
				t.Fatal(err)
			}
			if len(recs)-1 != tc.rows {
				t.Errorf("%d data rows, want %d", len(recs)-1, tc.rows)
			}
			if last := recs[len(recs)-1]; last[0] != two.Scenario {
				t.Errorf("last row's scenario %q, want %q", last[0], two.Scenario)
			}
			na := 0
			for _, r := range recs[1:] {
				for _, f := range r[2:] {
					if f == "NA" {
						na++
					}
				}
			}
			if (na > 0) != tc.wantNA {
				t.Errorf("%d NA fields; want some: %v", na, tc.wantNA)
			}
		})
	}
}

// TestCSVGridMismatch: a curve that does not fit the grid is an error, not a
// short file.
func TestCSVGridMismatch(t *testing.T) {
	r := testResult()
	r.States[1].Occupancy = r.States[1].Occupancy[:3]
	if err := writeOccupancyCSV(io.Discard, []*sim.Result{r}); err == nil {
		t.Error("no error for 3 occupancy values on a grid of 4")
	}
}
