package sim

import (
	"fmt"
	"math"
	"math/bits"
)

// maxVisits bounds the state visits of one patient: more means a cycle of exits
// that take no time, which would never reach the horizon.
const maxVisits = 1 << 20

// Visit is one stay in a state, for tracing single patients.
type Visit struct {
	State       int     // index into the model's states
	Entry, Exit float64 // Exit is +Inf for a stay that lasts past the horizon
}

// worker simulates patients into its own accumulator. Its scratch space is
// allocated once, so simulating a patient allocates nothing.
type worker struct {
	p       *Program
	l       *layout
	acc     *accum
	stTicks []int64   // per state: ticks spent by the current patient
	stIn    []bool    // per state: the current patient has been in it
	stFirst []float64 // per state: the current patient's first entry time (when stIn)
	epStart []float64 // per endpoint: the current patient's start time
	epEvent []float64 // per endpoint: time of the current patient's event since start; +Inf if none (competing, censored)
	av      []float64 // per attribute: the current patient's value (attr_patient.go)
	root    *accum    // with subgroups: the accumulator whose groups acc points into per patient
	level   int       // with subgroups: the current patient's baseline level
	cStart  []float64 // per conditional target: first entry into its among set (entering_cond.go)
	cHit    []float64 // per conditional target: first entry into its states at or after cStart
}

func newWorker(p *Program, l *layout) *worker {
	w := &worker{p: p, l: l, acc: newAccum(*l),
		stTicks: padded[int64](l.nStates), stIn: padded[bool](l.nStates), stFirst: padded[float64](l.nStates),
		epStart: padded[float64](l.nEp), epEvent: padded[float64](l.nEp)}
	if p.cond != nil {
		w.cStart, w.cHit = padded[float64](len(p.cond.times)), padded[float64](len(p.cond.times))
	}
	if p.attr != nil {
		w.av, w.root = padded[float64](len(p.attr.attrs)), w.acc
	}
	return w
}

// patient simulates one patient with key pk. If trace is not nil the visits are
// appended to it (tests only: appending allocates).
func (w *worker) patient(pk uint64, trace *[]Visit) error {
	if w.p.attr != nil {
		return w.patientAttr(pk, trace)
	}
	p, acc := w.p, w.acc
	h := p.horizon
	clear(w.stTicks)
	clear(w.stIn)
	for k := range w.epEvent {
		w.epEvent[k] = math.Inf(1)
	}
	acc.patients++
	if p.cond != nil {
		w.condStart()
	}

	vk := visitKey(pk, 0)
	state := p.initSt
	if len(p.initial) > 0 {
		u := uniform(vk, drawInitial)
		state = 0
		for u >= p.initial[state] {
			state++
		}
	}
	var running, done uint64 = p.fromZero, 0
	for m := p.fromZero; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m)
		w.epStart[k] = 0
		acc.started[k]++
	}
	t := 0.0
	running = w.enter(state, t, running, &done, true)
	for visit := uint32(0); ; {
		st := p.states[state]
		best, bestE := math.Inf(1), -1
		for e := 0; e < int(st.n); e++ {
			ex := &p.exits[int(st.first)+e]
			var at float64
			switch ex.kind {
			case kindExp:
				at = t + expo(vk, drawTime(e))*ex.k
			case kindWeibull:
				at = t + ex.k*math.Exp((fastLog(expo(vk, drawTime(e)))-ex.logHR)*ex.invSh)
			case kindFixed:
				at = ex.k
				if !ex.forward {
					at += t
				} else if at < t {
					at = t
				}
			default:
				y := expo(vk, drawTime(e)) * ex.invHR
				if ex.forward {
					at = ex.tr * ex.dist.InvCumHazard(ex.dist.CumHazard(t/ex.tr)+y)
					if at < t {
						at = t
					}
				} else {
					at = t + ex.tr*ex.dist.InvCumHazard(y)
				}
			}
			if at < best {
				best, bestE = at, e
			}
		}
		if best >= h {
			w.stay(state, t, math.Inf(1), trace)
			break
		}
		w.stay(state, t, best, trace)
		ex := &p.exits[int(st.first)+bestE]
		next := ex.to
		if next < 0 {
			u := uniform(vk, drawBranch(bestE))
			a := ex.bFirst
			for u >= p.armCum[a] {
				a++
			}
			next = p.armTo[a]
		}
		visit++
		if visit >= maxVisits {
			return fmt.Errorf("a patient made %d transitions before time %g: the model has a cycle of exits that take no time", maxVisits, t)
		}
		vk = visitKey(pk, visit)
		t, state = best, next
		running = w.enter(state, t, running, &done, false)
	}
	w.finish(running)
	return nil
}

// finish censors the endpoints still running at the horizon and adds the
// patient's states to the totals.
func (w *worker) finish(running uint64) {
	l, acc, h := w.l, w.acc, w.p.horizon
	for m := running; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m)
		acc.cens[k*l.nBins+l.bin(h-w.epStart[k])]++
	}
	w.countEntering()
	for s, x := range w.stTicks {
		if w.stIn[s] {
			acc.entered[s]++
			acc.timeSum[s].add64(uint64(x))
			acc.timeSq[s].addSquare(uint64(x))
		}
	}
}

// enter records entry into state at time t and returns the endpoints running
// afterwards. An entry is an endpoint's event only if the endpoint was already
// running (the first later entry); the initial placement is never an event.
func (w *worker) enter(state int32, t float64, running uint64, done *uint64, initial bool) uint64 {
	p, acc := w.p, w.acc
	if !w.stIn[state] {
		w.stFirst[state] = t
	}
	w.stIn[state] = true
	if p.cond != nil {
		w.condEnter(state, t)
	}
	if !initial {
		if m := p.eventMask[state] & running; m != 0 {
			w.record(m, t, acc.ev, acc.ev0, w.epEvent)
			running &^= m
			*done |= m
		}
		if m := p.compMask[state] & running; m != 0 {
			w.record(m, t, acc.comp, acc.comp0, nil)
			running &^= m
			*done |= m
		}
	}
	if sm := p.startMask[state] &^ (running | *done); sm != 0 {
		for m := sm; m != 0; m &= m - 1 {
			k := bits.TrailingZeros64(m)
			w.epStart[k] = t
			acc.started[k]++
		}
		running |= sm
	}
	return running
}

// record counts, for each endpoint in m, an event at time t (since the
// endpoint's start) in its histogram hist, or in zero when it is at time 0,
// and keeps the time in times when that is not nil.
func (w *worker) record(m uint64, t float64, hist, zero []int64, times []float64) {
	for ; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m)
		x := t - w.epStart[k]
		if x > 0 {
			hist[k*w.l.nBins+w.l.bin(x)]++
		} else {
			zero[k]++
		}
		if times != nil {
			times[k] = x
		}
	}
}

// stay records a stay in state from a to b (b may be +Inf: past the horizon).
func (w *worker) stay(state int32, a, b float64, trace *[]Visit) {
	l, acc := w.l, w.acc
	row := int(state) * (l.nGrid + 1)
	acc.occ[row+l.gridIndex(a)]++
	acc.occ[row+l.gridIndex(b)]--
	end := b
	if end > l.horizon {
		end = l.horizon
	}
	w.stTicks[state] += l.ticks(end) - l.ticks(a)
	if trace != nil {
		*trace = append(*trace, Visit{State: int(state), Entry: a, Exit: b})
	}
}
