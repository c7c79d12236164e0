package sim

import (
	"fmt"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestAtRiskHandWorked: 10 patients, bins of width 1 over a horizon of 3;
// one event at time 0; bin 0, (0, 1]: 2 events; bin 1, (1, 2]: 1 event and 1
// censoring; bin 2, (2, 3]: 1 competing event and 4 censorings at the
// horizon. At risk at 0: all 10 (the time-0 event included, as survfit); at 1:
// 10 − 1 − 2 = 7; at 2: 7 − 1 = 6 (the censoring in (1, 2] counts as at 2);
// at 3: 6 − 1 competing − 1 censored before = 4, the 4 censored at the
// horizon still at risk there.
func TestAtRiskHandWorked(t *testing.T) {
	ev := []int64{2, 1, 0}
	comp := []int64{0, 0, 1}
	cens := []int64{0, 1, 4}
	got := atRisk(10, 1, 0, ev, comp, cens, []float64{0, 1, 2, 3}, 1)
	want := []float64{1, 0.7, 0.6, 0.4}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-15 {
			t.Errorf("at risk at %d: %v, want %v", i, got[i], want[i])
		}
	}
	if r := atRisk(0, 0, 0, ev, comp, cens, []float64{0, 1}, 1); !math.IsNaN(r[0]) || !math.IsNaN(r[1]) {
		t.Errorf("no patients: %v, want NaN", r)
	}
}

// TestAtRiskIsKaplanMeierWithoutCensoring: for endpoints that start at time 0,
// censoring happens only at the horizon, so the fraction at risk equals the
// Kaplan-Meier S(t) exactly at every grid time, the horizon included
// (survival endpoints), and 1 − F(t) for an incidence without competing
// events; for one exponential exit it is e^(−λt) within 4 binomial SE.
func TestAtRiskIsKaplanMeierWithoutCensoring(t *testing.T) {
	const n, lambda = 200_000, 0.05
	r := mustRun(t, referenceModel(0), Options{Patients: n, Seed: 11})
	for _, name := range []string{"os", "efs", "dead"} {
		e := r.Endpoints[endpointIdx(r, name)]
		for i, c := range e.Curve {
			want := c.Value
			if e.Kind == model.Incidence {
				want = 1 - c.Value
			}
			if math.Abs(e.AtRisk[i]-want) > 1e-12 {
				t.Fatalf("%s at %g: at risk %v, curve gives %v", name, r.Grid[i], e.AtRisk[i], want)
			}
		}
	}
	one := &model.Model{Name: "one-exit", Unit: model.Month, Horizon: 36,
		States: []model.State{{Name: "alive", Initial: model.Num(1), Exits: []model.Exit{expExit("death", lambda)}}, {Name: "death"}}}
	r1 := mustRun(t, one, Options{Patients: n, Seed: 12})
	os := r1.Endpoints[0]
	for i, tm := range r1.Grid {
		s := math.Exp(-lambda * tm)
		within(t, fmt.Sprintf("at risk at %g", tm), os.AtRisk[i], s, math.Sqrt(s*(1-s)/n), 4)
	}
}

// TestAtRiskLateStart: an endpoint that starts at remission, reached at rate
// a from the start, with death at rate b after it, is censored at horizon − s
// for a start at s. Given a start before the horizon h, the patient is at risk
// at t if s ≤ h − t and T > t: (1 − e^(−a(h−t)))·e^(−bt) / (1 − e^(−ah)),
// checked within 4 binomial SE of the endpoint's N. At the horizon it is 0
// but for the censorings of the last fine bin, counted as at the horizon: those
// who started within one bin (36/4096 months) of time 0, about a·w·e^(−bh) =
// 1.5e-4.
func TestAtRiskLateStart(t *testing.T) {
	const n, a, b, h = 200_000, 0.1, 0.05, 36.0
	m := &model.Model{Name: "late-start", Unit: model.Month, Horizon: h, States: []model.State{
		{Name: "induction", Initial: model.Num(1), Exits: []model.Exit{expExit("remission", a)}},
		{Name: "remission", Exits: []model.Exit{expExit("death", b)}},
		{Name: "death"}},
		Endpoints: []model.Endpoint{{Name: "rfs", Start: []string{"remission"}, Events: []string{"death"}}}}
	r := mustRun(t, m, Options{Patients: n, Seed: 13})
	e := r.Endpoints[endpointIdx(r, "rfs")]
	for i, tm := range r.Grid[:len(r.Grid)-1] {
		p := (1 - math.Exp(-a*(h-tm))) * math.Exp(-b*tm) / (1 - math.Exp(-a*h))
		within(t, fmt.Sprintf("at risk at %g", tm), e.AtRisk[i], p, math.Sqrt(p*(1-p)/float64(e.N)), 4)
	}
	if last := e.AtRisk[len(e.AtRisk)-1]; last > 3e-4 {
		t.Errorf("at risk at the horizon %v, want about 1.5e-4: only patients starting at 0 are followed that long", last)
	}
}
