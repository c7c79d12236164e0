package sim

import (
	"fmt"
	"math"
	"testing"
)

// TestNoEventBoundMatchesR: the exact upper bound for 0 events of n against
// R 4.2.2's binom.test(0, n)$conf.int[2].
func TestNoEventBoundMatchesR(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want float64
	}{{1, 0.975}, {10, 0.308497107818761}, {300, 0.0122209746942935}, {100000, 3.68881141579242e-05}} {
		if got := NoEventBound(c.n); math.Abs(got-c.want) > 1e-14*max(1, c.want*1e3) {
			t.Errorf("NoEventBound(%d) = %.15g, want R's %.15g", c.n, got, c.want)
		}
	}
	if NoEventBound(0) != 1 {
		t.Errorf("NoEventBound(0) = %v, want 1 (no information)", NoEventBound(0))
	}
}

// TestProportionMatchesR: Wilson bounds against R 4.2.2's
// prop.test(x, n, correct = FALSE)$conf.int, including x = 0 and x = n.
func TestProportionMatchesR(t *testing.T) {
	for _, c := range []struct {
		x, n   int
		lo, hi float64
	}{
		{0, 10, 0, 0.277532799862889},
		{3, 300, 0.00340661843771528, 0.02898349336233982},
		{300, 300, 0.987357028775454, 1},
	} {
		e := Proportion(float64(c.x)/float64(c.n), c.n)
		if math.Abs(e.Lower-c.lo) > 1e-14 || math.Abs(e.Upper-c.hi) > 1e-14 {
			t.Errorf("%d of %d: [%.15g, %.15g], want R's [%.15g, %.15g]", c.x, c.n, e.Lower, e.Upper, c.lo, c.hi)
		}
	}
}

// TestIntervalsStayInsideAndOpen: for estimates from 1e-300 to 1 − 1e-15 and
// SEs from 1e-12 to 10 (far beyond any real one), every log-log bound is
// inside [0, 1] with no clipping, and lower < p < upper; the interval never
// collapses where 0 < p < 1 (a bound could only equal p by underflow of the
// SE term, which these values avoid). Kaplan-Meier and incidence intervals at
// 0 and 1 follow their documented rules (R's binom.test(0, 10) for 0 or 10
// events of 10).
func TestIntervalsStayInsideAndOpen(t *testing.T) {
	ps := []float64{1e-300, 1e-12, 1e-4, 0.01, 0.04, 0.5, 0.96, 0.999, 1 - 1e-9, 1 - 1e-15}
	ses := []float64{1e-12, 1e-6, 1e-3, 0.05, 0.5, 10}
	for _, p := range ps {
		for _, se := range ses {
			if se*1e6 < p*math.Abs(math.Log(p))*1e-9 {
				continue // σ below 1e-15: the bounds round to p
			}
			lo, hi := LogLogInterval(p, se)
			if !(0 <= lo && lo < p && p < hi && hi <= 1) {
				t.Errorf("LogLogInterval(%g, %g) = [%g, %g]: not 0 ≤ lo < p < hi ≤ 1", p, se, lo, hi)
			}
		}
	}
	for _, c := range []struct {
		name   string
		got    [2]float64
		wl, wh float64
	}{
		{"S = 1 of 300", pair(SurvivalInterval(1, 0, 300)), 1 - 0.0122209746942935, 1},
		{"S = 0, all 10 followed had the event", pair(SurvivalInterval(0, 0, 10)), 0, 0.308497107818761},
		{"F = 0 of 300", pair(IncidenceInterval(0, 0, 300)), 0, 0.0122209746942935},
		{"F = 1 of 10", pair(IncidenceInterval(1, 0, 10)), 1 - 0.308497107818761, 1},
		{"S = 1 of 0 followed", pair(SurvivalInterval(1, 0, 0)), 0, 1},
		// No variance left (rounding): Wilson, R's prop.test(5, 10, correct = FALSE).
		{"F = 0.5, SE 0, of 10", pair(IncidenceInterval(0.5, 0, 10)), 0.236593090512564, 0.763406909487436},
	} {
		if math.Abs(c.got[0]-c.wl) > 1e-14 || math.Abs(c.got[1]-c.wh) > 1e-14 {
			t.Errorf("%s: %.15g, want [%.15g, %.15g]", c.name, c.got, c.wl, c.wh)
		}
	}
}

