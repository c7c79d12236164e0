package report

import (
	"slices"
	"testing"
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
