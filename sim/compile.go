package sim

import (
	"fmt"
	"math"

	"github.com/blinasim/blinasim/model"
)

// cumHazard is what the engine needs of a distribution: its cumulative hazard
// and the inverse, to draw T = H⁻¹(H(t0) + E) by inversion.
type cumHazard interface {
	CumHazard(t float64) float64
	InvCumHazard(y float64) float64
}

// exit kinds: the hot loop special-cases the two that need no interface call.
const (
	kindExp     uint8 = iota // T = t0 + E·k, memoryless, any clock
	kindFixed                // T = tr·d (reset: from entry; forward: absolute), no draw
	kindWeibull              // clock reset: T = t0 + k·exp((log E − log hr)/shape)
	kindDist                 // general: inversion through cumHazard
)

type cexit struct {
	kind    uint8
	forward bool
	k       float64 // exponential: tr/(hr·rate); fixed: tr·duration; Weibull: tr·scale
	invHR   float64 // 1/hr
	logHR   float64 // log hr (Weibull)
	invSh   float64 // 1/shape (Weibull)
	tr      float64
	dist    cumHazard
	to      int32 // destination, or -1 for a branch
	bFirst  int32 // branch arms [bFirst, bFirst+bN) in Program.armTo/armCum
	bN      int32
}

type cstate struct {
	first, n int32 // exits [first, first+n); n == 0: absorbing
}

// Program is a model compiled to a flat form for simulation: states and exits
// by index, distributions built from parameter values, endpoint membership as
// bit masks. It is read-only once built and shared by all workers.
type Program struct {
	Model   *model.Model // the model it was compiled from
	horizon float64

	states  []cstate
	exits   []cexit
	armTo   []int32
	armCum  []float64 // cumulative probabilities within each branch
	initial []float64 // cumulative initial probabilities; len 0: start in initState
	initSt  int32

	endpoints []model.Endpoint // OS first
	startMask []uint64         // per state: endpoints that start on entry
	eventMask []uint64         // per state: endpoints whose event is entry
	compMask  []uint64         // per state: endpoints whose competing event is entry
	fromZero  uint64           // endpoints that start at time 0

	entering   []enteringBy // share-entering targets with a time, each with a counter
	enteringOf []int        // per model target: its index in entering, or -1

	attr *attrProgram // attributes (attr_compile.go); nil: none, the plain loop runs
	cond *condTargets // share-entering targets over state sets (entering_cond.go); nil: none
}

// maxEndpoints is how many endpoints a model may have (bits in a mask).
const maxEndpoints = 64

// Compile validates m and builds its program with the parameters' values from
// vals (nil: the parameters' own values). The numbers vals give are checked
// again (distribution parameters, probabilities, sums), since values drawn for
// a sensitivity analysis can break what the model's own values satisfy.
func Compile(m *model.Model, vals model.Values) (*Program, error) {
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("model %q: %w", m.Name, err)
	}
	if vals == nil {
		vals = m.Values()
	} else {
		vals = m.Derive(vals) // derived values follow the values given
	}
	idx := make(map[string]int32, len(m.States))
	for i, s := range m.States {
		idx[s.Name] = int32(i)
	}
	p := &Program{Model: m, horizon: m.Horizon, states: make([]cstate, len(m.States))}
	for i, s := range m.States {
		p.states[i] = cstate{first: int32(len(p.exits)), n: int32(len(s.Exits))}
		for _, e := range s.Exits {
			ce, err := p.compileExit(e, vals, idx)
			if err != nil {
				return nil, fmt.Errorf("model %q: state %q, exit %q: %w", m.Name, s.Name, e.ExitName(), err)
			}
			p.exits = append(p.exits, ce)
		}
	}
	if err := p.compileInitial(m, vals); err != nil {
		return nil, fmt.Errorf("model %q: %w", m.Name, err)
	}
	if err := p.compileEndpoints(m, idx); err != nil {
		return nil, fmt.Errorf("model %q: %w", m.Name, err)
	}
	p.compileEntering(m, idx)
	if err := p.compileCond(m, idx); err != nil {
		return nil, fmt.Errorf("model %q: %w", m.Name, err)
	}
	if err := p.compileAttrs(m, vals, idx); err != nil {
		return nil, fmt.Errorf("model %q: %w", m.Name, err)
	}
	return p, nil
}

