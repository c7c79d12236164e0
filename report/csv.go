package report

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// The CSV files are long format: one row per scenario, curve (endpoint or
// state) and grid time, so that R reads them straight into a data frame.

// survivalHeader, incidenceHeader and occupancyHeader are the CSV files'
// header rows.
var (
	survivalHeader  = []string{"scenario", "endpoint", "time", "survival", "lower", "upper", "past_followup"}
	incidenceHeader = []string{"scenario", "endpoint", "time", "incidence", "lower", "upper", "past_followup"}
	occupancyHeader = []string{"scenario", "state", "time", "probability", "lower", "upper"}
)

// writeSurvivalCSV writes survival.csv: S(t) of every survival endpoint.
func writeSurvivalCSV(w io.Writer, results []*sim.Result, fu followUp) error {
	return writeCurvesCSV(w, results, model.Survival, survivalHeader, fu)
}

// writeIncidenceCSV writes incidence.csv: F(t) of every incidence endpoint.
func writeIncidenceCSV(w io.Writer, results []*sim.Result, fu followUp) error {
	return writeCurvesCSV(w, results, model.Incidence, incidenceHeader, fu)
}

// writeCurvesCSV writes the curves of every endpoint of the given kind, in
// scenario then endpoint order; past_followup says whether a row lies past
// the endpoint's end of follow-up (followup.go).
func writeCurvesCSV(w io.Writer, results []*sim.Result, kind model.EndpointKind, header []string, fu followUp) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range results {
		for _, e := range r.Endpoints {
			if e.Kind != kind {
				continue
			}
			end := fu.end(r, &e)
			if err := writeCurveRows(cw, scenarioLabel(r), e.Name, r.Grid, e.Curve, &end); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeOccupancyCSV writes occupancy.csv: P(in state at t) of every state.
func writeOccupancyCSV(w io.Writer, results []*sim.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(occupancyHeader); err != nil {
		return err
	}
	for _, r := range results {
		for _, s := range r.States {
			if err := writeCurveRows(cw, scenarioLabel(r), s.Name, r.Grid, s.Occupancy, nil); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeCurveRows writes one row per grid time: label, name, time, value,
// lower, upper, and, if end is not nil, whether the time is past it.
func writeCurveRows(cw *csv.Writer, label, name string, grid []float64, curve []sim.Estimate, end *float64) error {
	if len(curve) != len(grid) {
		return fmt.Errorf("%s %s: %d values on a grid of %d times", label, name, len(curve), len(grid))
	}
	row := make([]string, 6, 7)
	if end != nil {
		row = row[:7]
	}
	row[0], row[1] = label, name
	for i, t := range grid {
		c := curve[i]
		row[2] = formatNumber(t)
		row[3] = formatNumber(c.Value)
		row[4] = formatNumber(c.Lower)
		row[5] = formatNumber(c.Upper)
		if end != nil {
			row[6] = formatBool(past(t, *end))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return nil
}

// hasKind reports whether any result has an endpoint of the given kind.
func hasKind(results []*sim.Result, kind model.EndpointKind) bool {
	for _, r := range results {
		for _, e := range r.Endpoints {
			if e.Kind == kind {
				return true
			}
		}
	}
	return false
}

// scenarioLabel is the result's scenario label, or its model name if the
// label is empty.
func scenarioLabel(r *sim.Result) string {
	if r.Scenario != "" {
		return r.Scenario
	}
	return r.Model
}
