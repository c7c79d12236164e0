package sim

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
)

// TrialPatient is one patient of an exported trial, as a trial's database
// would hold it at the analysis.
type TrialPatient struct {
	ID    int     // 1, 2, ... in order of randomisation
	Arm   int     // index into Trial.ArmNames
	Entry float64 // randomisation, model units after the first enrolment
	TrialRecord
	// Path is the patient's states from randomisation up to Time (the event
	// or the censoring): Entry times since randomisation, the last Exit at
	// most Time (+Inf inside the horizon means the stay outlasts follow-up).
	Path []Visit
}

// TrialData is one simulated trial of one design, patient by patient.
type TrialData struct {
	Trial    int     // the trial's index
	Size     int     // the design's total sample size
	Analysis float64 // the analysis, model units after the first enrolment
	Reached  bool    // an event-driven analysis reached its events
	Patients []TrialPatient
	Outcomes []TrialOutcome // the analysis the simulation made of it, per comparison
}

// Data re-simulates trial j of the design of total size n (one of t.Sizes)
// with seed, and returns its patients: the same patients and outcome as
// Simulate gives for that trial.
func (t *Trial) Data(ctx context.Context, seed uint64, j, n int) (*TrialData, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	d := slices.Index(t.Sizes, n)
	if d < 0 {
		return nil, fmt.Errorf("sample size %d is not one of the trial's sizes %v", n, t.Sizes)
	}
	if j < 0 {
		return nil, fmt.Errorf("trial %d: trials are numbered from 0", j)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tw, err := newTrialWorker(t)
	if err != nil {
		return nil, err
	}
	paths := make([][][]Visit, len(t.Arms))
	for a := range t.Arms {
		paths[a] = make([][]Visit, tw.nMax[a])
	}
	nc := t.Comparisons()
	out := make([]TrialOutcome, len(t.Sizes)*nc)
	if err := tw.trial(seedKey(seed), j, out, paths); err != nil {
		return nil, fmt.Errorf("trial %d: %w", j, err)
	}
	tw.design(n, make([]TrialOutcome, nc)) // sets the entries and analysis of this design
	o := out[d*nc]
	td := &TrialData{Trial: j, Size: n, Analysis: tw.analysis - tw.first, Reached: o.Reached, Outcomes: out[d*nc : (d+1)*nc]}
	if !o.Reached {
		td.Analysis = o.Duration
	}
	for a, na := range tw.sizes {
		for i := range na {
			r, ok := tw.observe(a, i)
			if !ok {
				continue
			}
			td.Patients = append(td.Patients, TrialPatient{Arm: a, Entry: tw.entry[a][i] - tw.first,
				TrialRecord: r, Path: observedPath(paths[a][i], r.Time)})
		}
	}
	slices.SortStableFunc(td.Patients, func(x, y TrialPatient) int { return cmp.Compare(x.Entry, y.Entry) })
	for i := range td.Patients {
		td.Patients[i].ID = i + 1
	}
	return td, nil
}

// observedPath cuts a patient's visits at the end of follow-up: the stays
// entered by then, the last one ending at most at end.
func observedPath(vs []Visit, end float64) []Visit {
	var out []Visit
	for _, v := range vs {
		if v.Entry > end {
			break
		}
		v.Exit = math.Min(v.Exit, end)
		out = append(out, v)
	}
	return out
}