func (p *Program) compileExit(e model.Exit, vals model.Values, idx map[string]int32) (cexit, error) {
	dist, err := e.Dist.Build(vals)
	if err != nil {
		return cexit{}, err
	}
	hr, tr := 1.0, 1.0
	if e.HazardRatio != nil {
		if hr, err = vals.Resolve(*e.HazardRatio); err != nil {
			return cexit{}, err
		}
	}
	if e.TimeRatio != nil {
		if tr, err = vals.Resolve(*e.TimeRatio); err != nil {
			return cexit{}, err
		}
	}
	if !(hr > 0) || !(tr > 0) || math.IsInf(hr, 0) || math.IsInf(tr, 0) {
		return cexit{}, fmt.Errorf("hazard ratio %v and time ratio %v must be finite and > 0", hr, tr)
	}
	ce := cexit{forward: e.Clock == model.ClockForward, invHR: 1 / hr, tr: tr, dist: dist, to: -1}
	switch d := dist.(type) {
	case model.Exponential:
		ce.kind, ce.k = kindExp, tr/(hr*d.Rate)
	case model.Fixed:
		ce.kind, ce.k = kindFixed, tr*d.Duration
	case model.Weibull:
		if !ce.forward {
			// H⁻¹(y) = scale·y^(1/shape), with y = E/hr: exp∘log is twice as fast as math.Pow.
			ce.kind, ce.k, ce.logHR, ce.invSh = kindWeibull, tr*d.Scale, math.Log(hr), 1/d.Shape
		} else {
			ce.kind = kindDist
		}
	default:
		ce.kind = kindDist
	}
	if e.To != "" {
		ce.to = idx[e.To]
		return ce, nil
	}
	ce.bFirst, ce.bN = int32(len(p.armTo)), int32(len(e.Branch))
	rest, sum := -1, 0.0
	probs := make([]float64, len(e.Branch))
	for k, a := range e.Branch {
		if a.Rest {
			rest = k
			continue
		}
		if probs[k], err = vals.Resolve(a.Prob); err != nil {
			return cexit{}, err
		}
		sum += probs[k]
	}
	for k, p := range probs {
		if k != rest && !(p >= 0 && p <= 1) {
			return cexit{}, fmt.Errorf("branch probability to %q is %v, outside [0, 1]", e.Branch[k].To, p)
		}
	}
	switch {
	case rest >= 0 && sum > 1+1e-9:
		return cexit{}, fmt.Errorf("branch probabilities sum to %v before `rest`; they must be at most 1", sum)
	case rest < 0 && math.Abs(sum-1) > 1e-9:
		return cexit{}, fmt.Errorf("branch probabilities sum to %v; they must sum to 1", sum)
	case rest >= 0:
		probs[rest] = math.Max(0, 1-sum)
	}
	cum := 0.0
	for k, a := range e.Branch {
		cum += probs[k]
		p.armTo = append(p.armTo, idx[a.To])
		p.armCum = append(p.armCum, cum)
	}
	p.armCum[len(p.armCum)-1] = math.Inf(1) // the last arm catches rounding
	return ce, nil
}

func (p *Program) compileInitial(m *model.Model, vals model.Values) error {
	var probs []float64
	total := 0.0
	for _, s := range m.States {
		x, err := vals.Resolve(s.Initial)
		if err != nil {
			return fmt.Errorf("state %q: initial: %w", s.Name, err)
		}
		if !(x >= 0 && x <= 1) {
			return fmt.Errorf("state %q: initial probability %v outside [0, 1]", s.Name, x)
		}
		probs = append(probs, x)
		total += x
	}
	if math.Abs(total-1) > 1e-9 {
		return fmt.Errorf("initial probabilities sum to %v; they must sum to 1", total)
	}
	for i, x := range probs {
		if x == 1 {
			p.initSt = int32(i)
			return nil
		}
	}
	cum := 0.0
	for _, x := range probs {
		cum += x
		p.initial = append(p.initial, cum)
	}
	p.initial[len(p.initial)-1] = math.Inf(1)
	return nil
}

func (p *Program) compileEndpoints(m *model.Model, idx map[string]int32) error {
	p.endpoints = m.AllEndpoints()
	if len(p.endpoints) > maxEndpoints {
		return fmt.Errorf("%d endpoints: at most %d are supported", len(p.endpoints), maxEndpoints)
	}
	n := len(m.States)
	p.startMask, p.eventMask, p.compMask = make([]uint64, n), make([]uint64, n), make([]uint64, n)
	for k, e := range p.endpoints {
		bit := uint64(1) << k
		if len(e.Start) == 0 {
			p.fromZero |= bit
		}
		for _, s := range e.Start {
			p.startMask[idx[s]] |= bit
		}
		for _, s := range e.Events {
			p.eventMask[idx[s]] |= bit
		}
		for _, s := range e.Competing {
			p.compMask[idx[s]] |= bit
		}
	}
	return nil
}
