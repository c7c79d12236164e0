package sim

import (
	"fmt"
	"math"
	"slices"
)

// Paired differences of medians. Two scenarios run on the same patients
// (common random numbers) give medians whose estimates are correlated, so
// the independent interval of their difference is far too wide (1.7 times
// the replicated spread on the reference model). By the Bahadur
// representation of a sample quantile (Serfling 1980, Approximation Theorems
// of Mathematical Statistics, §2.5), m̂ − m ≈ (Ŝ(m) − ½)/f(m) for a survival
// curve S with density f at its median m, so for the medians m₀, m₁ of
// paired outcomes T₀, T₁
//
//	corr(m̂₀, m̂₁) = corr(1{T₀ > m₀}, 1{T₁ > m₁}),
//
// the correlation of the two indicators at the medians, which the pairs
// count patient by patient (q0, q1, q11). The medians are known only at the
// end of a run, so the indicators are taken at thresholds fixed before it:
// the medians of a pilot, the run's first pilotSize patients (patients 0,
// 1, ... whatever the span, so every shard of a run has the same thresholds
// and the counts merge exactly). The pilot's medians differ from the run's
// by O(1/√4096) and the correlation is smooth in them; the replicated
// coverage in pairs_median_test.go is measured with such a pilot.
// MedianDifferenceCorrelated then gives the interval. The pilot patients are
// the run's own: their outcomes are kept while the thresholds are set, and
// counted after; a shard without them simulates them only to set the
// thresholds (pilotSize patients per program).

// pilotSize is how many patients (the run's first) place the thresholds.
const pilotSize = chunk

// minPilotGroup is the least number of a subgroup's pilot patients that set
// its own thresholds; a smaller subgroup's median difference is unpaired.
const minPilotGroup = 50

// pilotRecord holds the pilot patients' paired outcomes: per pair, for
// patient i and paired endpoint e, (t0, t1) at times[(i·len(eps) + e)·2 + {0,1}];
// and each patient's baseline level in the base (for subgroups).
type pilotRecord struct {
	times  [][]float64
	levels []int
}

// pilotPatients is the pilot's number of patients for a run of the pairs
// with patients in all: 0 when no pair has a paired endpoint.
func pilotPatients(pairs []*pairAccum, patients int) int {
	for _, pa := range pairs {
		if len(pa.eps) > 0 {
			return min(patients, pilotSize)
		}
	}
	return 0
}

func newPilotRecord(pairs []*pairAccum, n int) *pilotRecord {
	r := &pilotRecord{times: make([][]float64, len(pairs)), levels: make([]int, n)}
	for s, pa := range pairs {
		r.times[s] = make([]float64, 2*n*len(pa.eps))
	}
	return r
}

// record keeps the outcomes of the patient tm has just simulated as pilot
// patient i.
func (r *pilotRecord) record(i int, tm *team) {
	r.levels[i] = tm.ws[0].level
	for s, pa := range tm.pairs {
		for e, pe := range pa.eps {
			k := 2 * (i*len(pa.eps) + e)
			r.times[s][k], r.times[s][k+1] = tm.ws[0].epEvent[pe.k0], tm.ws[s+1].epEvent[pe.k1]
		}
	}
}

// setThresholds sets the thresholds of every pair of tm (and of its
// subgroups) to the pilot's medians.
func (r *pilotRecord) setThresholds(tm *team) {
	n := len(r.levels)
	for s, pa := range tm.pairs {
		r.setPair(pa, r.times[s], func(int) bool { return true }, n)
		for g, gp := range pa.groups {
			r.setPair(gp, r.times[s], func(i int) bool { return r.levels[i] == g }, minPilotGroup)
		}
	}
}

// setPair sets pa's thresholds to the medians of the pilot patients in
// (those for whom in is true), NaN when fewer than least are.
func (r *pilotRecord) setPair(pa *pairAccum, times []float64, in func(int) bool, least int) {
	for e := range pa.eps {
		var t0, t1 []float64
		for i := range r.levels {
			if in(i) {
				k := 2 * (i*len(pa.eps) + e)
				t0, t1 = append(t0, times[k]), append(t1, times[k+1])
			}
		}
		pa.eps[e].m0, pa.eps[e].m1 = math.NaN(), math.NaN()
		if len(t0) >= least {
			pa.eps[e].m0, pa.eps[e].m1 = sampleMedian(t0), sampleMedian(t1)
		}
	}
}

