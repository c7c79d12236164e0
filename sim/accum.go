package sim

import (
	"fmt"
	"math"
)

// layout fixes the shape of a run's accumulators: the output grid and the fine
// histogram bins that event times fall into.
type layout struct {
	nStates, nEp int
	nEntering    int // share-entering targets with a time
	nGroups      int // subgroups (levels of the grouping attribute); 0: none
	nCond        int // share-entering targets over state sets
	horizon      float64
	step         float64 // output grid step
	invStep      float64
	nUniform     int // grid points k·step ≤ horizon
	nGrid        int // nUniform, plus one for the horizon when it is off the step
	binW         float64
	invBinW      float64
	nBins        int
	tickScale    float64 // fixed-point ticks per time unit for time-in-state sums
}

// newLayout builds the layout for a horizon, grid step and number of fine bins
// per step.
func newLayout(p *Program, step float64, binsPerStep int) (layout, error) {
	h := p.horizon
	if !(step > 0) || step > h {
		return layout{}, fmt.Errorf("grid step %v must be within (0, horizon = %v]", step, h)
	}
	if binsPerStep < 1 {
		return layout{}, fmt.Errorf("bins per grid step must be ≥ 1 (got %d)", binsPerStep)
	}
	n, err := gridSize(h, step)
	if err != nil {
		return layout{}, err
	}
	if err := checkOccupancy(len(p.states), n, h, step); err != nil {
		return layout{}, err
	}
	if nb := math.Ceil(h/step*float64(binsPerStep)-1e-9) + 1; !(nb <= MaxBins) {
		return layout{}, fmt.Errorf("%.3g histogram bins (at most %d): use a coarser grid step or fewer bins per step", nb, MaxBins)
	}
	l := layout{nStates: len(p.states), nEp: len(p.endpoints), nEntering: len(p.entering), nGroups: p.groups(), nCond: p.nCond(), horizon: h, step: step, invStep: 1 / step}
	l.nUniform = int(math.Floor(h/step+1e-9)) + 1
	l.nGrid = l.nUniform
	if h-float64(l.nUniform-1)*step > 1e-9*h {
		l.nGrid++
	}
	l.binW = step / float64(binsPerStep)
	l.invBinW = 1 / l.binW
	l.nBins = int(math.Ceil(h*l.invBinW-1e-9)) + 1
	// Ticks: a power of two per unit such that horizon·ticks < 2^40; sums are
	// kept in 128 bits, so no number of patients overflows them.
	l.tickScale = math.Exp2(math.Floor(40 - math.Log2(h)))
	return l, nil
}

// grid returns the output times.
func (l layout) grid() []float64 {
	g := make([]float64, l.nGrid)
	for k := 0; k < l.nUniform; k++ {
		g[k] = float64(k) * l.step
	}
	if l.nGrid > l.nUniform {
		g[l.nGrid-1] = l.horizon
	}
	return g
}

// gridIndex returns the first grid index whose time is ≥ x (nGrid when x is
// past the horizon): a patient is in a state at grid time g iff entry ≤ g < exit.
func (l *layout) gridIndex(x float64) int {
	if x > l.horizon {
		return l.nGrid
	}
	k := int(math.Ceil(x * l.invStep))
	if k > l.nUniform {
		k = l.nUniform
	}
	return k
}

// bin returns the fine histogram bin of a time x > 0 since an endpoint's
// start. Bin j holds (j·w, (j+1)·w], so an event at exactly a grid time t
// counts in S(t), which is right-continuous as in survfit (time 0 has its own
// counters).
func (l *layout) bin(x float64) int {
	b := int(math.Ceil(x*l.invBinW)) - 1
	if b >= l.nBins {
		b = l.nBins - 1
	}
	return max(b, 0)
}

// ticks converts a time to fixed-point ticks.
func (l *layout) ticks(x float64) int64 { return int64(math.Round(x * l.tickScale)) }

// accum is one worker's integer totals. Adding patients and merging accums
// commute, so any split of patients among workers gives the same totals.
type accum struct {
	patients  int64
	occ       []int64  // per state, a difference array over grid indices 0..nGrid
	entered   []int64  // per state: patients ever in it
	timeSum   []u128   // per state: Σ ticks spent in it before the horizon
	timeSq    []u128   // per state: Σ (ticks per patient)²
	started   []int64  // per endpoint: patients who started it
	ev0       []int64  // per endpoint: events at exactly 0 time since start
	comp0     []int64  // per endpoint: competing events at exactly 0
	ev        []int64  // per endpoint × bin: events
	comp      []int64  // per endpoint × bin: competing events
	cens      []int64  // per endpoint × bin: censored at the horizon
	enteredBy []int64  // per share-entering target with a time: patients in its state by then
	condNum   []int64  // per conditional target: patients entering its states (after its among set)
	condDen   []int64  // per conditional target: its denominator
	groups    []*accum // with subgroups: each subgroup's totals (accum_groups.go); the fields above then stay zero until total()
}

func newAccum(l layout) *accum {
	a := newAccumOnly(l)
	for range l.nGroups {
		a.groups = append(a.groups, newAccumOnly(l))
	}
	return a
}

func newAccumOnly(l layout) *accum {
	return &accum{
		occ:       padded[int64](l.nStates * (l.nGrid + 1)),
		entered:   padded[int64](l.nStates),
		timeSum:   padded[u128](l.nStates),
		timeSq:    padded[u128](l.nStates),
		started:   padded[int64](l.nEp),
		ev0:       padded[int64](l.nEp),
		comp0:     padded[int64](l.nEp),
		ev:        padded[int64](l.nEp * l.nBins),
		comp:      padded[int64](l.nEp * l.nBins),
		cens:      padded[int64](l.nEp * l.nBins),
		enteredBy: padded[int64](l.nEntering),
		condNum:   padded[int64](l.nCond),
		condDen:   padded[int64](l.nCond),
	}
}

// padded allocates a slice with at least 64 elements (≥ 64 bytes, a cache
// line) of slack on either side, so that small per-worker counters written for
// every patient never share a cache line with another worker's (false
// sharing halved the speed of two workers before this).
func padded[T any](n int) []T {
	const pad = 64
	return make([]T, n+2*pad)[pad : pad+n : pad+n]
}

// reset zeroes every total, to reuse a for another run of the same layout.
func (a *accum) reset() {
	a.patients = 0
	for _, s := range [][]int64{a.occ, a.entered, a.started, a.ev0, a.comp0, a.ev, a.comp, a.cens} {
		clear(s)
	}
	clear(a.timeSum)
	clear(a.timeSq)
	clear(a.enteredBy)
	clear(a.condNum)
	clear(a.condDen)
	for _, g := range a.groups {
		g.reset()
	}
}

// merge adds b's totals to a.
func (a *accum) merge(b *accum) {
	a.patients += b.patients
	addInts(a.occ, b.occ)
	addInts(a.entered, b.entered)
	for i := range a.timeSq {
		a.timeSum[i].add(b.timeSum[i])
		a.timeSq[i].add(b.timeSq[i])
	}
	addInts(a.started, b.started)
	addInts(a.ev0, b.ev0)
	addInts(a.comp0, b.comp0)
	addInts(a.ev, b.ev)
	addInts(a.comp, b.comp)
	addInts(a.cens, b.cens)
	addInts(a.enteredBy, b.enteredBy)
	addInts(a.condNum, b.condNum)
	addInts(a.condDen, b.condDen)
	for i, g := range b.groups {
		a.groups[i].merge(g)
	}
}

func addInts(dst, src []int64) {
	for i, x := range src {
		dst[i] += x
	}
}
