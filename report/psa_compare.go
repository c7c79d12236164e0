package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"

	"github.com/blinasim/blinasim/sim"
)

// PSADifferenceSummary is one figure of a scenario minus the base's, across
// the draws of the probabilistic sensitivity analysis: draw d of both uses the
// same values of their shared parameters and the same patients, so the band
// is the parameter uncertainty of the difference itself. SharePositive is the
// share of draws in which the difference is positive (for survival, the
// scenario does better; for an incidence, worse).
type PSADifferenceSummary struct {
	Scenario      string `json:"scenario"`
	Base          string `json:"base"`
	Draws         int    `json:"draws"`
	Endpoint      string `json:"endpoint"`
	Kind          string `json:"kind"`
	Measure       string `json:"measure"` // landmark, median, rmst
	Time          Number `json:"time"`    // landmark time; τ (the horizon) for rmst; null for median
	Median        Number `json:"median"`
	Lower         Number `json:"lower"` // 2.5 percentile across draws
	Upper         Number `json:"upper"` // 97.5 percentile
	SharePositive Number `json:"share_positive"`
	// PastFollowUp is true when the figure lies past either scenario's end of
	// follow-up (of its run at the parameters' values): a landmark time or τ
	// past it, or a median band whose median is reached only past it. The
	// figures are then null.
	PastFollowUp bool `json:"past_followup"`
}

// psaDifferenceSummaries pairs each later scenario's PSA with the first
// scenario's, draw by draw (sim.ComparePSA), and flattens them into rows,
// marking those past either scenario's end of follow-up (by fu, on the
// scenarios' runs at the parameters' values). With subgroups (--by) a
// subgroup's analysis is paired with the base's analysis of the same
// subgroup (psaBase).
func psaDifferenceSummaries(results []*sim.Result, psas []*sim.PSA, fu followUp) []PSADifferenceSummary {
	out := []PSADifferenceSummary{}
	for i := 1; i < len(psas) && i < len(results); i++ {
		bi := psaBase(results, i)
		if bi < 0 || psas[bi] == nil {
			continue
		}
		c := sim.ComparePSA(psas[bi], psas[i])
		if c == nil {
			continue
		}
		for _, e := range c.Endpoints {
			end0, end1 := fu.endOf(results[bi], e.Name), fu.endOf(results[i], e.Name)
			row := func(measure string, t float64, b sim.PSABandShare, pastFU bool) {
				d := PSADifferenceSummary{Scenario: scenarioLabel(results[i]), Base: scenarioLabel(results[bi]),
					Draws: c.Draws, Endpoint: e.Name, Kind: e.Kind.String(), Measure: measure, Time: Number(t),
					Median: Number(b.Median), Lower: Number(b.Lower), Upper: Number(b.Upper), SharePositive: Number(b.Positive),
					PastFollowUp: pastFU}
				if pastFU {
					nan := Number(math.NaN())
					d.Median, d.Lower, d.Upper, d.SharePositive = nan, nan, nan, nan
				}
				out = append(out, d)
			}
			for _, l := range e.Landmarks {
				row("landmark", l.Time, l.PSABandShare, past(l.Time, end0) || past(l.Time, end1))
			}
			row("median", math.NaN(), e.Median, !psaMedianEstimable(psas[bi], e.Name, end0) || !psaMedianEstimable(psas[i], e.Name, end1))
			tau, rmst := endpointTau(results[bi], e.Name), e.RMST
			if tau != endpointTau(results[i], e.Name) { // no common window: no difference
				nan := math.NaN()
				tau, rmst = nan, sim.PSABandShare{Band: sim.Band{Median: nan, Lower: nan, Upper: nan}, Positive: nan}
			}
			row("rmst", tau, rmst, finite(tau) && (!rmstEstimable(tau, end0) || !rmstEstimable(tau, end1)))
		}
	}
	return out
}

