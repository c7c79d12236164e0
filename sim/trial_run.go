package sim

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// The random numbers of a trial are keyed by (seed, trial, arm, patient), the
// patient's visits and exits below that as in a run (rng.go):
//
//	trial key    k_t = mix(mix(seed) ⊕ trialSalt + (t+1)·γ)
//	arm key      k_a = mix(k_t ⊕ (a+1)·c)
//	patient key  k_p = patientKey(k_a, i)            the i-th patient of arm a
//	entry, dropout   uniform and exponential draws 0 and 1 of mix(k_p ⊕ trialDrawSalt)
//
// Designs differ only in how many of each arm's patients they take (the
// first n_a), when they are analysed and, with an accrual rate, how far apart
// the same entry uniforms are spread: so designs share their patients, and a
// power curve over sample sizes is smooth.
const (
	trialSalt     = 0x545249414c5f6b79 // "TRIAL_ky"
	trialDrawSalt = 0x656e7472795f6472 // "entry_dr"
)

func trialKey(sk uint64, t int) uint64 { return mix(sk ^ trialSalt + uint64(t+1)*golden) }
func armKey(tk uint64, a int) uint64   { return mix(tk ^ uint64(a+1)*visitMul) }

// TrialRange is the trials [Lo, Hi) of a simulation: any range can be
// simulated on its own (a shard), and ranges merged with MergeOutcomes give
// exactly the outcomes of simulating their union at once.
type TrialRange struct{ Lo, Hi int }

// TrialOptions control a trial simulation. Zero values are defaults.
type TrialOptions struct {
	Seed     uint64
	Workers  int         // goroutines; 0: runtime.GOMAXPROCS(0). Results do not depend on it.
	Progress func(n int) // called with the number of trials just finished, from several goroutines
}

// TrialOutcome is what one comparison (an arm against the control) in one
// design of one simulated trial keeps.
type TrialOutcome struct {
	Enrolled int32   // patients of the two arms randomised by the analysis
	Events   int32   // endpoint events of the two arms observed at the analysis
	Duration float64 // from the first enrolment to the analysis, model units
	Reached  bool    // an event-driven analysis reached its events (always true for a calendar analysis)
	TrialAnalysis
}

// TrialOutcomes holds every comparison's outcome in every design of every
// trial of a range: Rows[((t−Range.Lo)·Designs + d)·Comparisons + c]. They
// are per-trial values, so merging ranges is concatenation and every summary
// is exact whatever the sharding.
type TrialOutcomes struct {
	Range                TrialRange
	Designs, Comparisons int
	Rows                 []TrialOutcome
}

// At returns comparison c of design d of trial t.
func (o *TrialOutcomes) At(t, d, c int) *TrialOutcome {
	return &o.Rows[((t-o.Range.Lo)*o.Designs+d)*o.Comparisons+c]
}

// MergeOutcomes joins outcomes of adjacent ranges, in any order, into one;
// a gap, an overlap or a different number of designs is an error.
func MergeOutcomes(parts ...*TrialOutcomes) (*TrialOutcomes, error) {
	if len(parts) == 0 {
		return nil, errors.New("no trial outcomes to merge")
	}
	ps := slices.Clone(parts)
	slices.SortFunc(ps, func(a, b *TrialOutcomes) int { return a.Range.Lo - b.Range.Lo })
	out := &TrialOutcomes{Range: TrialRange{ps[0].Range.Lo, ps[0].Range.Lo}, Designs: ps[0].Designs, Comparisons: ps[0].Comparisons}
	for _, p := range ps {
		switch {
		case p.Designs != out.Designs || p.Comparisons != out.Comparisons:
			return nil, fmt.Errorf("trials %d-%d have %d designs × %d comparisons, not %d × %d", p.Range.Lo, p.Range.Hi,
				p.Designs, p.Comparisons, out.Designs, out.Comparisons)
		case p.Range.Lo != out.Range.Hi:
			return nil, fmt.Errorf("trials %d-%d do not follow trials up to %d (a gap or an overlap)", p.Range.Lo, p.Range.Hi, out.Range.Hi)
		}
		out.Rows = append(out.Rows, p.Rows...)
		out.Range.Hi = p.Range.Hi
	}
	return out, nil
}

// MaxTrialRows bounds the outcomes (trials × sample sizes) one simulation
// keeps, about 100 bytes each.
const MaxTrialRows = 20_000_000

// trialChunk is how many consecutive trials a goroutine takes at a time.
const trialChunk = 8

// Simulate simulates the trials of range r under every design (sample size).
// It stops early with ctx's error when ctx is cancelled.
func (t *Trial) Simulate(ctx context.Context, r TrialRange, opts TrialOptions) (*TrialOutcomes, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if r.Lo < 0 || r.Hi <= r.Lo {
		return nil, fmt.Errorf("trial range [%d, %d) is empty or negative", r.Lo, r.Hi)
	}
	nc := t.Comparisons()
	if rows := (r.Hi - r.Lo) * len(t.Sizes) * nc; r.Hi-r.Lo > MaxTrialRows || rows > MaxTrialRows {
		return nil, fmt.Errorf("%d trials × %d sample sizes × %d comparisons: at most %d outcomes are kept in memory; simulate fewer trials, or ranges of them apart (TrialRange)",
			r.Hi-r.Lo, len(t.Sizes), nc, MaxTrialRows)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	nd := len(t.Sizes) * nc // outcomes per trial
	out := &TrialOutcomes{Range: r, Designs: len(t.Sizes), Comparisons: nc, Rows: make([]TrialOutcome, (r.Hi-r.Lo)*nd)}
	nChunks := (r.Hi - r.Lo + trialChunk - 1) / trialChunk
	workers = min(workers, nChunks)
	sk := seedKey(opts.Seed)
	var next atomic.Int64
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for g := range workers {
		tw, err := newTrialWorker(t)
		if err != nil {
			return nil, err
		}
		wg.Add(1)
		go func(errp *error) {
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
				lo := r.Lo + c*trialChunk
				hi := min(lo+trialChunk, r.Hi)
				for j := lo; j < hi; j++ {
					if err := tw.trial(sk, j, out.Rows[(j-r.Lo)*nd:(j-r.Lo+1)*nd], nil); err != nil {
						*errp = fmt.Errorf("trial %d: %w", j, err)
						next.Store(int64(nChunks))
						return
					}
				}
				if opts.Progress != nil {
					opts.Progress(hi - lo)
				}
			}
		}(&errs[g])
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	return out, nil
}
