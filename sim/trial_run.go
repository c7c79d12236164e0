package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
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

// trialWorker simulates whole trials on one goroutine; its scratch space is
// sized for the largest design once, so a trial allocates nothing.
type trialWorker struct {
	t     *Trial
	ws    []*worker // per arm
	ep    []int     // per arm: the endpoint's index
	nMax  []int     // per arm: patients of the largest design
	u     [][]float64
	ev    [][]float64   // per arm and patient: endpoint event time since randomisation; +Inf: none by the horizon
	drop  [][]float64   // per arm and patient: dropout time since randomisation
	entry [][]float64   // per arm and patient: entry time of the current design
	recs  []TrialRecord // the current design's patients, every arm, sorted by time
	sub   []TrialRecord // one comparison's patients, arms renumbered 0 (control) and 1
	cal   []float64
	sizes []int
	an    analyser

	first, analysis float64 // the current design's first entry and analysis time (+Inf: events not reached)
}

func newTrialWorker(t *Trial) (*trialWorker, error) {
	tw := &trialWorker{t: t}
	tw.nMax = t.armSizes(t.Sizes[len(t.Sizes)-1], nil)
	total := 0
	for a, p := range t.Arms {
		l, err := newLayout(p, p.horizon, 1)
		if err != nil {
			return nil, err
		}
		tw.ws = append(tw.ws, newWorker(p, &l))
		k, err := trialEndpoint(p, t.Endpoint)
		if err != nil {
			return nil, err
		}
		tw.ep = append(tw.ep, k)
		n := tw.nMax[a]
		total += n
		tw.u = append(tw.u, make([]float64, n))
		tw.ev = append(tw.ev, make([]float64, n))
		tw.drop = append(tw.drop, make([]float64, n))
		tw.entry = append(tw.entry, make([]float64, n))
	}
	tw.recs = make([]TrialRecord, 0, total)
	tw.sub = make([]TrialRecord, 0, total)
	tw.cal = make([]float64, 0, total)
	tw.sizes = make([]int, 0, len(t.Arms))
	return tw, nil
}

// trial simulates trial j's patients and analyses every design's comparisons
// into out (design-major). If paths is not nil, each patient's visits are
// appended to paths[a][i] (allocates; for exporting one trial).
func (tw *trialWorker) trial(sk uint64, j int, out []TrialOutcome, paths [][][]Visit) error {
	t := tw.t
	tk := trialKey(sk, j)
	for a, w := range tw.ws {
		ak := armKey(tk, a)
		for i := range tw.nMax[a] {
			pk := patientKey(ak, uint64(i))
			var tr *[]Visit
			if paths != nil {
				tr = &paths[a][i]
			}
			if err := w.patient(pk, tr); err != nil {
				return fmt.Errorf("arm %q, patient %d: %w", t.ArmNames[a], i, err)
			}
			tw.ev[a][i] = w.epEvent[tw.ep[a]]
			dk := mix(pk ^ trialDrawSalt)
			tw.u[a][i] = uniform(dk, 0)
			tw.drop[a][i] = math.Inf(1)
			if t.Dropout > 0 {
				tw.drop[a][i] = expo(dk, 1) / t.Dropout
			}
		}
	}
	nc := t.Comparisons()
	for d, n := range t.Sizes {
		tw.design(n, out[d*nc:(d+1)*nc])
	}
	return nil
}

// design analyses the current trial's first patients of each arm as a trial
// of total size n, each comparison into out, leaving its records in tw.recs
// (sorted by time).
func (tw *trialWorker) design(n int, out []TrialOutcome) {
	t := tw.t
	tw.sizes = t.armSizes(n, tw.sizes)
	first := math.Inf(1)
	for a, na := range tw.sizes {
		for i := range na {
			e := t.Accrual.entry(tw.u[a][i], n)
			tw.entry[a][i] = e
			first = math.Min(first, e)
		}
	}
	o := TrialOutcome{Reached: true}
	analysis := first + t.Analysis.Time
	if t.Analysis.Events > 0 {
		tw.cal = tw.cal[:0]
		for a, na := range tw.sizes {
			for i := range na {
				if x := tw.ev[a][i]; x <= tw.drop[a][i] && !math.IsInf(x, 1) {
					tw.cal = append(tw.cal, tw.entry[a][i]+x)
				}
			}
		}
		if len(tw.cal) >= t.Analysis.Events {
			slices.Sort(tw.cal)
			analysis = tw.cal[t.Analysis.Events-1]
		} else {
			analysis, o.Reached = math.Inf(1), false
		}
	}
	tw.first, tw.analysis = first, analysis
	tw.recs = tw.recs[:0]
	last := first
	for a, na := range tw.sizes {
		for i := range na {
			if r, ok := tw.observe(a, i); ok {
				tw.recs = append(tw.recs, r)
				last = math.Max(last, tw.entry[a][i]+r.Time)
			}
		}
	}
	if o.Reached {
		o.Duration = analysis - first
	} else {
		o.Duration = last - first
	}
	SortRecords(tw.recs)
	for c := range out {
		tw.sub = tw.sub[:0]
		for _, r := range tw.recs { // in time order
			switch int(r.Arm) {
			case 0:
				tw.sub = append(tw.sub, r)
			case c + 1:
				r.Arm = 1
				tw.sub = append(tw.sub, r)
			}
		}
		oc := o
		oc.TrialAnalysis = tw.an.analyse(tw.sub, t.RMST)
		oc.Enrolled = int32(len(tw.sub))
		oc.Events = int32(oc.TrialAnalysis.Events[0] + oc.TrialAnalysis.Events[1])
		out[c] = oc
	}
}

// observe returns what the current design's analysis sees of patient i of arm
// a: the event or the censoring (at dropout, the analysis or the horizon),
// and false if the patient is not yet randomised at the analysis.
func (tw *trialWorker) observe(a, i int) (TrialRecord, bool) {
	e, analysis := tw.entry[a][i], tw.analysis
	if e > analysis || (e == analysis && !math.IsInf(e, 1)) {
		return TrialRecord{}, false
	}
	obs := math.Min(math.Min(tw.t.Arms[0].horizon, tw.drop[a][i]), analysis-e)
	r := TrialRecord{Time: obs, Arm: uint8(a)}
	// The event is seen if it happens before dropout and by the analysis,
	// compared in calendar time as the event-driven analysis time was found
	// (analysis − e may round below the event's own time).
	if x := tw.ev[a][i]; x <= tw.drop[a][i] && e+x <= analysis && !math.IsInf(x, 1) {
		r.Time, r.Event = x, true
	}
	return r, true
}
