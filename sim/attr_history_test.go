package sim

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mat"
)

// sinceModel: patients wait in "pre" (exponential, rate a) for an HSCT, which
// records t_hsct; from "hsct" they reach remission (rate b); in remission the
// hazard of death is Weibull(shape, scale) on the clock since t_hsct, against
// relapse at rate c on the reset clock. Relapse and death are absorbing.
const (
	sinceA, sinceB, sinceC = 0.15, 0.4, 0.03
	sinceShape, sinceScale = 1.5, 30.0
)

func sinceModel() *model.Model {
	death := weibullExit("death", sinceShape, sinceScale)
	death.Since = "t_hsct"
	return &model.Model{Name: "since", Unit: model.Month, Horizon: 48, Landmarks: []float64{12, 24, 48},
		Attributes: []model.Attribute{{Name: "t_hsct", Kind: model.AttrTime}},
		States: []model.State{
			{Name: "pre", Initial: model.Num(1), Exits: []model.Exit{expExit("hsct", sinceA)}},
			{Name: "hsct", Exits: []model.Exit{expExit("remission", sinceB)},
				Updates: []model.Update{{Attr: "t_hsct", Record: true}}},
			{Name: "remission", Exits: []model.Exit{death, expExit("relapse", sinceC)}},
			{Name: "relapse"}, {Name: "death"},
		},
		DeathStates: []string{"death"},
		Endpoints:   []model.Endpoint{{Name: "dead", Kind: model.Incidence, Events: []string{"death"}, Competing: []string{"relapse"}}},
	}
}

// sinceExact is P(death by tau) by nested Gauss-Legendre quadrature (gonum's
// quad.Fixed), independently of the engine: with x the time of HSCT and y the
// time from HSCT to remission, death at u since HSCT has density
// h(u)·exp(−(H(u) − H(y)) − c·(u − y)) for u > y.
func sinceExact(tau float64) float64 {
	w := model.Weibull{Shape: sinceShape, Scale: sinceScale}
	const n = 64
	inner := func(y, l float64) float64 {
		if l <= y {
			return 0
		}
		return quad.Fixed(func(u float64) float64 {
			return w.Hazard(u) * math.Exp(-(w.CumHazard(u)-w.CumHazard(y))-sinceC*(u-y))
		}, y, l, n, nil, 0)
	}
	return quad.Fixed(func(x float64) float64 {
		return sinceA * math.Exp(-sinceA*x) * quad.Fixed(func(y float64) float64 {
			return sinceB * math.Exp(-sinceB*y) * inner(y, tau-x)
		}, 0, tau-x, n, nil, 0)
	}, 0, tau, n, nil, 0)
}

func TestClockSinceRecordedTimeMatchesQuadrature(t *testing.T) {
	r := mustRun(t, sinceModel(), Options{Patients: 1_000_000, Seed: 3})
	e := r.Endpoints[endpointIdx(r, "dead")]
	for _, l := range e.Landmarks {
		want := sinceExact(l.Time)
		se := math.Sqrt(want * (1 - want) / float64(r.Patients))
		within(t, "P(death by t)", l.Value, want, se, 4)
		t.Logf("t = %v: simulated %.5f, quadrature %.5f (z = %.2f)", l.Time, l.Value, want, (l.Value-want)/se)
	}
}

// The renewal model: in remission the hazard of relapse is a; a relapse adds
// one to n_rel and returns to remission at rate b; death from remission has
// rate d times a hazard ratio by the number of relapses so far (1, then 2
// after one, 4 from two on), and from relapse rate e. Its closed form is the
// Markov chain with the count as part of the state, capped at 2 where the
// hazards stop changing: P(t) = expm(Q·t).
const (
	renA, renB, renD, renE = 0.2, 0.5, 0.01, 0.05
)

func countRenewalModel() *model.Model {
	one, two := 1, 2
	death := expExit("death", renD)
	death.Effects = []model.Effect{{Attr: "n_rel", Count: &one, HR: q(2)}, {Attr: "n_rel", Count: &two, HR: q(4)}}
	return &model.Model{Name: "renewal", Unit: model.Month, Horizon: 60, Landmarks: []float64{12, 36, 60},
		Attributes: []model.Attribute{{Name: "n_rel", Kind: model.AttrCount}},
		States: []model.State{
			{Name: "remission", Initial: model.Num(1), Exits: []model.Exit{expExit("relapse", renA), death}},
			{Name: "relapse", Exits: []model.Exit{expExit("remission", renB), expExit("death", renE)},
				Updates: []model.Update{{Attr: "n_rel", Add: q(1)}}},
			{Name: "death"},
		},
	}
}

