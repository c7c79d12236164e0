package sim

import "math"

// team is one goroutine's workers, one per program, and the pair accumulators
// of programs 1.. against program 0.
type team struct {
	ws    []*worker
	pairs []*pairAccum
}

func newTeam(progs []*Program, ls []*layout) *team {
	tm := &team{ws: make([]*worker, len(progs))}
	for s, p := range progs {
		tm.ws[s] = newWorker(p, ls[s])
	}
	tm.pairs = newPairs(progs, ls)
	return tm
}

// newPairs returns empty pair totals of programs 1.. against program 0.
func newPairs(progs []*Program, ls []*layout) []*pairAccum {
	var pairs []*pairAccum
	for s := 1; s < len(progs); s++ {
		pa := newPairAccum(progs[0], progs[s], ls[0])
		addGroupPairs(pa, progs[0], progs[s], ls[0])
		pairs = append(pairs, pa)
	}
	return pairs
}

// patient simulates one patient under every program, then adds the pairs.
func (tm *team) patient(pk uint64) error {
	for _, w := range tm.ws {
		if err := w.patient(pk, nil); err != nil {
			return err
		}
	}
	for s, pa := range tm.pairs {
		pa.add(tm.ws[0], tm.ws[s+1])
		if len(pa.groups) > 0 {
			pa.groups[tm.ws[0].level].add(tm.ws[0], tm.ws[s+1])
		}
	}
	return nil
}

// pairedEndpoint is an endpoint both programs have, by name, starting at time
// 0 in both, so that every patient has an outcome under each and the outcomes
// can be compared patient by patient.
type pairedEndpoint struct {
	name   string
	k0, k1 int     // endpoint indices in the base and the other program
	tau    float64 // the RMST window, the same in both
	// m0, m1 are the thresholds at which the two outcomes' indicators are
	// counted for the correlation of the medians (pairs_median.go): the
	// pilot's medians; NaN (nothing counted) until the pilot sets them.
	m0, m1 float64
}

// pairAccum holds per-patient comparisons of one program against the base,
// as integers (mergeable in any order). For each paired endpoint and landmark,
// the discordant pairs: n10 patients with the event by t in the base but not
// in the other, n01 the reverse. For each paired endpoint, the per-patient
// difference d = min(T₁, τ) − min(T₀, τ) in ticks, as sums of its positive and
// negative parts and of its square. For each paired endpoint, q0 patients
// without the event by the base's threshold m0, q1 without it by m1 in the
// other, q11 both (pairs_median.go).
type pairAccum struct {
	eps        []pairedEndpoint
	landmarks  []float64 // the base's landmarks within the common horizon
	tickScale  float64
	n          int64
	n10, n01   []int64      // per endpoint × landmark
	dPos, dNeg []u128       // per endpoint
	dSq        []u128       // per endpoint
	q0, q1     []int64      // per endpoint
	q11        []int64      // per endpoint
	groups     []*pairAccum // per subgroup, when both programs share them (pairs_groups.go)
}

// newPairAccum pairs the endpoints of p1 with those of the base p0. Pairs need
// the same horizon (RMST and landmarks mean the same thing); without it no
// endpoint is paired. An endpoint is paired only with the same RMST window τ
// in both.
func newPairAccum(p0, p1 *Program, l0 *layout) *pairAccum {
	pa := &pairAccum{tickScale: l0.tickScale}
	if p0.horizon != p1.horizon {
		return pa
	}
	for _, t := range p0.Model.Landmarks {
		if t <= p0.horizon {
			pa.landmarks = append(pa.landmarks, t)
		}
	}
	for k0, e0 := range p0.endpoints {
		for k1, e1 := range p1.endpoints {
			tau := p0.Model.TauOf(e0)
			if e0.Name == e1.Name && e0.Kind == e1.Kind && p0.fromZero&(1<<k0) != 0 && p1.fromZero&(1<<k1) != 0 && tau == p1.Model.TauOf(e1) {
				pa.eps = append(pa.eps, pairedEndpoint{name: e0.Name, k0: k0, k1: k1, tau: tau, m0: math.NaN(), m1: math.NaN()})
			}
		}
	}
	nl := len(pa.eps) * len(pa.landmarks)
	pa.n10, pa.n01 = padded[int64](nl), padded[int64](nl)
	pa.dPos, pa.dNeg, pa.dSq = padded[u128](len(pa.eps)), padded[u128](len(pa.eps)), padded[u128](len(pa.eps))
	pa.q0, pa.q1, pa.q11 = padded[int64](len(pa.eps)), padded[int64](len(pa.eps)), padded[int64](len(pa.eps))
	return pa
}

// add compares one patient's outcomes under the base (w0) and the other (w1).
func (pa *pairAccum) add(w0, w1 *worker) {
	pa.n++
	nl := len(pa.landmarks)
	for i, e := range pa.eps {
		t0, t1 := w0.epEvent[e.k0], w1.epEvent[e.k1]
		for j, t := range pa.landmarks {
			switch a, b := t0 <= t, t1 <= t; {
			case a && !b:
				pa.n10[i*nl+j]++
			case b && !a:
				pa.n01[i*nl+j]++
			}
		}
		d := int64(math.Round(math.Min(t1, e.tau)*pa.tickScale)) - int64(math.Round(math.Min(t0, e.tau)*pa.tickScale))
		if d >= 0 {
			pa.dPos[i].add64(uint64(d))
		} else {
			d = -d
			pa.dNeg[i].add64(uint64(d))
		}
		pa.dSq[i].addSquare(uint64(d))
		pa.addQuadrant(i, t0, t1)
	}
}

// addQuadrant counts one patient's outcomes at endpoint i's thresholds:
// without the event by m0 in the base, by m1 in the other, or both (t > NaN
// is false: nothing is counted before the thresholds are set).
func (pa *pairAccum) addQuadrant(i int, t0, t1 float64) {
	e := &pa.eps[i]
	a, b := t0 > e.m0, t1 > e.m1
	if a {
		pa.q0[i]++
	}
	if b {
		pa.q1[i]++
	}
	if a && b {
		pa.q11[i]++
	}
}

// merge adds b's counts to pa (same programs, same pairs).
func (pa *pairAccum) merge(b *pairAccum) {
	pa.n += b.n
	addInts(pa.n10, b.n10)
	addInts(pa.n01, b.n01)
	addInts(pa.q0, b.q0)
	addInts(pa.q1, b.q1)
	addInts(pa.q11, b.q11)
	for i := range pa.dPos {
		pa.dPos[i].add(b.dPos[i])
		pa.dNeg[i].add(b.dNeg[i])
		pa.dSq[i].add(b.dSq[i])
	}
	for i, g := range b.groups {
		pa.groups[i].merge(g)
	}
}
