package sim

import "math/bits"

// The random numbers of a run are a pure function of what is drawn, never of
// which goroutine draws it: a counter-based generator built from the SplitMix64
// finaliser (Steele, Lea & Flood, "Fast splittable pseudorandom number
// generators", OOPSLA 2014), keyed by
//
//	patient key  k_p = mix(mix(seed) + (p+1)·γ)            once per patient
//	visit key    k_v = mix(k_p ⊕ (v+1)·c)                  once per state visit
//	uniform      u   = mix(k_v + (w+1)·γ)                  per draw w within the visit
//
// with γ the golden-ratio increment of SplitMix64. The first line is SplitMix64's
// own stream over patients; the others separate visits and draws. The draw
// index w is 0 for the initial state, 1+2e for exit e's latent time and 2+2e for
// exit e's branch. Scenarios share keys, so they see the same patients (common
// random numbers).
const (
	golden   = 0x9e3779b97f4a7c15 // SplitMix64's increment, 2^64/φ
	visitMul = 0xd1342543de82ef95 // an odd multiplier with good spectral properties (Steele & Vigna 2021)
)

// mix is the SplitMix64 output function (Stafford's Mix13 variant).
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// seedKey turns a run seed into the key all patient keys derive from.
func seedKey(seed uint64) uint64 { return mix(seed) }

// patientKey returns the key of patient p.
func patientKey(sk uint64, p uint64) uint64 { return mix(sk + (p+1)*golden) }

// visitKey returns the key of visit v (0 is the starting state) of a patient.
func visitKey(pk uint64, v uint32) uint64 { return mix(pk ^ uint64(v+1)*visitMul) }

// uniform returns draw w of a visit as a float64 strictly inside (0, 1): the
// top 53 bits of the hash, offset by half a step so neither 0 nor 1 occurs.
func uniform(vk uint64, w uint32) float64 {
	return (float64(mix(vk+uint64(w+1)*golden)>>11) + 0.5) * (1.0 / (1 << 53))
}

// expo returns a standard exponential variate E = −log U for the uniform U of
// draw w: the same U as uniform(vk, w), with the logarithm taken from the
// integer directly (U = (2k+1)·2⁻⁵⁴ for the hash's top 53 bits k).
func expo(vk uint64, w uint32) float64 {
	x := (mix(vk+uint64(w+1)*golden)>>11)<<1 | 1 // 2k+1, 1 ≤ x < 2⁵⁴
	lz := bits.LeadingZeros64(x)
	return -logCore(63-lz-54, x<<uint(lz+1)>>12)
}

// drawTime and drawBranch name the draw indices of exit e within a visit.
func drawTime(e int) uint32   { return uint32(1 + 2*e) }
func drawBranch(e int) uint32 { return uint32(2 + 2*e) }

// drawInitial is the draw index of the starting state (visit 0).
const drawInitial = 0
