package sim

import (
	"fmt"
	"math"
)

// Limits on the sizes a run computes from user numbers, checked before
// anything is allocated or simulated, so that no input overflows an int or
// exhausts memory (docs/limits.md states them).
const (
	// MaxPatients is the most patients per scenario: about a day of one core's
	// time per 10^9 patients, and far from overflowing any count.
	MaxPatients = 1_000_000_000_000
	// MaxGrid is the most output times (horizon/step + 1): survival.csv gets a
	// row per time, endpoint and scenario.
	MaxGrid = 100_000
	// MaxOccupancy is the most state occupancy cells (states × grid times) a
	// run keeps per worker and reports (each costs some 150 bytes in all).
	MaxOccupancy = 1 << 22
	// MaxBins is the most fine histogram bins per state and endpoint.
	MaxBins = 1 << 24
	// MaxPSAValues bounds the figures a PSA keeps in memory (draws × (grid
	// times × endpoints + parameters + landmark figures)), 8 bytes each: 256
	// MiB, and some 0.8 GB of memory in all (each draw measured 34 kB).
	MaxPSAValues = 1 << 25
)

// LimitError says that a number given by the user makes a size past a limit:
// What names the number ("patients", "step", "psa"), Got says what it was
// given, Max the largest (or, for step, the smallest) allowed, and Detail how
// the size was reached. A command line tool reports it as a usage error.
type LimitError struct {
	What   string // "patients", "step" (or the horizon), "psa"
	Got    string
	Max    string // the limit on What, in its terms
	Detail string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s %s is past a limit: %s; %s", e.What, e.Got, e.Detail, e.Max)
}

// checkPatients refuses a patient count past MaxPatients.
func checkPatients(n int) error {
	if n > MaxPatients {
		return &LimitError{What: "patients", Got: fmt.Sprint(n), Detail: "a run simulates at most 10^12 patients per scenario",
			Max: fmt.Sprintf("the largest allowed is %d", MaxPatients)}
	}
	return nil
}

// gridSize returns the number of output times for a horizon and step, or a
// LimitError past MaxGrid (computed in floating point, so it cannot overflow).
func gridSize(horizon, step float64) (int, error) {
	n := math.Floor(horizon/step+1e-9) + 2 // the uniform times and the horizon
	if !(n <= MaxGrid) {
		return 0, &LimitError{What: "step", Got: fmt.Sprint(step),
			Detail: fmt.Sprintf("the output grid would have %.3g times over the horizon of %g (at most %d)", n, horizon, MaxGrid),
			Max: fmt.Sprintf("the smallest step allowed for this horizon is %g (or shorten the horizon to at most %g)",
				roundSig(horizon/(MaxGrid-2), math.Ceil), roundSig(step*(MaxGrid-2), math.Floor))}
	}
	return int(n), nil
}

// checkOccupancy refuses a grid on which the occupancy of nStates states
// would pass MaxOccupancy cells.
func checkOccupancy(nStates, nGrid int, horizon, step float64) error {
	if cells := float64(nStates) * float64(nGrid); cells > MaxOccupancy {
		most := MaxOccupancy/nStates - 2
		return &LimitError{What: "step", Got: fmt.Sprint(step),
			Detail: fmt.Sprintf("the occupancy of %d states on %d grid times is %.3g numbers per worker (at most %d)", nStates, nGrid, cells, MaxOccupancy),
			Max:    fmt.Sprintf("the smallest step allowed for this model is %g", roundSig(horizon/float64(max(1, most)), math.Ceil))}
	}
	return nil
}

// Check checks, before anything runs, that a run of progs with opts (and a
// PSA of draws parameter draws, 0 for none) stays within the limits: the
// patients, each program's output grid and histograms, and the PSA's memory.
// It returns a *LimitError naming the number at fault, or nil.
func Check(progs []*Program, opts Options, draws int) error {
	if err := checkPatients(opts.Patients); err != nil {
		return err
	}
	perDraw, grid, eps, groups := 0.0, 0, 0, 0 // figures a draw keeps, over every scenario
	for _, p := range progs {
		o := opts.withStep(p.horizon)
		l, err := newLayout(p, o.Step, o.BinsPerStep)
		if err != nil {
			return err
		}
		// curves, parameter values, median, RMST and landmarks
		// (the curves and figures once more per subgroup: psa_groups.go)
		perDraw += float64((1+p.groups())*(l.nGrid*l.nEp+l.nEp*(2+len(p.Model.Landmarks))) + len(p.Model.Parameters))
		grid, eps = max(grid, l.nGrid), eps+l.nEp
		groups = max(groups, p.groups())
	}
	if draws > 0 && float64(draws)*perDraw > MaxPSAValues {
		return &LimitError{What: "psa", Got: fmt.Sprint(draws),
			Detail: fmt.Sprintf("each draw keeps about %.0f figures (%d grid times × %d endpoints over %d scenario(s)%s, and the parameters), and all draws at most %d",
				perDraw, grid, eps, len(progs), subgroupNote(groups), MaxPSAValues),
			Max: fmt.Sprintf("the largest allowed for this run is %d draws (a coarser --step allows more)", int(MaxPSAValues/perDraw))}
	}
	return nil
}

// subgroupNote says that a PSA keeps each subgroup's figures too (--by).
func subgroupNote(groups int) string {
	if groups == 0 {
		return ""
	}
	return fmt.Sprintf(" and up to %d subgroups each", groups)
}

// roundSig rounds x to 3 significant digits in the direction of round
// (math.Ceil or math.Floor), so that a limit quoted in a message is allowed.
func roundSig(x float64, round func(float64) float64) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	scale := math.Pow(10, 2-math.Floor(math.Log10(math.Abs(x))))
	return round(x*scale) / scale
}
