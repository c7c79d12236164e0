package sim

import (
	"fmt"
	"math"
	"math/bits"
)

// baselineVisit is the visit number whose key the baseline draws use: no
// patient reaches it (maxVisits is far smaller), so baseline draws never
// share a key with a state visit's draws.
const baselineVisit = math.MaxUint32

// patientAttr is patient for a model with attributes: the same loop, plus the
// baseline draws, the updates on entry, and exits that depend on attributes.
// The plain loop stays free of all of it, so models without attributes run
// at their old speed.
//
// Draws: the first attribute with baseline shares (the primary) is drawn from
// the uniform that picks the initial state, level-major: its level is the
// first whose cumulative share exceeds u, and the initial state is then
// picked with the rescaled uniform (u − C[l−1])/share[l], which is uniform
// and independent of the level. So a model whose primary category only
// selects hazards draws exactly what the same model written with one copy of
// each state per level draws (copies ordered level by level). The other drawn
// attributes each use a uniform keyed by the attribute's name on a visit no
// patient reaches. Either way a patient's baseline depends on the seed, the
// patient and the attribute's declaration only, so it is the same in every
// scenario (common random numbers).
func (w *worker) patientAttr(pk uint64, trace *[]Visit) error {
	p, a := w.p, w.p.attr
	h := p.horizon
	vk := visitKey(pk, 0)
	stateU := w.baseline(pk, vk)
	if a.group >= 0 {
		w.level = int(w.av[a.group])
		w.acc = w.root.groups[w.level]
	}
	acc := w.acc
	clear(w.stTicks)
	clear(w.stIn)
	for k := range w.epEvent {
		w.epEvent[k] = math.Inf(1)
	}
	acc.patients++
	if p.cond != nil {
		w.condStart()
	}
	state := p.initSt
	if len(p.initial) > 0 {
		u := stateU
		if a.primary < 0 {
			u = uniform(vk, drawInitial)
		}
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
	w.update(state, t)
	for visit := uint32(0); ; {
		st := p.states[state]
		best, bestE := math.Inf(1), -1
		for e := 0; e < int(st.n); e++ {
			at := w.latentAttr(int(st.first)+e, vk, e, t)
			if at < best {
				best, bestE = at, e
			}
		}
		if best >= h {
			w.stay(state, t, math.Inf(1), trace)
			break
		}
		w.stay(state, t, best, trace)
		xi := int(st.first) + bestE
		ex, xa := &p.exits[xi], &a.exits[xi]
		next := ex.to
		if next < 0 {
			u := uniform(vk, drawBranch(bestE))
			cum := p.armCum[ex.bFirst : ex.bFirst+ex.bN]
			if xa.branchBy >= 0 {
				off := int(xa.levelCum) + int(w.av[xa.branchBy])*int(ex.bN)
				cum = a.levelArmCum[off : off+int(ex.bN)]
			}
			k := 0
			for u >= cum[k] {
				k++
			}
			next = p.armTo[int(ex.bFirst)+k]
		}
		visit++
		if visit >= maxVisits {
			return fmt.Errorf("a patient made %d transitions before time %g: the model has a cycle of exits that take no time", maxVisits, t)
		}
		vk = visitKey(pk, visit)
		t, state = best, next
		running = w.enter(state, t, running, &done, false)
		w.update(state, t)
	}
	w.finish(running)
	return nil
}

// update applies a state's updates on entry at time t.
func (w *worker) update(state int32, t float64) {
	a := w.p.attr
	for _, u := range a.upd[a.updFrom[state]:a.updFrom[state+1]] {
		switch u.op {
		case opSet:
			w.av[u.attr] = u.x
		case opAdd:
			w.av[u.attr] += u.x
		default:
			w.av[u.attr] = t
		}
	}
}

// latentAttr returns the time exit xi (the e-th of its state) happens for a
// patient who entered the state at t: +Inf when the exit is closed. The
// arithmetic is the plain loop's, with the hazard ratio the attributes give
// (constants rebuilt from it exactly as compileExit builds them, so a ratio
// equal to one written on the exit draws the same bits), and the clock's
// origin: entry (reset), 0 (forward) or a recorded time (since).
func (w *worker) latentAttr(xi int, vk uint64, e int, t float64) float64 {
	ex, xa, av := &w.p.exits[xi], &w.p.attr.exits[xi], w.av
	for i := range xa.conds {
		c := &xa.conds[i]
		v := av[c.attr]
		if (c.lo <= v && v <= c.hi) == c.neg {
			return math.Inf(1)
		}
	}
	hr := xa.hr
	for i := range xa.effects {
		f := &xa.effects[i]
		v := av[f.attr]
		switch {
		case f.linear:
			hr *= math.Exp(f.beta * v)
		case f.lo <= v && v < f.hi:
			hr *= f.hr
		}
	}
	origin, shifted := t, ex.forward
	if ex.forward {
		origin = 0
	}
	if xa.since >= 0 {
		origin, shifted = av[xa.since], true
		if math.IsNaN(origin) {
			return math.Inf(1) // never recorded: only on a path validation could not see was closed
		}
	}
	var at float64
	switch {
	case ex.kind == kindExp:
		k := ex.k
		if hr != xa.hr {
			k = ex.tr / (hr * xa.rate)
		}
		at = t + expo(vk, drawTime(e))*k
	case ex.kind == kindFixed:
		if shifted {
			at = origin + ex.k
		} else {
			at = ex.k + t
		}
		if at < t {
			at = t
		}
	case ex.kind == kindWeibull && !shifted:
		logHR := ex.logHR
		if hr != xa.hr {
			logHR = math.Log(hr)
		}
		at = t + ex.k*math.Exp((fastLog(expo(vk, drawTime(e)))-logHR)*ex.invSh)
	default:
		invHR := ex.invHR
		if hr != xa.hr {
			invHR = 1 / hr
		}
		y := expo(vk, drawTime(e)) * invHR
		if shifted {
			at = origin + ex.tr*ex.dist.InvCumHazard(ex.dist.CumHazard((t-origin)/ex.tr)+y)
			if at < t {
				at = t
			}
		} else {
			at = t + ex.tr*ex.dist.InvCumHazard(y)
		}
	}
	return at
}

// baseline draws the patient's baseline attributes into w.av and returns the
// uniform that picks the initial state (NaN when there is no primary
// attribute: the initial state then has its own draw).
func (w *worker) baseline(pk, vk uint64) float64 {
	a, av := w.p.attr, w.av
	bk := visitKey(pk, baselineVisit)
	stateU := math.NaN()
	for i := range a.attrs {
		c := &a.attrs[i]
		switch {
		case c.shares != nil:
			var u float64
			if i == a.primary {
				u = uniform(vk, drawInitial)
			} else {
				u = uniform(bk^c.key, 0)
			}
			lv := 0
			for u >= c.shares[lv] {
				lv++
			}
			av[i] = float64(lv)
			if i == a.primary {
				lo := 0.0
				if lv > 0 {
					lo = c.shares[lv-1]
				}
				stateU = (u - lo) / c.probs[lv]
			}
		case c.dist != nil:
			av[i] = c.dist.InvCumHazard(expo(bk^c.key, 0))
		default:
			av[i] = c.init
		}
	}
	return stateU
}
