package report

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/blinasim/blinasim/sim"
)

// The tidy files for R: one observation per row, one value per column, so
// that each is one read.csv (or readr::read_csv) call from a data frame ready
// for dplyr and ggplot2.
//
//	estimates.csv  scenario,endpoint,measure,time,estimate,lower,upper,n,past_followup
//	atrisk.csv     scenario,endpoint,time,fraction,cohort,expected,past_followup
//	psa_long.csv   scenario,draw,endpoint,measure,time,value

var (
	estimatesHeader = []string{"scenario", "endpoint", "measure", "time", "estimate", "lower", "upper", "n", "past_followup"}
	atRiskHeader    = []string{"scenario", "endpoint", "time", "fraction", "cohort", "expected", "past_followup"}
	psaLongHeader   = []string{"scenario", "draw", "endpoint", "measure", "time", "value"}
)

// writeEstimatesCSV writes estimates.csv: every figure summary.md shows, one
// per row. For an endpoint: its median (time NA), each landmark (at its time;
// S(t) or F(t)), and its RMST (time lost for an incidence; time = τ, the
// horizon), n its denominator. For a state (in the endpoint column): the share
// ever in it ("ever_in") and the mean time in it ("mean_time", time = horizon),
// n the simulated patients. Figures past follow-up are NA, as in the
// summaries, with past_followup TRUE (an NA median with past_followup FALSE
// is one not reached).
func writeEstimatesCSV(w io.Writer, s Summary) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(estimatesHeader); err != nil {
		return err
	}
	row := func(sc, name, measure string, t Number, v, lo, hi Number, n int, pastFU bool) error {
		return cw.Write([]string{sc, name, measure, formatNumber(float64(t)), formatNumber(float64(v)),
			formatNumber(float64(lo)), formatNumber(float64(hi)), strconv.Itoa(n), formatBool(pastFU)})
	}
	nan := Number(math.NaN())
	for _, sc := range s.Scenarios {
		for _, e := range sc.Endpoints {
			if err := row(sc.Scenario, e.Name, "median", nan, e.Median.Value, e.Median.Lower, e.Median.Upper, e.N, !e.Median.Estimable); err != nil {
				return err
			}
			for _, l := range e.Landmarks {
				if err := row(sc.Scenario, e.Name, "landmark", l.Time, l.Value, l.Lower, l.Upper, e.N, !l.Estimable); err != nil {
					return err
				}
			}
			if err := row(sc.Scenario, e.Name, "rmst", e.RMST.Tau, e.RMST.Value, e.RMST.Lower, e.RMST.Upper, e.N, !e.RMST.Estimable); err != nil {
				return err
			}
		}
		for _, st := range sc.States {
			if err := row(sc.Scenario, st.Name, "ever_in", nan, st.EverIn.Value, st.EverIn.Lower, st.EverIn.Upper, sc.Patients, false); err != nil {
				return err
			}
			if err := row(sc.Scenario, st.Name, "mean_time", sc.Horizon, st.MeanTime.Value, st.MeanTime.Lower, st.MeanTime.Upper, sc.Patients, false); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeAtRiskCSV writes atrisk.csv: per scenario, endpoint and grid time, the
// fraction of the endpoint's denominator at risk (survfit's n.risk / n), the
// cohort of the figures' table, the expected number of it at risk (unrounded:
// cohort × N/patients × fraction; round it as the figures do) and whether
// the time lies past the end of follow-up; enough to redraw a survminer-style
// risk table in R.
func writeAtRiskCSV(w io.Writer, results []*sim.Result, fu followUp) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(atRiskHeader); err != nil {
		return err
	}
	cohort := strconv.Itoa(fu.cohort)
	for _, r := range results {
		for ei := range r.Endpoints {
			e := &r.Endpoints[ei]
			if len(e.AtRisk) != len(r.Grid) {
				continue
			}
			end := fu.end(r, e)
			for i, t := range r.Grid {
				if err := cw.Write([]string{scenarioLabel(r), e.Name, formatNumber(t), formatNumber(e.AtRisk[i]), cohort,
					formatNumber(fu.expected(r, e, i)), formatBool(past(t, end))}); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writePSALongCSV writes psa_long.csv: psa.csv's outcomes in long form, one
// row per scenario, draw, endpoint and figure: median (time NA), rmst (time
// lost for an incidence; time NA) and landmark (at its time). A median never
// reached is NA, as in psa.csv.
func writePSALongCSV(w io.Writer, results []*sim.Result, psas []*sim.PSA) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(psaLongHeader); err != nil {
		return err
	}
	for i, p := range psas {
		if p == nil {
			continue
		}
		label := scenarioLabel(results[i])
		for d, s := range p.Samples {
			draw := strconv.Itoa(d + 1)
			for k, e := range p.Endpoints {
				f := s.Endpoints[k]
				if err := cw.Write([]string{label, draw, e.Name, "median", na, formatNumber(f.Median)}); err != nil {
					return err
				}
				if err := cw.Write([]string{label, draw, e.Name, "rmst", na, formatNumber(f.RMST)}); err != nil {
					return err
				}
				for j, l := range e.Landmarks {
					if err := cw.Write([]string{label, draw, e.Name, "landmark", formatNumber(l.Time), formatNumber(f.Landmarks[j])}); err != nil {
						return err
					}
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
