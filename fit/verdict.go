package fit

import "github.com/blinasim/blinasim/sim"

// The verdicts of a checked target.
const (
	VerdictInside     = "inside"
	VerdictOutside    = "outside"
	VerdictBorderline = "borderline: run more patients"
)

// Verdict is the row's verdict: inside or outside the study's interval when
// the simulated value's Monte Carlo interval lies wholly on one side of
// each bound, borderline when it contains a bound (the point estimate's side
// is then down to the seed), or why there is none (Row.Why).
func (r Row) Verdict() string {
	switch {
	case r.Why != "":
		return r.Why
	case r.Borderline:
		return VerdictBorderline
	case r.Inside:
		return VerdictInside
	}
	return VerdictOutside
}

// straddles reports whether an estimate's 95% interval contains b strictly
// inside it. A missing interval (NaN bounds) straddles nothing.
func straddles(e sim.Estimate, b float64) bool { return e.Lower < b && b < e.Upper }

// Counts returns how many rows are firmly outside (not borderline, with a
// study interval) and how many are borderline.
func Counts(rows []Row) (outside, borderline int) {
	for _, r := range rows {
		switch r.Verdict() {
		case VerdictBorderline:
			borderline++
		case VerdictInside:
		default:
			outside++
		}
	}
	return outside, borderline
}