// recount adds the quadrant counts of pilot patients lo..hi-1, which tm
// accumulated before its thresholds were set.
func (r *pilotRecord) recount(tm *team, lo, hi int) {
	for s, pa := range tm.pairs {
		for i := lo; i < hi; i++ {
			for e := range pa.eps {
				k := 2 * (i*len(pa.eps) + e)
				pa.addQuadrant(e, r.times[s][k], r.times[s][k+1])
				if len(pa.groups) > 0 {
					pa.groups[r.levels[i]].addQuadrant(e, r.times[s][k], r.times[s][k+1])
				}
			}
		}
	}
}

// sampleMedian is the first t with S(t) ≤ ½ of uncensored times t (+Inf: no
// event), as R's survfit takes a median: the ⌈n/2⌉-th smallest; NaN if that
// is +Inf (the median is not reached) or there are none.
func sampleMedian(t []float64) float64 {
	if len(t) == 0 {
		return math.NaN()
	}
	slices.Sort(t)
	m := t[(len(t)+1)/2-1]
	if math.IsInf(m, 1) {
		return math.NaN()
	}
	return m
}

// medianCorrelation is the correlation of the indicators 1{T₀ > m₀} and
// 1{T₁ > m₁} over pa's patients for paired endpoint e, NaN when either is
// constant (or no threshold was set).
func (pa *pairAccum) medianCorrelation(e int) float64 {
	if q := pa.q11[e]; q == pa.q0[e] && q == pa.q1[e] && q > 0 && q < pa.n {
		return 1 // every patient's indicators agree: exactly 1, not 1 − 1e-16
	}
	n := float64(pa.n)
	p0, p1, p11 := float64(pa.q0[e])/n, float64(pa.q1[e])/n, float64(pa.q11[e])/n
	v := p0 * (1 - p0) * p1 * (1 - p1)
	if !(v > 0) {
		return math.NaN()
	}
	return (p11 - p0*p1) / math.Sqrt(v)
}

// runPilot simulates the pilot's patients 0..n-1 and sets tm's thresholds:
// those in span with tm, which keeps their totals (their quadrant counts are
// added once the thresholds are set), the others with a scratch team whose
// totals are dropped. It returns n, 0 when no pair needs a pilot.
func runPilot(tm *team, progs []*Program, ls []*layout, sk uint64, opts Options, span Span) (int, error) {
	n := pilotPatients(tm.pairs, opts.Patients)
	if n == 0 {
		return 0, nil
	}
	rec := newPilotRecord(tm.pairs, n)
	var scratch *team
	for i := range n {
		t := tm
		if i < span.Lo || i >= span.Hi {
			if scratch == nil {
				scratch = newTeam(progs, ls)
			}
			t = scratch
		}
		if err := t.patient(patientKey(sk, uint64(i))); err != nil {
			return 0, fmt.Errorf("patient %d: %w", i, err)
		}
		rec.record(i, t)
	}
	rec.setThresholds(tm)
	lo, hi := max(span.Lo, 0), min(span.Hi, n)
	if hi > lo {
		rec.recount(tm, lo, hi)
		if opts.Progress != nil {
			opts.Progress((hi - lo) * len(progs))
		}
	}
	return n, nil
}

// copyThresholds gives tm's pairs (and their subgroups') the thresholds of
// from's.
func (tm *team) copyThresholds(from *team) {
	for s, pa := range tm.pairs {
		pa.copyThresholds(from.pairs[s])
	}
}

func (pa *pairAccum) copyThresholds(from *pairAccum) {
	for e := range pa.eps {
		pa.eps[e].m0, pa.eps[e].m1 = from.eps[e].m0, from.eps[e].m1
	}
	for g, gp := range pa.groups {
		gp.copyThresholds(from.groups[g])
	}
}
