package report

import (
	"strings"

	"github.com/blinasim/blinasim/sim"
)

// labelScenarios gives each scenario summary its readable title (the
// figures' legend label: a scenario's title, "Prior alloHSCT: no" for a
// subgroup) and, for a subgroup's result, the subgroup "attr=level", so that
// summary.md heads a subgroup's section as a subgroup, not as a scenario
// named "prior_allo=false". titles are aligned with results; nil or short:
// no titles.
func (s *Summary) labelScenarios(titles []string, results []*sim.Result) {
	for i := range s.Scenarios {
		if i < len(titles) {
			s.Scenarios[i].Title = titles[i]
		}
		if i < len(results) {
			s.Scenarios[i].Subgroup = results[i].Subgroup
		}
	}
	for i := range s.PSA { // a PSA is labelled as its scenario's (or subgroup's) result
		for _, sc := range s.Scenarios {
			if sc.Scenario == s.PSA[i].Scenario {
				s.PSA[i].Title, s.PSA[i].Subgroup = sc.Title, sc.Subgroup
			}
		}
	}
}

// heading is a PSA section's heading in summary.md: "Parameter
// uncertainty: " and the scenario's label, or for a subgroup's analysis the
// subgroup read as its result's section reads it.
func (p PSASummary) heading() string {
	if p.Subgroup == "" {
		return "Parameter uncertainty: " + p.Scenario
	}
	return "Parameter uncertainty, s" + strings.TrimPrefix(ScenarioSummary{Scenario: p.Scenario, Title: p.Title, Subgroup: p.Subgroup}.heading(), "S")
}

// heading is a scenario section's heading in summary.md.
func (sc ScenarioSummary) heading() string {
	switch {
	case sc.Subgroup != "" && sc.Title != "":
		return "Subgroup: " + sc.Title + " (`" + sc.Subgroup + "`)"
	case sc.Subgroup != "":
		return "Subgroup: `" + sc.Subgroup + "`"
	case sc.Title != "" && sc.Title != sc.Scenario:
		return "Scenario: " + sc.Scenario + " (" + sc.Title + ")"
	}
	return "Scenario: " + sc.Scenario
}
