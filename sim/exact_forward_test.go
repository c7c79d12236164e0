package sim

import (
	"fmt"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// A clock-forward exit is drawn conditional on the time already spent (left
// truncation): T = H⁻¹(H(t0) + E). So if death is the same clock-forward
// distribution D in every state a patient passes through, the time of death is
// distributed as D itself, whatever the moves between states: OS(t) = S_D(t),
// in closed form. With clock reset instead, a move at month 12 would restart
// the clock and OS would be S_D(12)·S_D(t−12) after it, so the test tells the
// two apart. The cases cover the closed-form path (Weibull) and the general
// one (log-normal), and a time ratio on both exits (T → tr·T: OS(t) = S_D(t/tr)).
func TestClockForwardMatchesClosedForm(t *testing.T) {
	cases := []struct {
		name string
		dist model.DistSpec
		tr   float64
		surv func(t float64) float64
	}{
		{"weibull", model.DistSpec{Family: model.FamWeibull, Shape: q(1.4), Scale: q(30)}, 1,
			func(t float64) float64 { return math.Exp(-math.Pow(t/30, 1.4)) }},
		{"lognormal", model.DistSpec{Family: model.FamLogNormal, MeanLog: q(3), SdLog: q(0.9)}, 1,
			func(t float64) float64 { return 0.5 * math.Erfc((math.Log(t)-3)/(0.9*math.Sqrt2)) }},
		{"weibull-tr1.5", model.DistSpec{Family: model.FamWeibull, Shape: q(1.4), Scale: q(30)}, 1.5,
			func(t float64) float64 { return math.Exp(-math.Pow(t/1.5/30, 1.4)) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			death := model.Exit{To: "death", Dist: c.dist, Clock: model.ClockForward, TimeRatio: q(c.tr)}
			m := &model.Model{Name: "forward", Unit: model.Month, Horizon: 60, States: []model.State{
				{Name: "induction", Initial: model.Num(1), Exits: []model.Exit{
					{To: "consolidation", Dist: model.DistSpec{Family: model.FamFixed, Duration: q(12)}}, death}},
				{Name: "consolidation", Exits: []model.Exit{expExit("induction", 0.05), death}},
				{Name: "death"},
			}}
			const n = 300_000
			r := mustRun(t, m, Options{Patients: n, Seed: 5})
			os := r.Endpoints[0]
			for k, tm := range r.Grid {
				s := 1.0
				if tm > 0 {
					s = c.surv(tm)
				}
				within(t, fmt.Sprintf("OS(%g)", tm), os.Curve[k].Value, s, math.Sqrt(s*(1-s)/n), 4)
			}
		})
	}
}

// TestEventAtGridTimeCountsThere: a fixed transition to death at exactly 12
// months is an event at 12, so S(12) = 0 (survfit's right-continuous S). The
// median interpolates linearly within its fine bin (right for continuous
// times), so for this point mass it lies within one bin width before 12.
func TestEventAtGridTimeCountsThere(t *testing.T) {
	m := &model.Model{Name: "fixed", Unit: model.Month, Horizon: 24, States: []model.State{
		{Name: "alive", Initial: model.Num(1), Exits: []model.Exit{{To: "dead", Dist: model.DistSpec{Family: model.FamFixed, Duration: q(12)}}}},
		{Name: "dead"}}}
	r := mustRun(t, m, Options{Patients: 100, Seed: 1, Step: 1})
	os := r.Endpoints[0]
	if os.Curve[11].Value != 1 || os.Curve[12].Value != 0 {
		t.Errorf("S(11) = %v, S(12) = %v; want 1 and 0", os.Curve[11].Value, os.Curve[12].Value)
	}
	if w := 1.0 / float64(fineBins/24); !(os.Median.Value > 12-w && os.Median.Value <= 12) { // bins per unit step
		t.Errorf("median %v, want within (12 − %v, 12]", os.Median.Value, w)
	}
	if occ := r.States[0].Occupancy; occ[11].Value != 1 || occ[12].Value != 0 {
		t.Errorf("P(alive at 11, 12) = %v, %v; want 1, 0", occ[11].Value, occ[12].Value)
	}
}
