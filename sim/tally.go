package sim

import (
	"context"
	"fmt"
)

// Tally is the integer totals of a run of programs on the same patients (their
// accumulators and the pairs' comparisons), before anything is estimated from
// them. Totals of disjoint spans of patients add up exactly, in any order, to
// the totals of their union: a run split into shards and merged gives the
// same results, bit for bit, as the run in one piece.
type Tally struct {
	progs []*Program
	ls    []*layout
	accs  []*accum
	pairs []*pairAccum
	opts  Options // with defaults applied
}

// SimulateScenarios simulates the patients of opts.Span (all when nil) under
// every program (the first is the base), as RunScenarios does, and returns
// their totals.
func SimulateScenarios(ctx context.Context, progs []*Program, opts Options) (*Tally, error) {
	accs, ls, pairs, err := simulateAll(ctx, progs, opts)
	if err != nil {
		return nil, err
	}
	opts, _ = opts.withDefaults() // simulateAll has checked them
	return &Tally{progs: progs, ls: ls, accs: accs, pairs: pairs, opts: opts}, nil
}

// NewTally returns empty totals for programs run with opts, to add the totals
// of shards to (AddInts).
func NewTally(progs []*Program, opts Options) (*Tally, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	t := &Tally{progs: progs, opts: opts}
	for _, p := range progs {
		o := opts.withStep(p.horizon)
		l, err := newLayout(p, o.Step, o.BinsPerStep)
		if err != nil {
			return nil, err
		}
		t.ls = append(t.ls, &l)
		t.accs = append(t.accs, newAccum(l))
	}
	t.pairs = newPairs(progs, t.ls)
	return t, nil
}

// Patients is the number of patients the totals hold (per program).
func (t *Tally) Patients() int64 { return t.accs[0].total(*t.ls[0]).patients }

// Results estimates every program's results and each later program's
// comparison with the base from the totals, as RunScenarios returns them.
func (t *Tally) Results() ([]*Result, []Comparison) {
	results := make([]*Result, len(t.progs))
	for s, p := range t.progs {
		results[s] = estimate(p, t.ls[s], t.accs[s], t.opts)
	}
	var comps []Comparison
	for s := 1; s < len(t.progs); s++ {
		c := compare(results[0], results[s], t.pairs[s-1])
		groupComparisons(&c, results[0], results[s], t.pairs[s-1])
		comps = append(comps, c)
	}
	return results, comps
}

// Ints returns the totals as arrays of integers, in a fixed order that
// AddInts reads back (128-bit sums as two integers each, high then low).
func (t *Tally) Ints() [][]int64 {
	var out [][]int64
	for _, a := range t.accs {
		out = append(out, a.ints()...)
	}
	for _, p := range t.pairs {
		out = append(out, p.ints()...)
	}
	return out
}

// AddInts adds totals written by Ints (of a run of the same programs with the
// same options) to t. Arrays of the wrong number or length are an error, and
// then t is unchanged.
func (t *Tally) AddInts(xs [][]int64) error {
	u, err := NewTally(t.progs, t.opts)
	if err != nil {
		return err
	}
	want := u.Ints()
	if len(xs) != len(want) {
		return fmt.Errorf("%d arrays of totals, but these programs have %d", len(xs), len(want))
	}
	for i, w := range want {
		if len(xs[i]) != len(w) {
			return fmt.Errorf("array %d of the totals has %d numbers, but these programs have %d", i, len(xs[i]), len(w))
		}
	}
	i := 0
	next := func() []int64 { i++; return xs[i-1] }
	for _, a := range u.accs {
		a.readInts(next)
	}
	for _, p := range u.pairs {
		p.readInts(next)
	}
	t.merge(u)
	return nil
}

// ints lists a's totals as arrays of integers (see Tally.Ints), then each
// subgroup's.
func (a *accum) ints() [][]int64 {
	xs := [][]int64{{a.patients}, a.occ, a.entered, u128Ints(a.timeSum), u128Ints(a.timeSq),
		a.started, a.ev0, a.comp0, a.ev, a.comp, a.cens, a.enteredBy, a.condNum, a.condDen}
	for _, g := range a.groups {
		xs = append(xs, g.ints()...)
	}
	return xs
}

// readInts sets a's totals from arrays listed by ints, of the right lengths.
func (a *accum) readInts(next func() []int64) {
	a.patients = next()[0]
	copy(a.occ, next())
	copy(a.entered, next())
	setU128(a.timeSum, next())
	setU128(a.timeSq, next())
	for _, dst := range [][]int64{a.started, a.ev0, a.comp0, a.ev, a.comp, a.cens, a.enteredBy, a.condNum, a.condDen} {
		copy(dst, next())
	}
	for _, g := range a.groups {
		g.readInts(next)
	}
}

// ints lists p's totals as arrays of integers (see Tally.Ints), then each
// subgroup's.
func (p *pairAccum) ints() [][]int64 {
	xs := [][]int64{{p.n}, p.n10, p.n01, u128Ints(p.dPos), u128Ints(p.dNeg), u128Ints(p.dSq), p.q0, p.q1, p.q11}
	for _, g := range p.groups {
		xs = append(xs, g.ints()...)
	}
	return xs
}

// readInts sets p's totals from arrays listed by ints, of the right lengths.
func (p *pairAccum) readInts(next func() []int64) {
	p.n = next()[0]
	copy(p.n10, next())
	copy(p.n01, next())
	setU128(p.dPos, next())
	setU128(p.dNeg, next())
	setU128(p.dSq, next())
	copy(p.q0, next())
	copy(p.q1, next())
	copy(p.q11, next())
	for _, g := range p.groups {
		g.readInts(next)
	}
}

// merge adds u's totals (same programs and options) to t.
func (t *Tally) merge(u *Tally) {
	for s := range t.accs {
		t.accs[s].merge(u.accs[s])
	}
	for s := range t.pairs {
		t.pairs[s].merge(u.pairs[s])
	}
}

// u128Ints lays out 128-bit sums as integers, high then low word.
func u128Ints(xs []u128) []int64 {
	out := make([]int64, 2*len(xs))
	for i, x := range xs {
		out[2*i], out[2*i+1] = int64(x.hi), int64(x.lo)
	}
	return out
}

// setU128 reads 128-bit sums laid out by u128Ints.
func setU128(dst []u128, xs []int64) {
	for i := range dst {
		dst[i] = u128{hi: uint64(xs[2*i]), lo: uint64(xs[2*i+1])}
	}
}
