package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// DifferenceSummary is one figure of a scenario minus the same figure of the
// base scenario, simulated on the same patients. Paired intervals come from
// per-patient differences (common random numbers); the others (medians, and
// endpoints that start later, whose patients differ between scenarios) treat
// the two estimates as independent, which is conservative. A difference that
// lies past either scenario's end of follow-up (followup_figures.go) is not
// estimable: its figures are null and PastFollowUp is true.
type DifferenceSummary struct {
	Scenario string `json:"scenario"`
	Base     string `json:"base"`
	Endpoint string `json:"endpoint"`
	Kind     string `json:"kind"`    // survival or incidence
	Measure  string `json:"measure"` // landmark, median, rmst (an incidence's rmst is the time lost)
	Time     Number `json:"time"`    // landmark time; τ (the horizon) for rmst; null for median
	Interval
	Paired bool `json:"paired"`
	// UnpairedLower and UnpairedUpper are the interval of independent
	// estimates, √(SE₀² + SE₁²): what two separate runs would give. They equal
	// Lower and Upper when the interval is not paired.
	UnpairedLower Number `json:"unpaired_lower"`
	UnpairedUpper Number `json:"unpaired_upper"`
	// PastFollowUp is true when the figure lies past either scenario's end of
	// follow-up: a landmark time or τ past it, or a median reached only past
	// it. The figures are then null.
	PastFollowUp bool `json:"past_followup"`
}

// differenceSummaries flattens the comparisons into rows, marking those past
// either scenario's end of follow-up (by fu; results give the scenarios'
// curves, by label). The median's difference is that of the two medians as
// the summaries show them (an upper limit past follow-up not reached).
func differenceSummaries(comps []sim.Comparison, results []*sim.Result, fu followUp) []DifferenceSummary {
	out := []DifferenceSummary{}
	labels := byLabel(results)
	nan := Number(math.NaN())
	for _, c := range comps {
		r0, r1 := labels[c.Base], labels[c.Scenario]
		for _, e := range c.Endpoints {
			end0, end1 := fu.endOf(r0, e.Name), fu.endOf(r1, e.Name)
			row := func(measure string, t float64, d sim.Difference, pastFU bool) {
				s := DifferenceSummary{Scenario: c.Scenario, Base: c.Base, Endpoint: e.Name, Kind: e.Kind.String(),
					Measure: measure, Time: Number(t), Interval: interval(d.Estimate), Paired: d.Paired,
					UnpairedLower: Number(d.Unpaired.Lower), UnpairedUpper: Number(d.Unpaired.Upper), PastFollowUp: pastFU}
				if pastFU {
					s.Interval, s.UnpairedLower, s.UnpairedUpper = Interval{Value: nan, Lower: nan, Upper: nan}, nan, nan
				}
				out = append(out, s)
			}
			for _, l := range e.Landmarks {
				row("landmark", l.Time, l.Difference, past(l.Time, end0) || past(l.Time, end1))
			}
			median, estimable := e.Median, true
			if e0, e1 := endpointOf(r0, e.Name), endpointOf(r1, e.Name); e0 != nil && e1 != nil {
				m0, ok0 := followedMedian(e0.Median, end0)
				m1, ok1 := followedMedian(e1.Median, end1)
				d := sim.MedianDifference(m0, m1)
				median, estimable = sim.Difference{Estimate: d, Unpaired: d}, ok0 && ok1
				if e.Median.Paired { // the same patients: the medians' correlation narrows it
					median = sim.Difference{Estimate: sim.MedianDifferenceCorrelated(m0, m1, e.MedianCorrelation), Paired: true, Unpaired: d}
				}
			}
			row("median", math.NaN(), median, !estimable)
			tau := endpointTau(r0, e.Name)
			if t1 := endpointTau(r1, e.Name); finite(t1) && t1 != tau {
				tau = math.NaN() // no common window: sim gives no difference
			}
			row("rmst", tau, e.RMST, finite(tau) && !(rmstEstimable(tau, end0) && rmstEstimable(tau, end1)))
		}
	}
	return out
}

// compareHeader is compare.csv's header row.
var compareHeader = []string{"scenario", "base", "endpoint", "kind", "measure", "time", "difference", "lower", "upper", "paired",
	"unpaired_lower", "unpaired_upper", "past_followup"}

