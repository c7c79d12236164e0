package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"

	"github.com/blinasim/blinasim/sim"
)

// PSASummary is one scenario's probabilistic sensitivity analysis in
// summary.json: each endpoint's median, landmarks and RMST as the median
// across parameter draws with the 2.5–97.5 percentile band.
type PSASummary struct {
	Scenario  string               `json:"scenario"`
	Title     string               `json:"title,omitempty"`    // as the scenario's summary (labelScenarios)
	Subgroup  string               `json:"subgroup,omitempty"` // attr=level for a subgroup's analysis (--by)
	Draws     int                  `json:"draws"`
	Endpoints []PSAEndpointSummary `json:"endpoints"`
}

// PSAEndpointSummary is one endpoint's bands. Figures past the end of
// follow-up of the scenario's run at the parameters' values (the curve the
// number-at-risk table is drawn from) are null, with estimable false.
type PSAEndpointSummary struct {
	Name      string        `json:"name"`
	Kind      string        `json:"kind"`
	Median    MedianSummary `json:"median"`
	Landmarks []Landmark    `json:"landmarks"`
	RMST      PSARMST       `json:"rmst"`
}

// PSARMST is a restricted mean's band across draws, restricted to Tau (the
// horizon); not estimable when Tau lies past the end of follow-up.
type PSARMST struct {
	Interval
	Tau       Number `json:"tau"`
	Estimable bool   `json:"estimable"`
}

func bandInterval(b sim.Band) Interval {
	return Interval{Value: Number(b.Median), Lower: Number(b.Lower), Upper: Number(b.Upper)}
}

// nanInterval is an interval of nulls: a figure that is not estimable.
func nanInterval() Interval {
	nan := Number(math.NaN())
	return Interval{Value: nan, Lower: nan, Upper: nan}
}

// psaSummaries collects the PSA of each scenario that has one; figures past
// the end of follow-up of the scenario's run (results, by fu) are not
// estimable.
func psaSummaries(results []*sim.Result, psas []*sim.PSA, fu followUp) []PSASummary {
	out := []PSASummary{}
	for i, p := range psas {
		if p == nil {
			continue
		}
		s := PSASummary{Scenario: scenarioLabel(results[i]), Draws: p.Draws}
		for _, e := range p.Endpoints {
			end := fu.endOf(results[i], e.Name)
			m, ok := followedMedian(sim.Estimate{Value: e.Median.Median, SE: math.NaN(), Lower: e.Median.Lower, Upper: e.Median.Upper}, end)
			es := PSAEndpointSummary{Name: e.Name, Kind: e.Kind.String(), Median: MedianSummary{Interval: interval(m), Estimable: ok},
				RMST: PSARMST{Interval: bandInterval(e.RMST), Tau: Number(endpointTau(results[i], e.Name)), Estimable: rmstEstimable(endpointTau(results[i], e.Name), end)}}
			if !es.RMST.Estimable {
				es.RMST.Interval = nanInterval()
			}
			for _, l := range e.Landmarks {
				lm := Landmark{Time: Number(l.Time), Value: Number(l.Median), Lower: Number(l.Lower), Upper: Number(l.Upper), Estimable: true}
				if past(l.Time, end) {
					nan := Number(math.NaN())
					lm = Landmark{Time: lm.Time, Value: nan, Lower: nan, Upper: nan}
				}
				es.Landmarks = append(es.Landmarks, lm)
			}
			s.Endpoints = append(s.Endpoints, es)
		}
		out = append(out, s)
	}
	return out
}

// psaBandsHeader is psa_bands.csv's header row.
var psaBandsHeader = []string{"scenario", "endpoint", "kind", "measure", "time", "median", "lower", "upper", "past_followup"}

