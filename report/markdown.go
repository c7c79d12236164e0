package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/blinasim/blinasim/model"
)

// writeMarkdown writes summary.md: the summary as readable tables, one
// section per scenario.
func writeMarkdown(w io.Writer, s Summary) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n", strings.TrimSpace(s.Title))
	fmt.Fprintf(bw, "Intervals are %s.\n", IntervalNote)
	for _, sc := range s.Scenarios {
		writeScenarioMarkdown(bw, sc)
	}
	if len(s.Scenarios) > 0 {
		writeDifferencesMarkdown(bw, s.Differences, s.Scenarios[0].Unit, float64(s.Scenarios[0].Horizon))
		writePSAMarkdown(bw, s.PSA, s.Scenarios[0].Unit)
		writePSADifferencesMarkdown(bw, s.PSADifferences, s.Scenarios[0].Unit, float64(s.Scenarios[0].Horizon))
	}
	return bw.Flush()
}

// writeScenarioMarkdown writes one scenario's section.
func writeScenarioMarkdown(w io.Writer, sc ScenarioSummary) {
	units := plural(sc.Unit)
	fmt.Fprintf(w, "\n## %s\n\n", sc.heading())
	fmt.Fprintf(w, "Model `%s`: %d simulated patients, seed %d. Times are in %s; the horizon is %s %s.\n",
		sc.Model, sc.Patients, sc.Seed, units, mdExact(float64(sc.Horizon)), units)

	var surv, inc []EndpointSummary
	for _, e := range sc.Endpoints {
		if e.Kind == model.Incidence.String() {
			inc = append(inc, e)
		} else {
			surv = append(surv, e)
		}
	}
	if len(surv) > 0 {
		fmt.Fprintf(w, "\n### Survival\n\n")
		writeEndpointTable(w, surv, false, sc)
		tau, lies := tauWords(surv, sc)
		fmt.Fprintf(w, "\nSurvival is the Kaplan-Meier estimate. RMST is the restricted mean survival time to %s, not estimable where %s past the endpoint's end of follow-up. "+
			"N is the number of patients who started the endpoint (its denominator); events are those before the horizon.\n", tau, lies)
	}
	if len(inc) > 0 {
		fmt.Fprintf(w, "\n### Cumulative incidence\n\n")
		writeEndpointTable(w, inc, true, sc)
		fmt.Fprintf(w, "\nIncidence is the probability that the event has happened first, before any competing event, by that time "+
			"(Aalen-Johansen), not 1 − Kaplan-Meier. The median is the first time the incidence reaches 50%%. "+
			"Time lost is the restricted mean time lost to the event before %s (not estimable past the end of follow-up). N is the denominator; "+
			"competing counts the patients with a competing event first.\n", tauWord(inc, sc))
	}
	if len(sc.States) > 0 {
		fmt.Fprintf(w, "\n### States\n\n")
		writeStateTable(w, sc)
		fmt.Fprintf(w, "\nEver in is the share of all %d simulated patients who were ever in the state (starting there counts); "+
			"mean time is the mean time spent in the state before the horizon, over all %d patients.\n", sc.Patients, sc.Patients)
	}
	if len(sc.Targets) > 0 {
		fmt.Fprintf(w, "\n### Published figures\n\n")
		writeTargetTable(w, sc)
		fmt.Fprintf(w, "\n%s\n", targetsNote)
	}
}

// writeEndpointTable writes a table of endpoints of one kind: median, each
// landmark as a column, RMST (or time lost), N, events (and competing).
func writeEndpointTable(w io.Writer, eps []EndpointSummary, incidence bool, sc ScenarioSummary) {
	units := plural(sc.Unit)
	times := landmarkTimes(eps)
	header := []string{"Endpoint", "Median, " + units + " (95% CI)"}
	for _, t := range times {
		header = append(header, "At "+mdExact(t)+" "+units+" (95% CI)")
	}
	mean, perCell := rmstColumn(endpointTaus(eps), incidence, units)
	header = append(header, mean, "N", "Events")
	if incidence {
		header = append(header, "Competing")
	}
	writeRow(w, header)
	writeRule(w, len(header))
	for _, e := range eps {
		median := mdEstimate(float64(e.Median.Value), float64(e.Median.Lower), float64(e.Median.Upper))
		if !e.Median.Estimable {
			median = notEstimable
		}
		row := []string{labelled(e.Title, e.Name), median}
		for _, t := range times {
			cell := "–"
			for _, l := range e.Landmarks {
				if float64(l.Time) == t {
					cell = mdProbability(float64(l.Value), float64(l.Lower), float64(l.Upper))
					if !l.Estimable {
						cell = notEstimable
					}
				}
			}
			row = append(row, cell)
		}
		rmst := mdEstimate(float64(e.RMST.Value), float64(e.RMST.Lower), float64(e.RMST.Upper))
		if !e.RMST.Estimable {
			rmst = notEstimable
		}
		row = append(row, rmstCell(rmst, float64(e.RMST.Tau), perCell), fmt.Sprint(e.N), fmt.Sprint(e.Events))
		if incidence {
			row = append(row, fmt.Sprint(e.Competing))
		}
		writeRow(w, row)
	}
}

// writeStateTable writes a table of the scenario's states.
func writeStateTable(w io.Writer, sc ScenarioSummary) {
	header := []string{"State", "Ever in (95% CI)", "Mean time, " + plural(sc.Unit) + " (95% CI)", "Entered", "Patients"}
	writeRow(w, header)
	writeRule(w, len(header))
	for _, st := range sc.States {
		writeRow(w, []string{
			labelled(st.Title, st.Name),
			mdProbability(float64(st.EverIn.Value), float64(st.EverIn.Lower), float64(st.EverIn.Upper)),
			mdEstimate(float64(st.MeanTime.Value), float64(st.MeanTime.Lower), float64(st.MeanTime.Upper)),
			fmt.Sprint(st.Entered),
			fmt.Sprint(sc.Patients),
		})
	}
}

// labelled writes a table's row label: "Title (`name`)", or "`name`" when
// the model gives no title (or the title is the name).
func labelled(title, name string) string {
	if title == "" || title == name {
		return "`" + name + "`"
	}
	return title + " (`" + name + "`)"
}

// landmarkTimes returns the distinct landmark times of the endpoints, sorted.
func landmarkTimes(eps []EndpointSummary) []float64 {
	var ts []float64
	for _, e := range eps {
		for _, l := range e.Landmarks {
			ts = append(ts, float64(l.Time))
		}
	}
	slices.Sort(ts)
	return slices.Compact(ts)
}

// writeRow writes a Markdown table row; the first column is left-aligned
// text, the others figures.
func writeRow(w io.Writer, cells []string) {
	for i := range cells {
		cells[i] = mdCell(cells[i])
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
}

// writeRule writes the rule under a table's header: the first column left-,
// the others right-aligned.
func writeRule(w io.Writer, n int) {
	cells := make([]string, n)
	cells[0] = "---"
	for i := 1; i < n; i++ {
		cells[i] = "---:"
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
}
