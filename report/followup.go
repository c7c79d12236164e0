package report

import (
	"fmt"
	"math"
	"strconv"

	"github.com/blinasim/blinasim/sim"
)

// The end of follow-up. A curve is estimated only while someone is at risk:
// past the last time with at least Figures.MinAtRisk expected patients at
// risk in the cohort the number-at-risk table uses, a Kaplan-Meier or
// Aalen-Johansen curve is carried flat by construction and says nothing (a
// labelled "34%" over a number at risk of 0). The figures stop each curve
// there, the CSV files mark the rows past it (past_followup = TRUE), and the
// summaries write medians and landmarks past it as not estimable.

// DefaultMinAtRisk is the expected number at risk below which a curve stops.
const DefaultMinAtRisk = 1.0

// followUp is the end of follow-up of every curve of a run: the cohort and
// the threshold of expected patients at risk.
type followUp struct {
	cohort    int
	minAtRisk float64
}

// newFollowUp returns the follow-up rule of the figure settings and results.
func newFollowUp(set Figures, results []*sim.Result) followUp {
	n, _ := cohortSize(set, results)
	m := set.MinAtRisk
	if m == 0 {
		m = DefaultMinAtRisk
	}
	return followUp{cohort: n, minAtRisk: m}
}

// expected is the unrounded expected number of the cohort at risk for e at
// grid index i (NaN when unknown).
func (fu followUp) expected(r *sim.Result, e *sim.EndpointResult, i int) float64 {
	if r.Patients == 0 || i >= len(e.AtRisk) {
		return math.NaN()
	}
	return float64(fu.cohort) * float64(e.N) / float64(r.Patients) * e.AtRisk[i]
}

// end returns the last grid time at which e has at least minAtRisk expected
// patients at risk: +Inf when the engine gave no at-risk fractions (the whole
// curve counts), -Inf when no time has (nobody starts the endpoint).
func (fu followUp) end(r *sim.Result, e *sim.EndpointResult) float64 {
	if len(e.AtRisk) == 0 {
		return math.Inf(1)
	}
	for i := len(r.Grid) - 1; i >= 0; i-- {
		if x := fu.expected(r, e, i); finite(x) && x >= fu.minAtRisk-1e-9 {
			return r.Grid[i]
		}
	}
	return math.Inf(-1)
}

// past reports whether time t lies past the end of follow-up end.
func past(t, end float64) bool { return t > end+1e-9 }

// lastIndex returns the number of grid points up to end: the curve's points
// to draw.
func lastIndex(grid []float64, end float64) int {
	n := 0
	for n < len(grid) && !past(grid[n], end) {
		n++
	}
	return n
}

// note says in a caption where curves stop.
func (fu followUp) note() string {
	return fmt.Sprintf("Curves stop when fewer than %s of a cohort of %s are expected at risk",
		strconv.FormatFloat(fu.minAtRisk, 'g', 4, 64), groupThousands(fu.cohort))
}