// writePSABandsCSV writes psa_bands.csv: per scenario and endpoint, the curve
// on the grid (measure "curve"), the landmarks, the median and the RMST, each
// as the median across draws and the 2.5 and 97.5 percentiles, and whether
// it lies past the end of follow-up of the scenario's run at the parameters'
// values (by fu): a curve point keeps its values, as survival.csv does; a
// figure is NA there, as in the summaries (psaSummaries).
func writePSABandsCSV(w io.Writer, results []*sim.Result, psas []*sim.PSA, fu followUp) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(psaBandsHeader); err != nil {
		return err
	}
	sums := psaSummaries(results, psas, fu)
	k := 0
	for i, p := range psas {
		if p == nil {
			continue
		}
		label, sum := scenarioLabel(results[i]), sums[k]
		k++
		for j, e := range p.Endpoints {
			es := sum.Endpoints[j]
			end := fu.endOf(results[i], e.Name)
			row := func(measure string, t float64, v Interval, pastFU bool) error {
				return cw.Write([]string{label, e.Name, e.Kind.String(), measure, formatNumber(t),
					formatNumber(float64(v.Value)), formatNumber(float64(v.Lower)), formatNumber(float64(v.Upper)), formatBool(pastFU)})
			}
			for g, b := range e.Curve {
				t := results[i].Grid[g]
				if err := row("curve", t, bandInterval(b), past(t, end)); err != nil {
					return err
				}
			}
			for _, l := range es.Landmarks {
				if err := row("landmark", float64(l.Time), Interval{Value: l.Value, Lower: l.Lower, Upper: l.Upper}, !l.Estimable); err != nil {
					return err
				}
			}
			if err := row("median", math.NaN(), es.Median.Interval, !es.Median.Estimable); err != nil {
				return err
			}
			if err := row("rmst", float64(es.RMST.Tau), es.RMST.Interval, !es.RMST.Estimable); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// psaResults turns each PSA into a Result whose curves and landmarks are the
// bands (line: the median across draws; shading: 2.5–97.5 percentiles), for
// the figure; the number at risk is the base run's.
func psaResults(results []*sim.Result, psas []*sim.PSA) []*sim.Result {
	var out []*sim.Result
	for i, p := range psas {
		if p == nil {
			continue
		}
		r := *results[i]
		r.Endpoints = nil
		for _, e := range p.Endpoints {
			er := sim.EndpointResult{Name: e.Name, Kind: e.Kind, Curve: make([]sim.Estimate, len(e.Curve))}
			for _, base := range results[i].Endpoints {
				if base.Name == e.Name { // the base run's patients, for the number at risk
					er.Title, er.N, er.AtRisk = base.Title, base.N, base.AtRisk
				}
			}
			for g, b := range e.Curve {
				er.Curve[g] = sim.Estimate{Value: b.Median, Lower: b.Lower, Upper: b.Upper}
			}
			for _, l := range e.Landmarks {
				er.Landmarks = append(er.Landmarks, sim.Landmark{Time: l.Time,
					Estimate: sim.Estimate{Value: l.Median, Lower: l.Lower, Upper: l.Upper}})
			}
			r.Endpoints = append(r.Endpoints, er)
		}
		out = append(out, &r)
	}
	return out
}

// psaBandNote is the PSA figure's legend note.
func psaBandNote(psas []*sim.PSA) string {
	n, draws := 0, 0
	for _, p := range psas {
		if p != nil {
			n, draws = n+1, p.Draws
		}
	}
	switch {
	case n == 0:
		return ""
	case n > 1: // overlaid scenarios: the bands' edges (curves.go, bandEdges)
		return fmt.Sprintf("Thick line: median; thin lines: 2.5 and 97.5 percentiles over %d PSA draws", draws)
	}
	return fmt.Sprintf("Line: median, shaded: 2.5–97.5 percentiles over %d PSA draws", draws)
}

// writePSAMarkdown writes summary.md's PSA section.
func writePSAMarkdown(w io.Writer, ps []PSASummary, unit string) {
	units := plural(unit)
	for _, s := range ps {
		fmt.Fprintf(w, "\n## %s (%d draws)\n\n", s.heading(), s.Draws)
		header := []string{"Endpoint", "Median, " + units}
		for _, l := range s.Endpoints[0].Landmarks {
			header = append(header, "At "+mdExact(float64(l.Time))+" "+units)
		}
		taus := make([]float64, len(s.Endpoints))
		for i, e := range s.Endpoints {
			taus[i] = float64(e.RMST.Tau)
		}
		perCell := len(distinctFinite(taus)) > 1
		if perCell {
			header = append(header, "RMST (time lost), "+units)
		} else {
			header = append(header, "RMST (time lost) to "+mdExact(float64(s.Endpoints[0].RMST.Tau))+" "+units)
		}
		writeRow(w, header)
		writeRule(w, len(header))
		for _, e := range s.Endpoints {
			row := []string{"`" + e.Name + "`", estimableCell(e.Median.Estimable, mdEstimate(float64(e.Median.Value), float64(e.Median.Lower), float64(e.Median.Upper)))}
			for _, l := range e.Landmarks {
				row = append(row, estimableCell(l.Estimable, mdProbability(float64(l.Value), float64(l.Lower), float64(l.Upper))))
			}
			row = append(row, rmstCell(estimableCell(e.RMST.Estimable, mdEstimate(float64(e.RMST.Value), float64(e.RMST.Lower), float64(e.RMST.Upper))), float64(e.RMST.Tau), perCell))
			writeRow(w, row)
		}
		fmt.Fprintf(w, "\nEach figure is the median across %d parameter sets drawn from the parameters' uncertainty "+
			"distributions, with the 2.5–97.5 percentile band in brackets (all draws on the same simulated patients). "+
			"These bands show parameter uncertainty, unlike the Monte Carlo intervals above. Figures past the end of follow-up "+
			"of the run at the parameters' values are not estimable.\n", s.Draws)
	}
}

// estimableCell is cell, or "not estimable".
func estimableCell(estimable bool, cell string) string {
	if !estimable {
		return notEstimable
	}
	return cell
}

// hasPSA reports whether any scenario has a PSA.
func hasPSA(psas []*sim.PSA) bool {
	for _, p := range psas {
		if p != nil {
			return true
		}
	}
	return false
}
