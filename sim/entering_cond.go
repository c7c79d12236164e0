package sim

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/blinasim/blinasim/model"
)

// condTargets are the share-entering targets over a set of states,
// optionally among the patients who entered another set first (of
// responders, the share transplanted): the numerator counts patients whose
// entry into one of States is at or after their first entry into one of Among
// (at the start when there is no Among), both by the target's time (the
// horizon when it has none); the denominator counts patients who entered
// Among by then (everyone when there is no Among). A state in both sets
// counts its own entry.
type condTargets struct {
	of        []int // per model target: its index here, or -1
	times     []float64
	hasAmong  uint64   // targets with an Among set
	amongMask []uint64 // per state: targets whose Among it is in
	inMask    []uint64 // per state: targets whose States it is in
}

// maxCondTargets is how many conditional targets a model may have (bits in a mask).
const maxCondTargets = 64

func (p *Program) compileCond(m *model.Model, idx map[string]int32) error {
	c := &condTargets{of: make([]int, len(m.Targets))}
	n := 0
	for i, t := range m.Targets {
		c.of[i] = -1
		if t.Measure != model.MeasureShareEntering || (len(t.States) == 0 && len(t.Among) == 0) {
			continue
		}
		if n == maxCondTargets {
			return fmt.Errorf("more than %d share-entering targets over state sets", maxCondTargets)
		}
		if c.amongMask == nil {
			c.amongMask, c.inMask = make([]uint64, len(m.States)), make([]uint64, len(m.States))
		}
		bit := uint64(1) << n
		for _, s := range t.EnteringStates() {
			c.inMask[idx[s]] |= bit
		}
		for _, s := range t.Among {
			c.amongMask[idx[s]] |= bit
		}
		if len(t.Among) > 0 {
			c.hasAmong |= bit
		}
		tm := t.Time
		if tm <= 0 || tm > m.Horizon {
			tm = m.Horizon
		}
		c.of[i] = n
		c.times = append(c.times, tm)
		n++
	}
	if n > 0 {
		p.cond = c
	}
	return nil
}

// condStart begins a patient: targets without Among start at time 0.
func (w *worker) condStart() {
	c := w.p.cond
	for k := range c.times {
		w.cStart[k], w.cHit[k] = math.Inf(1), math.Inf(1)
		if c.hasAmong&(1<<k) == 0 {
			w.cStart[k] = 0
		}
	}
}

// condEnter records entry into state at t for the conditional targets.
func (w *worker) condEnter(state int32, t float64) {
	c := w.p.cond
	for m := c.amongMask[state]; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m)
		if w.cStart[k] > t {
			w.cStart[k] = t
		}
	}
	for m := c.inMask[state]; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m)
		if t >= w.cStart[k] && w.cHit[k] > t {
			w.cHit[k] = t
		}
	}
}

// condCount adds the patient to the conditional targets' counters.
func (w *worker) condCount() {
	for k, tm := range w.p.cond.times {
		if w.cStart[k] <= tm {
			w.acc.condDen[k]++
			if w.cHit[k] <= tm {
				w.acc.condNum[k]++
			}
		}
	}
}
