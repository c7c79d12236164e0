package report

import "strings"

// ScenarioTitles returns the legend label of each scenario from the models'
// titles: the part after the colon of a prefix the titles share ("After a
// blinatumomab response (Stein 2019 population): CAR-T" among its siblings is
// "CAR-T"), the whole title when they share none, and "" for a model without
// a title (the figure then shows the scenario's label, as the CSV files do).
func ScenarioTitles(titles []string) []string {
	out := make([]string, len(titles))
	prefix := ""
	if len(titles) > 1 {
		prefix = titles[0]
		for _, t := range titles[1:] {
			for !strings.HasPrefix(t, prefix) {
				prefix = prefix[:len(prefix)-1]
			}
		}
		if i := strings.LastIndex(prefix, ": "); i >= 0 {
			prefix = prefix[:i+2]
		} else {
			prefix = ""
		}
	}
	for i, t := range titles {
		if rest := strings.TrimSpace(strings.TrimPrefix(t, prefix)); rest != "" {
			out[i] = rest
		} else {
			out[i] = strings.TrimSpace(t)
		}
	}
	return out
}
