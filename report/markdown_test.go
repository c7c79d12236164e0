package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/sim"
)

// TestMarkdownGolden pins summary.md of the test result.
func TestMarkdownGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := writeMarkdown(&buf, newSummary("Toy model", []*sim.Result{testResult()}, nil, nil, followUp{})); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.md", buf.Bytes())
}

// TestMarkdownContent checks what a reader must find in summary.md, so that
// an -update cannot silently accept its loss.
func TestMarkdownContent(t *testing.T) {
	two := testResult()
	two.Scenario = "pipe | scenario"
	var buf bytes.Buffer
	if err := writeMarkdown(&buf, newSummary("Toy model", []*sim.Result{testResult(), two}, nil, nil, followUp{})); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{
		"Monte Carlo 95% intervals from the number of simulated patients", // what the intervals are
		"| Overall survival (`os`) | NR (16.5–NR) | 80.0% (77.5–82.3) | 15.3 (15.1–15.5) | 1000 | 300 |",
		"| 10.0% (8.1–11.9) | 1.35 (1.25–1.45) | 1000 | 150 | 50 |",
		"Median, months (95% CI)", // the unit is named
		"At 12 months (95% CI)",   // a landmark column
		"RMST to 18 months",       // the horizon
		"| `relapse` | 15.0% (12.9–17.4) | 0.900 (0.802–0.998) | 150 | 1000 |",
		"| `dead` | 30.0% (27.2–32.9) | 2.70 (2.50–2.90) | 300 | 1000 |",
		"of all 1000 simulated patients", // the states' denominator
		"## Scenario: pipe | scenario",   // headings need no escaping
		"| Cumulative incidence of relapse (`cir`) | NR (NR–NR) |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("summary.md lacks %q", want)
		}
	}
	if n := strings.Count(md, "## Scenario: "); n != 2 {
		t.Errorf("%d scenario sections, want 2", n)
	}
}