// renewalSurvival is P(alive at t) from the expanded chain: remission with
// 0, 1, 2+ relapses, relapse with 1, 2+ (entering it adds one), death.
func renewalSurvival(t float64) float64 {
	const n = 6 // rem0 rem1 rem2 rel1 rel2 dead
	qm := mat.NewDense(n, n, nil)
	set := func(i, j int, r float64) { qm.Set(i, j, qm.At(i, j)+r); qm.Set(i, i, qm.At(i, i)-r) }
	hr := []float64{1, 2, 4}
	for k := range 3 {
		set(k, 3+min(k, 1), renA) // relapse: count k+1, capped
		set(k, 5, renD*hr[k])
	}
	set(3, 1, renB)
	set(4, 2, renB)
	set(3, 5, renE)
	set(4, 5, renE)
	qm.Scale(t, qm)
	var p mat.Dense
	p.Exp(qm)
	return 1 - p.At(0, 5)
}

func TestCountHazardMatchesRenewalClosedForm(t *testing.T) {
	r := mustRun(t, countRenewalModel(), Options{Patients: 400_000, Seed: 5})
	for _, l := range r.Endpoints[0].Landmarks {
		want := renewalSurvival(l.Time)
		se := math.Sqrt(want * (1 - want) / float64(r.Patients))
		within(t, "OS", l.Value, want, se, 4)
		t.Logf("t = %v: simulated %.5f, matrix exponential %.5f (z = %.2f)", l.Time, l.Value, want, (l.Value-want)/se)
	}
}

// crnModels returns a model with drawn attributes and a scenario of it that
// changes hazards and initial states and declares another attribute first.
func crnModels() (*model.Model, *model.Model) {
	a, _ := equivModels()
	a.Attributes = append(a.Attributes,
		model.Attribute{Name: "prior_allo", Kind: model.AttrFlag, Shares: []model.Share{{Prob: model.Num(0.35)}}},
		model.Attribute{Name: "age", Kind: model.AttrNumber, Dist: &model.DistSpec{Family: model.FamLogNormal, MeanLog: q(3.6), SdLog: q(0.3)}})
	b, _ := equivModels()
	b.Attributes = append([]model.Attribute{{Name: "score", Kind: model.AttrNumber,
		Dist: &model.DistSpec{Family: model.FamWeibull, Shape: q(2), Scale: q(1)}}}, a.Attributes...)
	b.States[0].Exits[0].HazardRatio = q(0.5)
	b.States[0].Initial = model.Num(0.7)
	b.States[1].Initial = model.Num(0.3)
	return a, b
}

func TestBaselineSameInEveryScenario(t *testing.T) {
	ma, mb := crnModels()
	pa, err := Compile(ma, nil)
	if err != nil {
		t.Fatal(err)
	}
	pb, err := Compile(mb, nil)
	if err != nil {
		t.Fatal(err)
	}
	la, _ := newLayout(pa, pa.horizon, 1)
	lb, _ := newLayout(pb, pb.horizon, 1)
	wa, wb := newWorker(pa, &la), newWorker(pb, &lb)
	sk := seedKey(9)
	levels := make([]int, 2)
	for i := range 100_000 {
		pk := patientKey(sk, uint64(i))
		wa.baseline(pk, visitKey(pk, 0))
		wb.baseline(pk, visitKey(pk, 0))
		for j, at := range ma.Attributes {
			if x, y := wa.av[j], wb.av[mb.AttributeIndex(at.Name)]; x != y {
				t.Fatalf("patient %d: %s is %v in one scenario and %v in the other", i, at.Name, x, y)
			}
		}
		levels[int(wa.av[1])]++
	}
	// The flag is drawn at its share: 35% ± 4 SE.
	within(t, "share with prior alloHSCT", float64(levels[1])/1e5, 0.35, math.Sqrt(0.35*0.65/1e5), 4)
}

func TestAttributePatientAllocatesNothing(t *testing.T) {
	ma, _ := crnModels()
	ma.By = "mrd"
	p, err := Compile(ma, nil)
	if err != nil {
		t.Fatal(err)
	}
	l, _ := newLayout(p, 1, 16)
	w := newWorker(p, &l)
	sk := seedKey(1)
	i := uint64(0)
	if n := testing.AllocsPerRun(1000, func() {
		if err := w.patient(patientKey(sk, i), nil); err != nil {
			t.Fatal(err)
		}
		i++
	}); n != 0 {
		t.Errorf("%v allocations per patient, want 0", n)
	}
}

