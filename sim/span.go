package sim

import "fmt"

// Span is a range of work units [Lo, Hi): patients of a run, draws of a
// probabilistic sensitivity analysis, points of a sensitivity analysis. A
// shard of a run simulates one span of its units; since every draw is keyed by
// the unit's own index (never by the shard), the shards' totals add up to
// those of the whole run exactly.
type Span struct{ Lo, Hi int }

// Len is the number of units in s.
func (s Span) Len() int { return max(0, s.Hi-s.Lo) }

// ShardSpan returns shard k's (0 ≤ k < n) share of units 0..total-1: the
// span [⌊total·k/n⌋, ⌊total·(k+1)/n⌋). The n spans are disjoint, cover every
// unit, and differ in length by at most one.
func ShardSpan(total, k, n int) Span {
	if n < 1 || k < 0 || k >= n || total < 0 {
		panic(fmt.Sprintf("sim: shard %d of %d of %d units", k, n, total)) // programmer error: callers validate
	}
	t := int64(total)
	return Span{Lo: int(t * int64(k) / int64(n)), Hi: int(t * int64(k+1) / int64(n))}
}

// Within returns the part of s that falls in the units [lo, hi), shifted so
// that lo is unit 0: how a span over several analyses one after another (a
// base, then one-way rows, then sweep points) maps onto one of them.
func (s Span) Within(lo, hi int) Span {
	a, b := max(s.Lo, lo), min(s.Hi, hi)
	if a >= b {
		return Span{}
	}
	return Span{Lo: a - lo, Hi: b - lo}
}

// resolveSpan returns *s, or all of 0..n-1 when s is nil, and checks that
// it lies within 0..n.
func resolveSpan(s *Span, n int, what string) (Span, error) {
	if s == nil {
		return Span{0, n}, nil
	}
	if s.Lo < 0 || s.Hi > n || s.Lo > s.Hi {
		return *s, fmt.Errorf("%s %d..%d are not within 0..%d", what, s.Lo, s.Hi, n)
	}
	return *s, nil
}