// writeCompareCSV writes compare.csv: every scenario's differences from the
// base (the summary's rows), with the paired interval and the unpaired one,
// and whether the figure lies past the end of follow-up (then NA).
func writeCompareCSV(w io.Writer, diffs []DifferenceSummary) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(compareHeader); err != nil {
		return err
	}
	for _, d := range diffs {
		if err := cw.Write([]string{d.Scenario, d.Base, d.Endpoint, d.Kind, d.Measure, formatNumber(float64(d.Time)),
			formatNumber(float64(d.Value)), formatNumber(float64(d.Lower)), formatNumber(float64(d.Upper)), formatBool(d.Paired),
			formatNumber(float64(d.UnpairedLower)), formatNumber(float64(d.UnpairedUpper)), formatBool(d.PastFollowUp)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeDifferencesMarkdown writes summary.md's comparison section: for each
// scenario, a table of its differences from the base by endpoint.
func writeDifferencesMarkdown(w io.Writer, diffs []DifferenceSummary, unit string, horizon float64) {
	if len(diffs) == 0 {
		return
	}
	units := plural(unit)
	fmt.Fprintf(w, "\n## Differences from the base scenario\n")
	scenario := ""
	taus := rmstTaus(diffs)
	for _, d := range diffs {
		if d.Scenario != scenario {
			scenario = d.Scenario
			fmt.Fprintf(w, "\n### %s − %s\n\n", d.Scenario, d.Base)
			header := []string{"Endpoint", "Figure", "Difference (95% CI)", "Interval", "Unpaired 95% CI"}
			writeRow(w, header)
			writeRule(w, len(header))
		}
		figure, scale, decimals := differenceFigure(d.Measure, d.Kind, float64(d.Time), float64(d.Value), units, len(taus) > 1)
		value := mdSigned(float64(d.Value), float64(d.Lower), float64(d.Upper), scale, decimals)
		kind, unpaired := "independent", "same"
		if d.Paired {
			kind = "paired"
			unpaired = mdRange(float64(d.UnpairedLower), float64(d.UnpairedUpper), scale, decimals)
		}
		if d.PastFollowUp {
			value, unpaired = notEstimable, "–"
		}
		writeRow(w, []string{"`" + d.Endpoint + "`", figure, value, kind, unpaired})
	}
	fmt.Fprintf(w, "\nDifferences are scenario − base on the same simulated patients (common random numbers); "+
		"probabilities in percentage points. Paired intervals come from per-patient differences; independent ones "+
		"(endpoints that start later, whose patients differ between scenarios) are conservative; "+
		"a median difference's interval combines the two medians' asymmetric intervals and, paired, their correlation on the same patients (MOVER, Zou & Donner 2008). "+
		"The unpaired interval is what two separate runs would give. All are Monte Carlo intervals only.%s A figure past "+
		"either scenario's end of follow-up (a landmark or τ past it, a median reached only past it) is not estimable.\n", tauNote(taus, horizon, units))
}

// differenceFigure names a compared figure in summary.md ("S(12)", "RMST,
// months"; tauNote states τ under the table) and gives the scale and
// decimals its difference is written with: percentage points to 1 decimal
// for landmarks, times as timeDecimals says.
func differenceFigure(measure, kind string, t, value float64, units string, tauPerRow bool) (figure string, scale float64, decimals int) {
	incidence := kind == model.Incidence.String()
	switch {
	case measure == "landmark" && incidence:
		return "F(" + mdExact(t) + ")", 100, 1
	case measure == "landmark":
		return "S(" + mdExact(t) + ")", 100, 1
	case measure == "rmst" && incidence && tauPerRow && finite(t):
		figure = "time lost to τ = " + mdExact(t) + ", " + units
	case measure == "rmst" && tauPerRow && finite(t):
		figure = "RMST to τ = " + mdExact(t) + ", " + units
	case measure == "rmst" && incidence:
		figure = "time lost, " + units
	case measure == "rmst":
		figure = "RMST, " + units
	default:
		figure = "median, " + units
	}
	return figure, 1, timeDecimals(value)
}

// rmstTaus is the distinct τ of the rmst rows of diffs.
func rmstTaus(diffs []DifferenceSummary) []float64 {
	var ts []float64
	for _, d := range diffs {
		if d.Measure == "rmst" {
			ts = append(ts, float64(d.Time))
		}
	}
	return distinctFinite(ts)
}

// mdRange writes an interval of signed differences as mdSigned does: "+2.2
// to +4.0"; NA where a bound does not exist.
func mdRange(lower, upper, scale float64, d int) string {
	s := mdSigned(lower, math.NaN(), math.NaN(), scale, d)
	return s + " to " + mdSigned(upper, math.NaN(), math.NaN(), scale, d)
}

// mdSigned writes a signed difference, scaled (100 for percentage points),
// with d decimals and its interval: "+3.1 (+2.8 to +3.4)", "-5.07 (-5.25 to
// -4.89)"; NA where it does not exist.
func mdSigned(value, lower, upper, scale float64, d int) string {
	f := func(x float64) string {
		if !finite(x) {
			return na
		}
		return strconv.FormatFloat(scale*x, 'f', d, 64)
	}
	sign := func(x float64) string {
		s := f(x)
		if finite(x) && x >= 0 {
			s = "+" + s
		}
		return s
	}
	if !finite(value) {
		return na
	}
	if math.IsNaN(lower) && math.IsNaN(upper) {
		return sign(value)
	}
	return sign(value) + " (" + sign(lower) + " to " + sign(upper) + ")"
}
