package sim

import "math"

// fastLog is a table-driven natural logarithm after Tang ("Table-driven
// implementation of the logarithm function in IEEE floating-point arithmetic",
// ACM TOMS 16(4), 1990), within 2 ulp of math.Log (fastlog_test.go checks a
// few million arguments) and faster. Every latent time is drawn through a
// logarithm (E = −log U), so it bounds the speed of the whole engine.
// Zero, negative, subnormal, infinite and NaN arguments fall back to math.Log.
func fastLog(x float64) float64 {
	b := math.Float64bits(x)
	e := int(b>>52) - 1023 // x < 0 sets the sign bit, making e ≥ 1024
	if e <= -1023 || e >= 1024 {
		return math.Log(x)
	}
	return logCore(e, b&(1<<52-1))
}

// logCore returns log(2^e·m) for m = 1 + mb·2⁻⁵² (mb the 52 mantissa bits).
//
// The table entry j (m's top 9 mantissa bits) reduces m to m' = m·s ∈ [1/√2, √2)
// (s = 1/2, with e + 1, for m ≥ 1 + 212/512 ≈ √2) and gives a point c with
// |m' − c|/c < 2⁻⁹, so that
//
//	log x = k·ln 2 + log c + log1p(r),   r = (m' − c)/c,
//
// with log1p(r) by its Taylor series to r⁶ (truncation below r⁶/7 < 2⁻⁵⁶
// relative), evaluated by Estrin's scheme to shorten the dependency chain.
// The points are chosen so that log c never cancels against the result: above
// 1 they lie at or below m' (c = 1 + j/512), below 1 at or above it
// (c = (1 + (j+1)/512)/2, exactly 1 for the last entry, so arguments just below
// 1 keep full relative accuracy). m'·s and m' − c are exact (Sterbenz's lemma).
func logCore(e int, mb uint64) float64 {
	t := &logTable[mb>>43]
	m := math.Float64frombits(mb | 0x3ff<<52)
	r := (m*t.scale - t.c) * t.invC
	k := float64(e + t.k)
	r2 := r * r
	p := r + r2*((-1.0/2+r*(1.0/3))+r2*((-1.0/4+r*(1.0/5))+r2*(-1.0/6)))
	return k*ln2Hi + (t.logC + (k*ln2Lo + p))
}

// ln 2 split so that k·ln2Hi is exact for |k| < 2¹¹ (fdlibm's constants).
const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
)

type logEntry struct {
	scale, c, invC, logC float64
	k                    int
}

// logTable: entry j serves m ∈ [1 + j/512, 1 + (j+1)/512).
var logTable = func() (t [512]logEntry) {
	for j := range 512 {
		if j < 212 { // m < √2
			c := 1 + float64(j)/512
			t[j] = logEntry{scale: 1, c: c, invC: 1 / c, logC: math.Log(c)}
		} else {
			c := (1 + float64(j+1)/512) / 2
			t[j] = logEntry{scale: 0.5, c: c, invC: 1 / c, logC: math.Log(c), k: 1}
		}
	}
	return t
}()
