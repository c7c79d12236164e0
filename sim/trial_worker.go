package sim

import (
	"fmt"
	"math"
	"slices"
)

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
