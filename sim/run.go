package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Options control a run. The zero value of every field but Patients means a
// documented default.
type Options struct {
	Patients int    // number of simulated patients, ≥ 1
	Seed     uint64 // run seed: the same seed gives the same patients
	Workers  int    // goroutines; 0: runtime.GOMAXPROCS(0). Results do not depend on it.
	// Step is the output grid step in model units; 0: one unit, halved until
	// the grid has at least 200 intervals (a 60-month horizon gets quarter
	// months), so every whole unit is on the grid and plotted curves are smooth.
	// The horizon is always on the grid.
	Step float64
	// BinsPerStep is the number of fine histogram bins per grid step that event
	// times are counted in; 0: about 4096 bins over the horizon (at least 1 per
	// step), e.g. 17 per quarter month for 60 months, fine enough for medians
	// and small enough to stay in cache. Curves are exact at grid times;
	// medians and RMST interpolate linearly within a bin.
	BinsPerStep int
	// Span, if set, limits the run to patients Span.Lo..Span.Hi-1 of the
	// Patients (a shard of a run); nil: all of them. Patient i is the same
	// patient whatever the span.
	Span *Span
	// Progress, if set, is called after each chunk of patients with the number
	// just finished. It is called from several goroutines at once.
	Progress func(n int)
}

// fineBins is about how many histogram bins the horizon gets by default.
const fineBins = 4096

// chunk is how many consecutive patients a worker takes at a time.
const chunk = 4096

// Run simulates opts.Patients patients of program p and returns their results.
// It stops early, with ctx's error, when ctx is cancelled.
func Run(ctx context.Context, p *Program, opts Options) (*Result, error) {
	acc, l, err := simulate(ctx, p, opts)
	if err != nil {
		return nil, err
	}
	return estimate(p, l, acc, opts), nil
}

func (o Options) withDefaults() (Options, error) {
	if o.Patients < 1 {
		return o, fmt.Errorf("patients must be ≥ 1 (got %d)", o.Patients)
	}
	if o.Workers < 0 {
		return o, fmt.Errorf("workers must be ≥ 0 (got %d; 0 means all cores)", o.Workers)
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if !(o.Step >= 0) || math.IsInf(o.Step, 1) {
		return o, fmt.Errorf("grid step must be a finite number ≥ 0 (got %v; 0 means automatic)", o.Step)
	}
	return o, checkPatients(o.Patients)
}

// autoStep returns the default grid step for a horizon: 1, halved at most 8
// times until horizon/step ≥ 200.
func autoStep(horizon float64) float64 {
	step := 1.0
	for i := 0; i < 8 && horizon/step < 200; i++ {
		step /= 2
	}
	return step
}

func (o Options) withStep(horizon float64) Options {
	if o.Step == 0 {
		o.Step = autoStep(horizon)
	}
	if o.BinsPerStep == 0 {
		o.BinsPerStep = max(1, int(fineBins/math.Ceil(horizon/o.Step)))
	}
	return o
}

// simulate runs the workers and returns the merged totals.
func simulate(ctx context.Context, p *Program, opts Options) (*accum, *layout, error) {
	accs, ls, _, err := simulateAll(ctx, []*Program{p}, opts)
	if err != nil {
		return nil, nil, err
	}
	return accs[0], ls[0], nil
}

// simulateAll simulates the same patients under every program: each goroutine
// takes a chunk of patients and simulates each patient under every program in
// turn, with the same keys (common random numbers), so that pairs of outcomes
// can be accumulated patient by patient (programs 1.. against program 0).
// With pairs, the first goroutine's team first runs the pilot (patients
// 0..4095, pairs_median.go) that fixes the thresholds of the paired medians.
// It returns each program's merged totals and layout, and the merged pairs.
func simulateAll(ctx context.Context, progs []*Program, opts Options) ([]*accum, []*layout, []*pairAccum, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, nil, nil, err
	}
	ls := make([]*layout, len(progs))
	for i, p := range progs {
		o := opts.withStep(p.horizon)
		l, err := newLayout(p, o.Step, o.BinsPerStep)
		if err != nil {
			return nil, nil, nil, err
		}
		ls[i] = &l
	}
	span, err := resolveSpan(opts.Span, opts.Patients, "patients")
	if err != nil {
		return nil, nil, nil, err
	}
	sk := seedKey(opts.Seed)
	var teams []*team
	if span.Len() > 0 {
		teams = append(teams, newTeam(progs, ls))
		n, err := runPilot(teams[0], progs, ls, sk, opts, span)
		if err != nil {
			return nil, nil, nil, err
		}
		span.Lo = max(span.Lo, min(n, span.Hi)) // the pilot's patients in the span are done
	}
	nChunks := (span.Len() + chunk - 1) / chunk
	workers := min(opts.Workers, nChunks)
	var next atomic.Int64
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for i := range workers {
		if i >= len(teams) {
			teams = append(teams, newTeam(progs, ls))
			teams[i].copyThresholds(teams[0])
		}
		wg.Add(1)
		go func(tm *team, errp *error) {
			defer wg.Done()
			for {
				c := int(next.Add(1) - 1)
				if c >= nChunks {
					return
				}
				if err := ctx.Err(); err != nil {
					*errp = err
					return
				}
				lo, hi := span.Lo+c*chunk, min(span.Lo+(c+1)*chunk, span.Hi)
				for i := lo; i < hi; i++ {
					if err := tm.patient(patientKey(sk, uint64(i))); err != nil {
						*errp = fmt.Errorf("patient %d: %w", i, err)
						next.Store(int64(nChunks)) // stop the others
						return
					}
				}
				if opts.Progress != nil {
					opts.Progress((hi - lo) * len(progs))
				}
			}
		}(teams[i], &errs[i])
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		if ctx.Err() != nil {
			return nil, nil, nil, ctx.Err()
		}
		return nil, nil, nil, err
	}
	accs := make([]*accum, len(progs))
	for s := range progs {
		accs[s] = newAccum(*ls[s])
		for _, tm := range teams {
			accs[s].merge(tm.ws[s].totals())
		}
	}
	pairs := newPairs(progs, ls) // a span may have no patients, so no team
	for _, tm := range teams {
		for s := range pairs {
			pairs[s].merge(tm.pairs[s])
		}
	}
	return accs, ls, pairs, nil
}

// Trace simulates patient i of a run with the given seed and returns its visits
// (for tests and for explaining single trajectories).
func (p *Program) Trace(seed uint64, i int) ([]Visit, error) {
	l, err := newLayout(p, p.horizon, 1)
	if err != nil {
		return nil, err
	}
	w := newWorker(p, &l)
	var v []Visit
	err = w.patient(patientKey(seedKey(seed), uint64(i)), &v)
	return v, err
}
