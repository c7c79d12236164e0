package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/sim"
)

// parseCSV parses CSV text, failing the test on an error.
func parseCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestFollowUpEnd: with a cohort of 10, os (N = 1000 of 1000, at-risk
// fraction 0.7 at 18) is followed to the horizon; with a threshold of 7.5
// expected patients it ends at 12 (10 × 0.8 = 8 ≥ 7.5 > 7), and the summary
// writes its landmark at 12 as estimable, the CSV marks time 18 as past it.
func TestFollowUpEnd(t *testing.T) {
	r := testResult()
	fu := followUp{cohort: 10, minAtRisk: 1}
	if end := fu.end(r, &r.Endpoints[0]); end != 18 {
		t.Errorf("end %g, want 18", end)
	}
	fu.minAtRisk = 7.5
	if end := fu.end(r, &r.Endpoints[0]); end != 12 {
		t.Errorf("end %g, want 12", end)
	}
	fu.minAtRisk = 8.5 // only time 6 (9 expected) and 0
	s := scenarioSummary(r, fu)
	if l := s.Endpoints[0].Landmarks[0]; l.Estimable || finite(float64(l.Value)) {
		t.Errorf("landmark at 12 past follow-up (ends at 6): %+v, want not estimable", l)
	}
	var b bytes.Buffer
	if err := writeSurvivalCSV(&b, []*sim.Result{r}, fu); err != nil {
		t.Fatal(err)
	}
	recs := parseCSV(t, b.Bytes())
	var got []string
	for _, rec := range recs[1:] {
		got = append(got, rec[2]+":"+rec[6])
	}
	if want := "0:FALSE 6:FALSE 12:TRUE 18:TRUE"; strings.Join(got, " ") != want {
		t.Errorf("time:past_followup %v, want %s", got, want)
	}
}

// TestEstimatesCSV: every median, landmark and RMST of every endpoint, and
// every state's share and mean time, one row each, as summary.json has them.
func TestEstimatesCSV(t *testing.T) {
	r := testResult()
	var b bytes.Buffer
	if err := writeEstimatesCSV(&b, newSummary("toy", []*sim.Result{r}, nil, nil, followUp{})); err != nil {
		t.Fatal(err)
	}
	recs := parseCSV(t, b.Bytes())
	if got := strings.Join(recs[0], ","); got != "scenario,endpoint,measure,time,estimate,lower,upper,n,past_followup" {
		t.Errorf("header %s", got)
	}
	// 2 endpoints × (median, 1 landmark, rmst) + 3 states × 2.
	if n := len(recs) - 1; n != 2*3+len(r.States)*2 {
		t.Errorf("%d rows, want %d", n, 2*3+len(r.States)*2)
	}
	want := map[string]string{
		"os median":       "NA,NA,16.5,NA,1000,FALSE", // median not reached: estimate NA (+Inf), upper NA
		"os landmark":     "12,0.8,0.775123,0.823,1000,FALSE",
		"cir rmst":        "18,1.35,1.252,1.448,1000,FALSE",
		"relapse ever_in": "NA,0.15,0.129,0.174,1000,FALSE",
		"cr mean_time":    "18,14.1,13.86,14.34,1000,FALSE",
	}
	for _, rec := range recs[1:] {
		if w, ok := want[rec[1]+" "+rec[2]]; ok && strings.Join(rec[3:], ",") != w {
			t.Errorf("%s %s: %s, want %s", rec[1], rec[2], strings.Join(rec[3:], ","), w)
		}
	}
}

// TestEstimatesCSVPastFollowUp: with follow-up of os ending at 6 months
// (cohort 10, 8.5 expected at risk), its landmark at 12 and its RMST to
// τ = 18 are NA with past_followup TRUE; cir, followed to 6 as well, too;
// the median not reached stays NA with past_followup FALSE.
func TestEstimatesCSVPastFollowUp(t *testing.T) {
	r := testResult()
	var b bytes.Buffer
	if err := writeEstimatesCSV(&b, newSummary("toy", []*sim.Result{r}, nil, nil, followUp{cohort: 10, minAtRisk: 8.5})); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"os median":   "NA,NA,16.5,NA,1000,FALSE",
		"os landmark": "12,NA,NA,NA,1000,TRUE",
		"os rmst":     "18,NA,NA,NA,1000,TRUE",
		"cir rmst":    "18,NA,NA,NA,1000,TRUE",
	}
	for _, rec := range parseCSV(t, b.Bytes())[1:] {
		if w, ok := want[rec[1]+" "+rec[2]]; ok && strings.Join(rec[3:], ",") != w {
			t.Errorf("%s %s: %s, want %s", rec[1], rec[2], strings.Join(rec[3:], ","), w)
		}
	}
}
