package sim

import (
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestKaplanMeierHandWorked checks the estimator on a small table worked by
// hand: 10 at risk; bin 0: 2 events; bin 1: 1 censored; bin 2: 1 event, ...
// S = (1 − 2/10)(1 − 1/7) = 0.6857 after bin 2; Greenwood Σ = 2/(10·8) + 1/(7·6).
func TestKaplanMeierHandWorked(t *testing.T) {
	ev := []int64{2, 0, 1, 0}
	cens := []int64{0, 1, 0, 6}
	c := kaplanMeier(10, 0, ev, cens, 1, 4, 4)
	want := []float64{1, 0.8, 0.8, 0.8 * 6 / 7, 0.8 * 6 / 7}
	for j, w := range want {
		if math.Abs(c.val[j]-w) > 1e-12 {
			t.Errorf("S at edge %d = %v, want %v", j, c.val[j], w)
		}
	}
	g := 2.0/(10*8) + 1.0/(7*6)
	if se := want[3] * math.Sqrt(g); math.Abs(c.se[3]-se) > 1e-12 {
		t.Errorf("Greenwood SE %v, want %v", c.se[3], se)
	}
	// log-log interval, from R 4.2.2, survival 3.5-3:
	// summary(survfit(Surv(c(1,1,2,3,4,4,4,4,4,4), c(1,1,0,1,0,0,0,0,0,0)) ~ 1,
	//   conf.type = "log-log"), times = c(1, 3)).
	for _, r := range []struct {
		j      int
		lo, hi float64
	}{{1, 0.408690781633404, 0.945872645838912}, {3, 0.304585074201847, 0.887148495027707}} {
		if math.Abs(c.lo[r.j]-r.lo) > 1e-12 || math.Abs(c.hi[r.j]-r.hi) > 1e-12 {
			t.Errorf("interval at edge %d = [%.15g, %.15g], want R's [%.15g, %.15g]", r.j, c.lo[r.j], c.hi[r.j], r.lo, r.hi)
		}
	}
	// RMST to 4: trapezoids 0.9 + 0.8 + (0.8+0.6857)/2 + 0.6857
	rmst := 0.9 + 0.8 + (0.8+want[3])/2 + want[3]
	if math.Abs(c.integral.Value-rmst) > 1e-12 {
		t.Errorf("RMST %v, want %v", c.integral.Value, rmst)
	}
}

// TestAalenJohansenWithoutCensoringIsBinomial: without censoring the
// Aalen-Johansen estimate is the empirical proportion and its delta-method
// variance the binomial one, F(1 − F)/N, at every time.
func TestAalenJohansenWithoutCensoringIsBinomial(t *testing.T) {
	ev := []int64{50, 40, 70, 30, 20, 0}
	comp := []int64{30, 20, 10, 40, 20, 0}
	n := int64(1000)
	cens := []int64{0, 0, 0, 0, 0, n - 330}
	c := aalenJohansen(n, 0, 0, ev, comp, cens, 1, 6, 6)
	cum := int64(0)
	for j := range ev {
		cum += ev[j]
		f := float64(cum) / float64(n)
		if math.Abs(c.val[j+1]-f) > 1e-12 {
			t.Errorf("F at edge %d = %v, want %v", j+1, c.val[j+1], f)
		}
		if se := math.Sqrt(f * (1 - f) / float64(n)); math.Abs(c.se[j+1]-se) > 1e-12 {
			t.Errorf("SE at edge %d = %v, want binomial %v", j+1, c.se[j+1], se)
		}
	}
}

// TestAalenJohansenHandWorked: a small competing-risks table with ties and
// censoring (times 1, 1 event; 2 censored; 3 competing; 4, 4 censored; 5 event;
// 6, 6, 6 censored) against R 4.2.2, survival 3.5-3:
// summary(survfit(Surv(c(1,1,2,3,4,4,5,6,6,6), factor(c(1,1,0,2,0,0,1,0,0,0))) ~ 1,
// conf.type = "log-log"), times = c(1, 5)): pstate, std.err (the
// infinitesimal jackknife, equal here to the delta method), lower, upper.
func TestAalenJohansenHandWorked(t *testing.T) {
	ev := []int64{2, 0, 0, 0, 1, 0}
	comp := []int64{0, 0, 1, 0, 0, 0}
	cens := []int64{0, 1, 0, 2, 0, 3}
	c := aalenJohansen(10, 0, 0, ev, comp, cens, 1, 6, 6)
	for _, r := range []struct {
		j             int
		f, se, lo, hi float64
	}{
		{1, 0.2, 0.126491106406735, 0.0309090243080196, 0.474714690440546},
		{5, 0.371428571428571, 0.180604750219227, 0.0748349656292431, 0.684983168380535},
	} {
		got := []float64{c.val[r.j], c.se[r.j], c.lo[r.j], c.hi[r.j]}
		for i, w := range []float64{r.f, r.se, r.lo, r.hi} {
			if math.Abs(got[i]-w) > 1e-12 {
				t.Errorf("edge %d: (F, SE, lower, upper) = %.15g, want R's %.15g", r.j, got, []float64{r.f, r.se, r.lo, r.hi})
				break
			}
		}
	}
}

// TestSingleExponentialSummaries: one exit to death at rate λ = 0.1 per month;
// median ln2/λ, landmark S(12) = e^(−1.2), RMST (1 − e^(−λτ))/λ over τ = 60,
// each within 4 SE (the median's SE from its interval: width/(2·1.96)).
func TestSingleExponentialSummaries(t *testing.T) {
	const lambda, n = 0.1, 400_000
	m := &model.Model{Name: "one-exit", Unit: model.Month, Horizon: 60, Landmarks: []float64{12, 30.5},
		States: []model.State{{Name: "alive", Initial: model.Num(1), Exits: []model.Exit{expExit("death", lambda)}}, {Name: "death"}}}
	r := mustRun(t, m, Options{Patients: n, Seed: 8})
	os := r.Endpoints[0]
	med := math.Ln2 / lambda
	within(t, "median", os.Median.Value, med, (os.Median.Upper-os.Median.Lower)/(2*z95), 4)
	if !(os.Median.Lower < med && med < os.Median.Upper) {
		t.Errorf("median interval [%v, %v] misses %v", os.Median.Lower, os.Median.Upper, med)
	}
	for _, lm := range os.Landmarks {
		s := math.Exp(-lambda * lm.Time)
		within(t, "landmark", lm.Value, s, math.Sqrt(s*(1-s)/n), 4)
	}
	rmst := (1 - math.Exp(-lambda*60)) / lambda
	// SE of RMST: sd of min(T, τ) / √n, from its exact moments.
	m2 := 2/(lambda*lambda)*(1-math.Exp(-lambda*60)) - 2*60/lambda*math.Exp(-lambda*60)
	se := math.Sqrt((m2 - rmst*rmst) / n)
	within(t, "RMST", os.RMST.Value, rmst, se, 4)
	if math.Abs(os.RMST.SE-se)/se > 0.05 {
		t.Errorf("RMST SE %v, exact %v", os.RMST.SE, se)
	}
	alive := r.States[0]
	within(t, "mean time alive", alive.MeanTime.Value, rmst, se, 4)
}

// TestTimeZeroEvents: events at exactly time 0 (induction failure counted on
// day 0) are a step at 0, as in R's survfit: 6 of 10 at 0 gives S(0) = 0.4 and a
// median of 0; for an incidence, F(0) = 0.6.
func TestTimeZeroEvents(t *testing.T) {
	ev := []int64{1, 0}
	cens := []int64{0, 3}
	c := kaplanMeier(10, 6, ev, cens, 1, 2, 2)
	if c.val[0] != 0.4 || math.Abs(c.val[1]-0.3) > 1e-15 {
		t.Errorf("S = %v, want [0.4 0.3 ...]", c.val)
	}
	if m := c.median(true); m.Value != 0 {
		t.Errorf("median %v, want 0", m.Value)
	}
	f := aalenJohansen(10, 6, 0, ev, []int64{0, 0}, cens, 1, 2, 2)
	if f.val[0] != 0.6 || math.Abs(f.se[0]-math.Sqrt(0.6*0.4/10)) > 1e-12 {
		t.Errorf("F(0) = %v ± %v, want 0.6 ± binomial", f.val[0], f.se[0])
	}
}

// TestTargetsAreEvaluated: each kind of target is read off the same estimates
// the report shows: S(12) equals the 12-month landmark, the median the
// endpoint's median, the share entering a state its "ever in"; a time past
// the horizon is NaN.
func TestTargetsAreEvaluated(t *testing.T) {
	m := referenceModel(0)
	m.Targets = []model.Target{
		{Name: "os12", Measure: model.MeasureSurvival, Endpoint: "os", Time: 12, Value: 0.6, Source: "test", N: 50},
		{Name: "cir12", Measure: model.MeasureIncidence, Endpoint: "cir", Time: 12, Value: 0.4, Source: "test", N: 50},
		{Name: "med", Measure: model.MeasureMedian, Endpoint: "os", Value: 20, Source: "test", N: 50},
		{Name: "hsct", Measure: model.MeasureShareEntering, State: "second_hsct", Value: 0.5, Source: "test", N: 50},
		{Name: "late", Measure: model.MeasureSurvival, Endpoint: "os", Time: 72, Value: 0.1, Source: "test", N: 50},
	}
	r := mustRun(t, m, Options{Patients: 20_000, Seed: 4})
	os, cir := r.Endpoints[0], r.Endpoints[endpointIdx(r, "cir")]
	want := []Estimate{os.Landmarks[0].Estimate, cir.Landmarks[0].Estimate, os.Median, r.States[stateIdx(r, "second_hsct")].EverIn}
	for i, w := range want {
		if got := r.Targets[i].Simulated; got.Value != w.Value || got.Lower != w.Lower || got.Upper != w.Upper {
			t.Errorf("target %s: %+v, want %+v", r.Targets[i].Target.Name, got, w)
		}
	}
	if v := r.Targets[4].Simulated.Value; !math.IsNaN(v) {
		t.Errorf("a target past the horizon gave %v, want NaN", v)
	}
}
