package report

import (
	"slices"
	"testing"

	"github.com/blinasim/blinasim/sim"
)

func TestScenarioTitles(t *testing.T) {
	for _, tc := range []struct{ in, want []string }{
		{[]string{"After a response (Stein 2019): no consolidation", "After a response (Stein 2019): second alloHSCT", "After a response (Stein 2019): CAR-T"},
			[]string{"no consolidation", "second alloHSCT", "CAR-T"}},
		{[]string{"Study A", "Study B"}, []string{"Study A", "Study B"}}, // no shared "…: " prefix
		{[]string{"Only: one"}, []string{"Only: one"}},
		{[]string{"X: a", ""}, []string{"X: a", ""}},
		{[]string{"X: a", "X: "}, []string{"a", "X:"}},
	} {
		if got := ScenarioTitles(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("ScenarioTitles(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestResultTitlesWithSubgroups: with compare --by the results are each
// scenario followed by its subgroups, and the titles (one per scenario) go
// to the scenario and, with the subgroup, to each of its subgroups.
func TestResultTitlesWithSubgroups(t *testing.T) {
	rs := []*sim.Result{{Scenario: "a"}, {Scenario: "a [m=x]", Subgroup: "m=x"}, {Scenario: "b"}, {Scenario: "b [m=x]", Subgroup: "m=x"}}
	got := resultTitles(rs, []string{"A", "B"})
	want := []string{"A", "A [m=x]", "B", "B [m=x]"}
	if !slices.Equal(got, want) {
		t.Errorf("titles %q, want %q", got, want)
	}
	if got := resultTitles(rs[:1], []string{"A"}); !slices.Equal(got, []string{"A"}) {
		t.Errorf("one scenario: %q", got)
	}
}
