package sim

import (
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestConditionalShareEntering checks "of responders, the share transplanted"
// against its closed form. From induction (rate a to remission, rate d to
// death), remission leads to HSCT (rate h) or relapse (rate r); relapse leads
// to HSCT (rate h2) or death. Among patients who entered remission by the
// horizon τ, the share entering HSCT after it by τ, and over everyone the
// share entering HSCT or relapse: convolutions of exponential densities,
// closed form inside and Simpson's rule over the time of remission.
func TestConditionalShareEntering(t *testing.T) {
	const a, d, h, r, h2, tau = 0.3, 0.1, 0.2, 0.1, 0.3, 12.0
	m := &model.Model{Name: "cond", Unit: model.Month, Horizon: tau,
		States: []model.State{
			{Name: "induction", Initial: model.Num(1), Exits: []model.Exit{expExit("remission", a), expExit("death", d)}},
			{Name: "remission", Exits: []model.Exit{expExit("hsct", h), expExit("relapse", r)}},
			{Name: "relapse", Exits: []model.Exit{expExit("hsct", h2), expExit("death", 0.2)}},
			{Name: "hsct"}, {Name: "death"},
		},
		Targets: []model.Target{
			{Name: "hsct_of_responders", Measure: model.MeasureShareEntering, States: []string{"hsct"}, Among: []string{"remission"}, Value: 0.5, N: 50, Source: "test"},
			{Name: "hsct_or_relapse", Measure: model.MeasureShareEntering, States: []string{"hsct", "relapse"}, Value: 0.5, N: 50, Source: "test"},
		}}
	res := mustRun(t, m, Options{Patients: 400_000, Seed: 4})
	// Closed forms by integrating over the time s of remission:
	// P(remission by τ) = a/(a+d)·(1 − e^{−(a+d)τ});
	// P(remission by τ, then HSCT by τ) = ∫ a e^{−(a+d)s} P_rem(HSCT by τ − s) ds, with
	// P_rem(HSCT by u) = h/(h+r)(1−e^{−(h+r)u}) + ∫ r e^{−(h+r)v} h2/(h2+0.2)(1−e^{−(h2+0.2)(u−v)}) dv.
	const k = a + d
	pRem := a / k * (1 - math.Exp(-k*tau))
	phs := func(u float64) float64 {
		b := h + r
		c := h2 + 0.2
		direct := h / b * (1 - math.Exp(-b*u))
		viaRel := r * h2 / c * ((1-math.Exp(-b*u))/b - (math.Exp(-c*u)-math.Exp(-b*u))/(b-c))
		return direct + viaRel
	}
	num := simpson(func(s float64) float64 { return a * math.Exp(-k*s) * phs(tau-s) }, 0, tau, 2000)
	want := num / pRem
	got := res.Targets[0].Simulated.Value
	se := math.Sqrt(want * (1 - want) / (pRem * float64(res.Patients)))
	within(t, "HSCT among responders", got, want, se, 4)
	// Everyone: HSCT or relapse by τ = remission by τ, then leaving remission by τ.
	want2 := simpson(func(s float64) float64 { return a * math.Exp(-k*s) * (1 - math.Exp(-(h+r)*(tau-s))) }, 0, tau, 2000)
	within(t, "HSCT or relapse", res.Targets[1].Simulated.Value, want2, math.Sqrt(want2*(1-want2)/float64(res.Patients)), 4)
}

// simpson integrates f over [lo, hi] with n (even) intervals.
func simpson(f func(float64) float64, lo, hi float64, n int) float64 {
	h := (hi - lo) / float64(n)
	s := f(lo) + f(hi)
	for i := 1; i < n; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		s += w * f(lo+float64(i)*h)
	}
	return s * h / 3
}
