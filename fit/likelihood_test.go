package fit

import (
	"math"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestContribution checks each likelihood on a hand-computed case (Python's
// math module, same formulas written out) and that a perfect fit gives 0.
func TestContribution(t *testing.T) {
	surv := model.Target{Name: "os12", Measure: model.MeasureSurvival, Value: 0.36, N: 64}
	med := model.Target{Name: "mos", Measure: model.MeasureMedian, Value: 8.5, N: 64, Lower: 6.5, Upper: 11.1}
	medN := model.Target{Name: "mrfs", Measure: model.MeasureMedian, Value: 7.4, N: 29}
	share := model.Target{Name: "cr", Measure: model.MeasureShareEntering, Value: 0.453, Lower: 0.328, Upper: 0.583}
	cases := []struct {
		name string
		t    model.Target
		sim  float64
		want float64
	}{
		// 23.04·log(0.36/0.40) + 40.96·log(0.64/0.60)
		{"binomial", surv, 0.40, 0.21599154503859497},
		{"binomial, perfect", surv, 0.36, 0},
		// SE = (log 11.1 − log 6.5)/(2·1.96); (log(10/8.5))²/(2·SE²)
		{"median, published interval", med, 10, 0.7085891483779887},
		{"median, perfect", med, 8.5, 0},
		// never reached: counts as the horizon, 60; SE = 1/(ln 2·√29)
		{"median not reached", medN, math.Inf(1), 30.514142694552742},
		// no n: normal with SE = (0.583 − 0.328)/(2·1.96)
		{"proportion from its interval", share, 0.5, 0.261000616221863},
	}
	for _, c := range cases {
		got, err := Contribution(c.t, c.sim, 60)
		if err != nil || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: %v, %v; want %v", c.name, got, err, c.want)
		}
	}
	// The binomial contribution is the log-likelihood ratio written the
	// usual way: x·log p + (n − x)·log(1 − p), at the published value minus
	// at the simulated one.
	logL := func(p float64) float64 { return 23.04*math.Log(p) + 40.96*math.Log(1-p) }
	for _, p := range []float64{0.1, 0.3, 0.5, 0.9} {
		got, _ := Contribution(surv, p, 60)
		if want := logL(0.36) - logL(p); math.Abs(got-want) > 1e-12 {
			t.Errorf("p = %v: %v, want %v", p, got, want)
		}
	}
	// p = 0 is clamped to 1e-9: large but finite.
	if got, _ := Contribution(surv, 0, 60); math.IsInf(got, 0) || got < 400 {
		t.Errorf("p = 0: %v", got)
	}
	for _, c := range []struct {
		name string
		t    model.Target
		sim  float64
		want string
	}{
		{"not simulated", surv, math.NaN(), "the run does not give it"},
		{"no n, no interval", model.Target{Name: "x", Measure: model.MeasureSurvival, Value: 0.5}, 0.5, "needs n or a published interval"},
		{"a median without n", model.Target{Name: "m", Measure: model.MeasureMedian, Value: 5}, 5, "a median needs n or a published interval"},
	} {
		if _, err := Contribution(c.t, c.sim, 60); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want %q", c.name, err, c.want)
		}
	}
}
