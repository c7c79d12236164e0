package model

import "math"

// Sensitivity is a model's `sensitivity:` section: what a one-way analysis
// records, bounds that replace parameters' uncertainty intervals, and sweeps
// of one or two parameters over a grid. The zero value is no section: the
// default outcome, every parameter's interval from its uncertainty, no sweep.
type Sensitivity struct {
	Outcome    *Outcome // nil: the model's DefaultOutcome
	Parameters []Bounds // the ends a one-way analysis uses for these parameters
	Sweeps     []Sweep
}

// IsZero reports whether the section is empty (absent from the file).
func (s Sensitivity) IsZero() bool {
	return s.Outcome == nil && len(s.Parameters) == 0 && len(s.Sweeps) == 0
}

// Bounds are a parameter's low and high values for a one-way analysis, in
// the parameter's units; they replace the 2.5% and 97.5% quantiles of its
// uncertainty, and give a parameter without one a range. Low < High.
type Bounds struct {
	Name      string // a parameter of the model
	Low, High float64
}

// MaxSweepAxes is how many parameters a sweep may vary (a line or a heat map).
const MaxSweepAxes = 2

// MaxSweepCells is the most grid points a sweep may have (each is a run).
const MaxSweepCells = 10_000

// Sweep varies one parameter over a grid (a line of the outcome against it)
// or two (a heat map), every other parameter at its value.
type Sweep struct {
	Name string      // identifier: [a-z][a-z0-9_]*, used in output file names
	Axes []SweepAxis // 1 or 2
}

// SweepAxis is one swept parameter and its values: Values if given, else
// Steps values evenly spaced from From to To, both included.
type SweepAxis struct {
	Name     string    // a parameter of the model
	Values   []float64 // explicit values, strictly increasing; or nil
	From, To float64   // From < To, with Steps
	Steps    int       // number of values from From to To, ≥ 2; 0 with Values
}

// Grid returns the axis' values.
func (a SweepAxis) Grid() []float64 {
	if len(a.Values) > 0 {
		return a.Values
	}
	if a.Steps < 1 {
		return nil
	}
	out := make([]float64, a.Steps)
	for i := range out {
		out[i] = a.From + (a.To-a.From)*float64(i)/float64(max(1, a.Steps-1))
	}
	if a.Steps > 1 {
		out[a.Steps-1] = a.To // exact, whatever the rounding
	}
	return out
}

// Len returns how many values the axis has, without making them.
func (a SweepAxis) Len() int {
	if len(a.Values) > 0 {
		return len(a.Values)
	}
	return max(0, a.Steps)
}

// Cells returns how many grid points the sweep has (the product of its axes'
// lengths), saturating at math.MaxInt.
func (s Sweep) Cells() int {
	n := 1
	for _, a := range s.Axes {
		k := a.Len()
		if k > 0 && n > math.MaxInt/k {
			return math.MaxInt
		}
		n *= k
	}
	return n
}
