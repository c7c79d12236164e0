package fit

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestClopperPearson checks the exact interval against R's binom.test: the
// first three as R prints them (7 significant digits; from published R
// sessions: binom.test(9, 24), binom.test(542, 3611, conf.level = 0.9),
// binom.test(1, 1497, conf.level = 0.9)), the others (the seed studies'
// counts, and the edges x = 0 and x = n) from the regularised incomplete
// beta function in mpmath at 40 digits, the definition binom.test uses.
func TestClopperPearson(t *testing.T) {
	cases := []struct {
		x, n   int
		level  float64
		lo, hi float64
		rel    float64 // relative tolerance: R's printed digits, or 1e-9
	}{
		{9, 24, 0.95, 0.1879929, 0.5940636, 5e-7},
		{542, 3611, 0.90, 0.1403939, 0.1602214, 5e-7},
		{1, 1497, 0.90, 3.426347e-05, 3.164954e-03, 5e-7},
		{29, 64, 0.95, 0.328207114504, 0.582523684684, 1e-9},
		{6, 7, 0.95, 0.421276802957, 0.996389703138, 1e-9},
		{4, 4, 0.95, 0.397635364384, 1, 1e-9},
		{3, 4, 0.95, 0.194120449683, 0.99369053679, 1e-9},
		{13, 38, 0.95, 0.196329092949, 0.513526755161, 1e-9},
		{0, 10, 0.95, 0, 0.308497107819, 1e-9},
	}
	for _, c := range cases {
		lo, hi := ClopperPearson(c.x, c.n, c.level)
		for _, b := range []struct{ got, want float64 }{{lo, c.lo}, {hi, c.hi}} {
			if math.Abs(b.got-b.want) > c.rel*b.want {
				t.Errorf("%d of %d at %v: bound %.10g, want %.10g", c.x, c.n, c.level, b.got, b.want)
			}
		}
	}
}

// TestPublishedInterval: the file's interval wins; else exact binomial of
// round(value·n) of n for proportions, the approximation for medians; none
// without n.
func TestPublishedInterval(t *testing.T) {
	z := 1.959963984540054
	cases := []struct {
		name   string
		t      model.Target
		lo, hi float64
		method Method
	}{
		{"file interval", model.Target{Measure: model.MeasureSurvival, Value: 0.36, N: 64, Lower: 0.3, Upper: 0.4}, 0.3, 0.4, FromFile},
		// 0.453125·64 = 29 exactly: binom.test(29, 64).
		{"exact", model.Target{Measure: model.MeasureShareEntering, Value: 0.453125, N: 64}, 0.328207114504, 0.582523684684, FromExact},
		// 0.857143·7 = 6.000001, rounded to 6: binom.test(6, 7).
		{"rounded count", model.Target{Measure: model.MeasureSurvival, Value: 0.857143, N: 7}, 0.421276802957, 0.996389703138, FromExact},
		{"median from n", model.Target{Measure: model.MeasureMedian, Value: 7.4, N: 29},
			7.4 * math.Exp(-z/(math.Ln2*math.Sqrt(29))), 7.4 * math.Exp(z/(math.Ln2*math.Sqrt(29))), FromApprox},
		{"median published", model.Target{Measure: model.MeasureMedian, Value: 8.5, N: 64, Lower: 6.5, Upper: 11.1}, 6.5, 11.1, FromFile},
		{"nothing", model.Target{Measure: model.MeasureSurvival, Value: 0.5}, math.NaN(), math.NaN(), FromNone},
	}
	for _, c := range cases {
		p := PublishedInterval(c.t)
		if p.Method != c.method || p.Value != c.t.Value {
			t.Errorf("%s: method %q value %v, want %q %v", c.name, p.Method, p.Value, c.method, c.t.Value)
		}
		for _, b := range []struct{ got, want float64 }{{p.Lower, c.lo}, {p.Upper, c.hi}} {
			if math.IsNaN(b.want) != math.IsNaN(b.got) || math.Abs(b.got-b.want) > 1e-9*math.Abs(b.want) {
				t.Errorf("%s: bound %.10g, want %.10g", c.name, b.got, b.want)
			}
		}
	}
}

// TestMedianSE checks the approximation it rests on: over 4000 samples of
// n = 400 exponential times, the standard deviation of log(sample median)
// is 1/(ln 2·√n). The spread of a standard deviation over R samples is about
// sd/√(2R) (1.1% here); allowed: 4 of those plus 2% for finite n.
func TestMedianSE(t *testing.T) {
	const n, reps = 400, 4000
	rng := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, n)
	var sum, sq float64
	for range reps {
		for i := range xs {
			xs[i] = rng.ExpFloat64() / 0.1
		}
		slices.Sort(xs)
		l := math.Log((xs[n/2-1] + xs[n/2]) / 2)
		sum += l
		sq += l * l
	}
	sd := math.Sqrt((sq - sum*sum/reps) / (reps - 1))
	want := MedianSE(n)
	if tol := 4*want/math.Sqrt(2*reps) + 0.02*want; math.Abs(sd-want) > tol {
		t.Errorf("sd of log median %.5f, MedianSE %.5f (allowed ±%.5f)", sd, want, tol)
	}
	// The exponential model's 1/√d with d = n/2 events is within 3% of it.
	if r := MedianSE(n) / (1 / math.Sqrt(n/2)); math.Abs(r-1) > 0.03 {
		t.Errorf("MedianSE / (1/√(n/2)) = %v", r)
	}
}
