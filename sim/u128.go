package sim

import "math/bits"

// u128 is an unsigned 128-bit integer, for sums of squared fixed-point times
// that would overflow 64 bits. Integer sums are exact and associative, so merged
// totals do not depend on the order patients were added in.
type u128 struct{ hi, lo uint64 }

// addSquare adds x² to a.
func (a *u128) addSquare(x uint64) {
	hi, lo := bits.Mul64(x, x)
	var c uint64
	a.lo, c = bits.Add64(a.lo, lo, 0)
	a.hi, _ = bits.Add64(a.hi, hi, c)
}

// add64 adds x to a.
func (a *u128) add64(x uint64) {
	var c uint64
	a.lo, c = bits.Add64(a.lo, x, 0)
	a.hi += c
}

// add adds b to a.
func (a *u128) add(b u128) {
	var c uint64
	a.lo, c = bits.Add64(a.lo, b.lo, 0)
	a.hi, _ = bits.Add64(a.hi, b.hi, c)
}

// float returns a as a float64 (rounded).
func (a u128) float() float64 { return float64(a.hi)*(1<<64) + float64(a.lo) }
