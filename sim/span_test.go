package sim

import "testing"

// TestShardSpan: the n spans of any total are disjoint, in order, cover
// every unit and differ in length by at most one; Within maps a span onto
// each of several analyses laid one after another.
func TestShardSpan(t *testing.T) {
	for _, total := range []int{0, 1, 5, 7, 4096, 1_000_003} {
		for _, n := range []int{1, 2, 3, 7, 64} {
			next, lo, hi := 0, total, 0
			for k := range n {
				s := ShardSpan(total, k, n)
				if s.Lo != next || s.Hi < s.Lo {
					t.Fatalf("%d units, shard %d/%d: %v after %d", total, k, n, s, next)
				}
				next = s.Hi
				lo, hi = min(lo, s.Len()), max(hi, s.Len())
			}
			if next != total || hi-lo > 1 {
				t.Errorf("%d units in %d shards: cover 0..%d, lengths %d..%d", total, n, next, lo, hi)
			}
		}
	}
	s := Span{Lo: 3, Hi: 9}
	for _, c := range []struct {
		lo, hi int
		want   Span
	}{{0, 1, Span{}}, {0, 5, Span{3, 5}}, {5, 7, Span{0, 2}}, {8, 20, Span{0, 1}}, {9, 12, Span{}}} {
		if got := s.Within(c.lo, c.hi); got != c.want {
			t.Errorf("%v within %d..%d = %v; want %v", s, c.lo, c.hi, got, c.want)
		}
	}
}
