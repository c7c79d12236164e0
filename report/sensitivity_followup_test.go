package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestSensitivityPastFollowUp: the outcome os:s12 of testOneWay lies within
// follow-up with the default threshold, and past it with a cohort of 10 and
// 8.5 expected at risk (os is then followed to 6 months): sensitivity.md then
// says so and writes every figure of the one-way table as not estimable, and
// oneway.csv marks every row past_followup, in an analysis of one model and
// of a difference alike.
func TestSensitivityPastFollowUp(t *testing.T) {
	for _, diff := range []bool{false, true} {
		for _, c := range []struct {
			set  Figures
			past bool
		}{{Figures{}, false}, {Figures{Cohort: 10, MinAtRisk: 8.5}, true}} {
			ow := testOneWay(3)
			if diff {
				ow.Scenario, ow.ScenarioResult = "better", testResult()
			}
			s := Sensitivity{Title: "toy", OneWay: ow, Figures: c.set}
			var b, csvb bytes.Buffer
			if err := writeSensitivityMarkdown(&b, s, "os: survival at 12 months"); err != nil {
				t.Fatal(err)
			}
			if err := writeOneWayCSV(&csvb, ow, s.pastFollowUp()); err != nil {
				t.Fatal(err)
			}
			for _, row := range readCSV(t, csvb.String()) {
				if want := formatBool(c.past); row["past_followup"] != want {
					t.Errorf("difference %v, %+v: oneway.csv past_followup %q, want %s", diff, c.set, row["past_followup"], want)
				}
			}
			md := b.String()
			if got := strings.Contains(md, "**Not estimable**"); got != c.past {
				t.Errorf("difference %v, %+v: note %v, want %v:\n%s", diff, c.set, got, c.past, md)
			}
			row := "| `p0` | 0.5 | 0.3123 | 0.7 | " + notEstimable
			if got := strings.Contains(md, row); got != c.past {
				t.Errorf("difference %v, %+v: row %q present %v, want %v:\n%s", diff, c.set, row, got, c.past, md)
			}
		}
	}
}
