package report

import "github.com/blinasim/blinasim/sim"

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