// psaBase is the index of the result that results[i] is compared with: the
// first result of the same subgroup ("" for everyone), or -1 when that is
// results[i] itself (the base scenario, or a subgroup of the base).
func psaBase(results []*sim.Result, i int) int {
	for j := range i {
		if results[j].Subgroup == results[i].Subgroup {
			return j
		}
	}
	return -1
}

// psaTaus is the distinct τ of the rmst rows.
func psaTaus(rows []PSADifferenceSummary) []float64 {
	var ts []float64
	for _, d := range rows {
		if d.Measure == "rmst" {
			ts = append(ts, float64(d.Time))
		}
	}
	return distinctFinite(ts)
}

// psaMedianEstimable reports whether the median band of p's endpoint name
// is estimable within follow-up ending at end (its median across draws not
// reached only past it).
func psaMedianEstimable(p *sim.PSA, name string, end float64) bool {
	for _, e := range p.Endpoints {
		if e.Name == name {
			_, ok := followedMedian(sim.Estimate{Value: e.Median.Median, Lower: e.Median.Lower, Upper: e.Median.Upper}, end)
			return ok
		}
	}
	return true
}

// psaCompareHeader is psa_compare.csv's header row.
var psaCompareHeader = []string{"scenario", "base", "draws", "endpoint", "kind", "measure", "time", "median", "lower", "upper", "share_positive",
	"past_followup"}

// writePSACompareCSV writes psa_compare.csv: each later scenario's
// differences from the base across PSA draws.
func writePSACompareCSV(w io.Writer, rows []PSADifferenceSummary) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(psaCompareHeader); err != nil {
		return err
	}
	for _, d := range rows {
		if err := cw.Write([]string{d.Scenario, d.Base, fmt.Sprint(d.Draws), d.Endpoint, d.Kind, d.Measure, formatNumber(float64(d.Time)),
			formatNumber(float64(d.Median)), formatNumber(float64(d.Lower)), formatNumber(float64(d.Upper)),
			formatNumber(float64(d.SharePositive)), formatBool(d.PastFollowUp)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writePSADifferencesMarkdown writes summary.md's section on the differences
// across parameter draws.
func writePSADifferencesMarkdown(w io.Writer, rows []PSADifferenceSummary, unit string, horizon float64) {
	if len(rows) == 0 {
		return
	}
	units := plural(unit)
	fmt.Fprintf(w, "\n## Differences from the base scenario across parameter draws\n")
	scenario := ""
	taus := psaTaus(rows)
	for _, d := range rows {
		if d.Scenario != scenario {
			scenario = d.Scenario
			fmt.Fprintf(w, "\n### %s − %s (%d draws)\n\n", d.Scenario, d.Base, d.Draws)
			header := []string{"Endpoint", "Figure", "Difference, median (2.5–97.5%)", "Draws with a positive difference"}
			writeRow(w, header)
			writeRule(w, len(header))
		}
		figure, scale, decimals := differenceFigure(d.Measure, d.Kind, float64(d.Time), float64(d.Median), units, len(taus) > 1)
		share := na
		if finite(float64(d.SharePositive)) {
			share = fmt.Sprintf("%.0f%%", 100*float64(d.SharePositive))
		}
		value := mdSigned(float64(d.Median), float64(d.Lower), float64(d.Upper), scale, decimals)
		if d.PastFollowUp {
			value, share = notEstimable, "–"
		}
		writeRow(w, []string{"`" + d.Endpoint + "`", figure, value, share})
	}
	fmt.Fprintf(w, "\nEach row is scenario − base computed within each parameter draw (shared parameters take the same "+
		"value in both, on the same simulated patients), then summarised across draws: the median and the 2.5–97.5 "+
		"percentile band. Probabilities in percentage points. This band is the parameter uncertainty of the difference; "+
		"comparing the two scenarios' separate bands would ignore the pairing.%s A figure past either scenario's end of follow-up "+
		"is not estimable.\n", tauNote(taus, horizon, units))
}
