package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// ulpDiff is how many representable doubles lie between a and b.
func ulpDiff(a, b float64) float64 {
	if a == b {
		return 0
	}
	return math.Abs(a-b) / (math.Nextafter(math.Abs(b), math.Inf(1)) - math.Abs(b))
}

// TestFastLogMatchesMathLog: within 2 ulp of math.Log over a million random
// doubles spread over the whole exponent range, a million near 1 (where the
// result is near 0 and relative accuracy is hardest), every uniform the engine
// can draw at the ends of (0, 1), and the special values.
func TestFastLogMatchesMathLog(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	worst := 0.0
	check := func(x float64) {
		got, want := fastLog(x), math.Log(x)
		if math.IsNaN(want) != math.IsNaN(got) || (!math.IsNaN(want) && ulpDiff(got, want) > 2) {
			t.Fatalf("fastLog(%v) = %v, math.Log = %v (%v ulp)", x, got, want, ulpDiff(got, want))
		}
		if !math.IsNaN(want) && !math.IsInf(want, 0) {
			worst = math.Max(worst, ulpDiff(got, want))
		}
	}
	for range 1_000_000 {
		check(math.Exp(rng.Float64()*1400 - 700))
		check(1 + (rng.Float64()-0.5)/64)
	}
	for k := uint64(0); k < 1000; k++ { // the smallest and largest uniforms: (k+0.5)·2⁻⁵³
		check((float64(k) + 0.5) * (1.0 / (1 << 53)))
		check((float64(1<<53-1-k) + 0.5) * (1.0 / (1 << 53)))
	}
	for _, x := range []float64{1, 2, 0.5, math.SmallestNonzeroFloat64, math.MaxFloat64, 0, -1, math.Inf(1), math.NaN()} {
		check(x)
	}
	t.Logf("largest difference from math.Log: %.2f ulp", worst)
}

// BenchmarkLog measures throughput on the engine's kind of argument:
// independent uniforms in (0, 1).
func BenchmarkLog(b *testing.B) {
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = uniform(uint64(i), 1)
	}
	for _, c := range []struct {
		name string
		f    func(float64) float64
	}{{"math.Log", math.Log}, {"fastLog", fastLog}} {
		b.Run(c.name, func(b *testing.B) {
			s := 0.0
			for b.Loop() {
				for _, x := range xs {
					s += c.f(x)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/log")
			_ = s
		})
	}
}

// TestExpoIsMinusLogUniform: the integer route of expo gives −log of the
// engine's uniform for the same key, within 2 ulp of math.Log (U ≥ 1/2 differs
// from uniform() only in that uniform() rounds (k + 0.5)·2⁻⁵³ to 53 bits).
func TestExpoIsMinusLogUniform(t *testing.T) {
	for i := uint64(0); i < 1_000_000; i++ {
		u := uniform(i*0x9e3779b97f4a7c15, uint32(i%7))
		got, want := expo(i*0x9e3779b97f4a7c15, uint32(i%7)), -math.Log(u)
		if ulpDiff(got, want) > 2 && math.Abs(got-want) > 2.3e-16 {
			t.Fatalf("expo = %v, −log U = %v (U = %v)", got, want, u)
		}
	}
}