func TestSubgroupsSplitThePatients(t *testing.T) {
	m, _ := equivModels()
	m.By = "mrd"
	p, err := Compile(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), p, Options{Patients: 50_000, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Subgroups) != 2 {
		t.Fatalf("%d subgroups, want 2", len(r.Subgroups))
	}
	n, entered := 0, 0
	for _, g := range r.Subgroups {
		n += g.Patients
		entered += g.States[stateIdx(g, "relapse")].Entered
	}
	if n != r.Patients || entered != r.States[stateIdx(r, "relapse")].Entered {
		t.Errorf("subgroups hold %d patients (%d relapsing), everyone %d (%d)", n, entered, r.Patients, r.States[stateIdx(r, "relapse")].Entered)
	}
	// The same bits for any number of workers.
	r1, err := Run(context.Background(), p, Options{Patients: 50_000, Seed: 2, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	r3, err := Run(context.Background(), p, Options{Patients: 50_000, Seed: 2, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	for g := range r1.Subgroups {
		if a, b := fmt.Sprint(r1.Subgroups[g].Endpoints, r1.Subgroups[g].States), fmt.Sprint(r3.Subgroups[g].Endpoints, r3.Subgroups[g].States); a != b {
			t.Errorf("subgroup %d differs between 1 and 3 workers", g)
		}
	}
	// The total is the unstratified run's, bit for bit.
	m.By = ""
	r0 := mustRun(t, m, Options{Patients: 50_000, Seed: 2})
	if r0.Endpoints[0].Landmarks[0] != r.Endpoints[0].Landmarks[0] {
		t.Errorf("stratifying changed the overall result: %v vs %v", r.Endpoints[0].Landmarks[0], r0.Endpoints[0].Landmarks[0])
	}
	// MRD-positive patients relapse sooner (hr 2.5).
	if a, b := r.Subgroups[0].Endpoints[2].Landmarks[0].Value, r.Subgroups[1].Endpoints[2].Landmarks[0].Value; !(b > a) {
		t.Errorf("relapse incidence at 12: negative %v, positive %v; want positive higher", a, b)
	}
}

// TestSubgroupTarget: a target for a subgroup is evaluated on that subgroup
// (here without a `by`: the target names the attribute), and the run is the
// unstratified run.
func TestSubgroupTarget(t *testing.T) {
	m, _ := equivModels()
	m.Targets = []model.Target{
		{Name: "cir_pos", Measure: model.MeasureIncidence, Endpoint: "cir", Time: 12, Value: 0.5, N: 50, Source: "test", Subgroup: "mrd=positive"},
		{Name: "cir_all", Measure: model.MeasureIncidence, Endpoint: "cir", Time: 12, Value: 0.5, N: 50, Source: "test"},
	}
	r := mustRun(t, m, Options{Patients: 50_000, Seed: 8})
	if len(r.Subgroups) != 2 {
		t.Fatalf("%d subgroups, want 2", len(r.Subgroups))
	}
	pos := r.Subgroups[1]
	want := pos.Endpoints[endpointIdx(pos, "cir")].Landmarks[0].Estimate
	if got := r.Targets[0].Simulated; got != want {
		t.Errorf("subgroup target: %v, want the subgroup's F(12) %v", got, want)
	}
	if got, want := r.Targets[1].Simulated, r.Endpoints[endpointIdx(r, "cir")].Landmarks[0].Estimate; got != want {
		t.Errorf("target for everyone: %v, want %v", got, want)
	}
}

// TestSubgroupComparisons: two scenarios split alike give paired differences
// within each subgroup, each the difference of the subgroups' own figures.
func TestSubgroupComparisons(t *testing.T) {
	m0, _ := equivModels()
	m1, _ := equivModels()
	m0.By, m1.By = "mrd", "mrd"
	m1.States[0].Exits[0].HazardRatio = q(0.5)
	p0, err := Compile(m0, nil)
	if err != nil {
		t.Fatal(err)
	}
	p1, err := Compile(m1, nil)
	if err != nil {
		t.Fatal(err)
	}
	rs, cs, err := RunScenarios(context.Background(), []*Program{p0, p1}, Options{Patients: 40_000, Seed: 6})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || len(cs[0].Subgroups) != 2 {
		t.Fatalf("want 1 comparison with 2 subgroups, got %+v", cs)
	}
	for g, sc := range cs[0].Subgroups {
		if sc.Subgroup != rs[0].Subgroups[g].Subgroup {
			t.Errorf("subgroup %d is labelled %q", g, sc.Subgroup)
		}
		e := sc.Endpoints[0] // os
		got := e.Landmarks[0].Value
		want := rs[1].Subgroups[g].Endpoints[0].Landmarks[0].Value - rs[0].Subgroups[g].Endpoints[0].Landmarks[0].Value
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("subgroup %s: S(12) difference %v, want %v", sc.Subgroup, got, want)
		}
	}
	// Halving the relapse hazard gains RMST in both, each paired interval
	// narrower than the unpaired one (the same patients).
	for _, sc := range cs[0].Subgroups {
		d := sc.Endpoints[0].RMST
		if !(d.Value > 0) || !(d.Upper-d.Lower < d.Unpaired.Upper-d.Unpaired.Lower) {
			t.Errorf("%s: RMST difference %+v", sc.Subgroup, d)
		}
	}
}
