package sim

import "github.com/blinasim/blinasim/model"

// enteringBy is a share-entering target with a time: the share of patients
// whose first entry into state is at or before time (starting there counts).
type enteringBy struct {
	state int32
	time  float64
}

// compileEntering lists the model's share-entering targets that have a time
// within the horizon; the others need no counter (no time: the share ever in
// the state; past the horizon: not simulated). It returns, per target, its
// counter's index or -1.
func (p *Program) compileEntering(m *model.Model, idx map[string]int32) {
	p.enteringOf = make([]int, len(m.Targets))
	for i, t := range m.Targets {
		p.enteringOf[i] = -1
		if t.Measure == model.MeasureShareEntering && t.Time > 0 && t.Time <= m.Horizon && len(t.States) == 0 && len(t.Among) == 0 {
			p.enteringOf[i] = len(p.entering)
			p.entering = append(p.entering, enteringBy{state: idx[t.State], time: t.Time})
		}
	}
}

// countEntering adds the current patient to the counters of the targets whose
// state it first entered by their time.
func (w *worker) countEntering() {
	for k, e := range w.p.entering {
		if w.stIn[e.state] && w.stFirst[e.state] <= e.time {
			w.acc.enteredBy[k]++
		}
	}
	if w.p.cond != nil {
		w.condCount()
	}
}
