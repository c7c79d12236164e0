package main

import "testing"

// TestETA: the time left at the current rate, to the second; nothing before
// there is a rate or once all is done.
func TestETA(t *testing.T) {
	for _, c := range []struct {
		left int64
		rate float64
		want string
	}{
		{65_000_000, 1e6, ", 1m5s left"},
		{1_500_000, 1e6, ", 2s left"},
		{0, 1e6, ""},
		{100, 0, ""},
	} {
		if got := eta(c.left, c.rate); got != c.want {
			t.Errorf("eta(%d, %g) = %q, want %q", c.left, c.rate, got, c.want)
		}
	}
}
