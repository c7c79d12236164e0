package fit

import (
	"math"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// Row is one target checked: the published figure with the study's 95%
// interval, the simulated figure with its Monte Carlo 95% interval, and
// whether the simulated value lies inside the study's interval.
type Row struct {
	Target    model.Target
	Published Published
	Simulated sim.Estimate
	Inside    bool
	// Borderline says the simulated value's Monte Carlo 95% interval
	// contains a bound of the study's interval: another seed could flip
	// Inside, so the verdict is "borderline: run more patients".
	Borderline bool
	// Why says why a target cannot be inside other than by lying outside:
	// "no study interval" (neither n nor lower/upper), "not simulated" (a
	// time past the horizon, or an endpoint no patient started); else "".
	Why string
}

// Check compares every target of a result with the study's interval.
func Check(r *sim.Result) []Row {
	rows := make([]Row, len(r.Targets))
	for i, tr := range r.Targets {
		rows[i] = CheckTarget(tr.Target, tr.Simulated)
	}
	return rows
}

// CheckTarget compares one simulated figure with the target's study
// interval. A median the run never reaches (+Inf) is outside any finite
// interval.
func CheckTarget(t model.Target, simulated sim.Estimate) Row {
	row := Row{Target: t, Published: PublishedInterval(t), Simulated: simulated}
	v := simulated.Value
	switch {
	case math.IsNaN(v):
		row.Why = "not simulated"
	case row.Published.Method == FromNone:
		row.Why = "no study interval"
	default:
		row.Inside = v >= row.Published.Lower && v <= row.Published.Upper
		row.Borderline = straddles(simulated, row.Published.Lower) || straddles(simulated, row.Published.Upper)
	}
	return row
}

// Outside counts the rows that are not inside.
func Outside(rows []Row) int {
	n := 0
	for _, r := range rows {
		if !r.Inside {
			n++
		}
	}
	return n
}