// TestProportionStaysInsideAndOpen: Wilson bounds for 0, 1, n − 1 and n
// events of 1 to 10⁹ patients are inside [0, 1], exactly 0 at 0 events and 1
// at n, and strictly around the estimate otherwise.
func TestProportionStaysInsideAndOpen(t *testing.T) {
	for _, n := range []int{1, 2, 10, 1_000_000, 1_000_000_000} {
		for _, k := range []int{0, 1, n - 1, n} {
			if k < 0 || k > n {
				continue
			}
			p := float64(k) / float64(n)
			e := Proportion(p, n)
			ok := 0 <= e.Lower && e.Lower < e.Upper && e.Upper <= 1 &&
				(k == 0 && e.Lower == 0 || k > 0 && e.Lower < p) && (k == n && e.Upper == 1 || k < n && p < e.Upper)
			if !ok {
				t.Errorf("%d of %d: [%v, %v] around %v", k, n, e.Lower, e.Upper, p)
			}
		}
	}
}

func pair(lo, hi float64) [2]float64 { return [2]float64{lo, hi} }

// TestCurveIntervalsAtFirstBins: a Kaplan-Meier and an Aalen-Johansen curve
// whose first bins have no event get the exact no-event interval there (not
// [1, 1] or [0, 0], which the truth, S < 1 for t > 0, would always miss),
// time 0 keeps its zero-width point, and after censoring the bound uses the
// patients still followed.
func TestCurveIntervalsAtFirstBins(t *testing.T) {
	ev := []int64{0, 0, 3, 0}
	comp := []int64{0, 1, 0, 0}
	cens := []int64{2, 0, 0, 94}
	km := kaplanMeier(100, 0, ev, cens, 1, 4, 4)
	aj := aalenJohansen(100, 0, 0, ev, comp, cens, 1, 4, 4)
	if km.lo[0] != 1 || km.hi[0] != 1 || aj.lo[0] != 0 || aj.hi[0] != 0 {
		t.Errorf("time 0: KM [%v, %v], AJ [%v, %v]; want [1, 1] and [0, 0]", km.lo[0], km.hi[0], aj.lo[0], aj.hi[0])
	}
	// Edge 1 (t = 1): 2 censored in bin 0 after its (no) events: 100 followed
	// through t = 1 (censorings are at the bin's end). Edge 2: 98 followed.
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		{"KM lower at t=1", km.lo[1], 1 - NoEventBound(100)},
		{"KM lower at t=2", km.lo[2], 1 - NoEventBound(98)},
		{"AJ upper at t=1", aj.hi[1], NoEventBound(100)},
		{"AJ upper at t=2", aj.hi[2], NoEventBound(98)}, // the competing event's patient is known event-free
	} {
		if math.Abs(c.got-c.want) > 1e-15 {
			t.Errorf("%s = %.15g, want %.15g", c.name, c.got, c.want)
		}
	}
	for j := 1; j < len(km.val); j++ {
		if !(km.lo[j] < km.hi[j]) || !(aj.lo[j] < aj.hi[j]) {
			t.Errorf("edge %d: zero-width interval KM [%v, %v] AJ [%v, %v]", j, km.lo[j], km.hi[j], aj.lo[j], aj.hi[j])
		}
	}
}

func ExampleLogLogInterval() {
	// S = 0.96 with Greenwood SE 0.0113 (300 patients, 12 events): the
	// interval is asymmetric, longer below, and stays under 1.
	lo, hi := LogLogInterval(0.96, 0.0113)
	fmt.Printf("[%.4f, %.4f]\n", lo, hi)
	// Output: [0.9307, 0.9771]
}
