package sim

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// lowerDeath is the reference model with every death hazard times hr.
func lowerDeath(shape, hr float64) *model.Model {
	m := referenceModel(shape)
	m.Name = "lower-death"
	for i := range m.States {
		for j := range m.States[i].Exits {
			if m.States[i].Exits[j].To == "death" {
				m.States[i].Exits[j].HazardRatio = q(hr)
			}
		}
	}
	return m
}

func mustCompile(t testing.TB, ms ...*model.Model) []*Program {
	t.Helper()
	var ps []*Program
	for _, m := range ms {
		p, err := Compile(m, nil)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	return ps
}

// TestScenariosMatchSeparateRuns: each scenario's results from RunScenarios
// are bit-identical to a separate run with the same seed.
func TestScenariosMatchSeparateRuns(t *testing.T) {
	opts := Options{Patients: 30_001, Seed: 12, Workers: 3}
	res, _, err := RunScenarios(context.Background(), mustCompile(t, referenceModel(0), lowerDeath(0, 0.7)), opts)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range []*model.Model{referenceModel(0), lowerDeath(0, 0.7)} {
		if fingerprint(res[i]) != fingerprint(mustRun(t, m, opts)) {
			t.Errorf("scenario %d differs from its separate run", i)
		}
	}
}

// TestSameScenarioDiffersByExactlyZero: a scenario identical to the base
// (hr = 1) differs by exactly 0 with a paired SE of exactly 0.
func TestSameScenarioDiffersByExactlyZero(t *testing.T) {
	_, comps, err := RunScenarios(context.Background(), mustCompile(t, referenceModel(1.3), lowerDeath(1.3, 1)), Options{Patients: 20_000, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range comps[0].Endpoints {
		for _, l := range e.Landmarks {
			if l.Value != 0 || (l.Paired && l.SE != 0) {
				t.Errorf("%s at %g: %+v, want exactly 0", e.Name, l.Time, l.Difference)
			}
		}
		if e.RMST.Value != 0 || (e.RMST.Paired && e.RMST.SE != 0) {
			t.Errorf("%s RMST: %+v, want exactly 0", e.Name, e.RMST)
		}
	}
}

// TestPairedDifferenceMatchesMatrixExponential: lowering every death hazard
// to 0.7× keeps the model Markov, so the exact OS difference Δ at each
// landmark is the difference of two matrix exponentials; the paired estimate
// is within 4 SE of it. Because no patient dies earlier with hr < 1, the only
// discordant patients are those the lower hazard keeps alive, so the exact
// paired variance is (|Δ| − Δ²)/n: the reported SE is within 3% of it (its own
// relative error is about 1/(2√n10) < 1%), and below the independent SE.
func TestPairedDifferenceMatchesMatrixExponential(t *testing.T) {
	const n = 400_000
	_, comps, err := RunScenarios(context.Background(), mustCompile(t, referenceModel(0), lowerDeath(0, 0.7)), Options{Patients: n, Seed: 21})
	if err != nil {
		t.Fatal(err)
	}
	os := comps[0].Endpoints[0]
	if os.Name != "os" || len(os.Landmarks) != 4 {
		t.Fatalf("first endpoint %s with %d landmarks", os.Name, len(os.Landmarks))
	}
	saved := referenceRates
	defer func() { referenceRates = saved }()
	for _, l := range os.Landmarks {
		base := 1 - markovOccupancy(l.Time)[4]
		referenceRates = scaledDeath(saved, 0.7)
		low := 1 - markovOccupancy(l.Time)[4]
		referenceRates = saved
		delta := low - base
		within(t, fmt.Sprintf("ΔOS(%g)", l.Time), l.Value, delta, l.SE, 4)
		exactSE := math.Sqrt((math.Abs(delta) - delta*delta) / n)
		indep := math.Sqrt(base*(1-base)/n + low*(1-low)/n)
		if !l.Paired || math.Abs(l.SE/exactSE-1) > 0.03 || l.SE >= indep {
			t.Errorf("ΔOS(%g): paired %v, SE %.3g; exact paired SE %.3g, independent %.3g", l.Time, l.Paired, l.SE, exactSE, indep)
		}
	}
}

func scaledDeath(rates []struct {
	from, to string
	rate     float64
}, hr float64) []struct {
	from, to string
	rate     float64
} {
	out := append(rates[:0:0], rates...)
	for i := range out {
		if out[i].to == "death" {
			out[i].rate *= hr
		}
	}
	return out
}

// TestPairedSEsMatchReplication: over 300 independent runs the spread of the
// paired differences (OS at 24 months, RMST of OS, median OS) agrees with
// their mean reported SE (ratio within 1 ± 3/√(2·300) ≈ ±0.12). (The
// median's independent interval, before it was paired, gave 1.7.)
func TestPairedSEsMatchReplication(t *testing.T) {
	const reps, n = 300, 2000
	progs := mustCompile(t, referenceModel(1.3), lowerDeath(1.3, 0.7))
	var s, s2, se, cnt [3]float64
	var paired [3]bool
	for rep := range reps {
		_, comps, err := RunScenarios(context.Background(), progs, Options{Patients: n, Seed: uint64(500 + rep), Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		os := comps[0].Endpoints[0]
		for i, d := range []Difference{os.Landmarks[1].Difference, os.RMST, os.Median} {
			if math.IsNaN(d.SE) { // a median bound not reached in this run
				continue
			}
			cnt[i]++
			paired[i] = d.Paired
			s[i] += d.Value
			s2[i] += d.Value * d.Value
			se[i] += d.SE
		}
	}
	for i, name := range []string{"ΔOS(24)", "ΔRMST", "Δmedian"} {
		if cnt[i] < reps*0.9 {
			t.Fatalf("%s: an interval in only %v of %d runs", name, cnt[i], reps)
		}
		mean := s[i] / cnt[i]
		sd := math.Sqrt((s2[i]/cnt[i] - mean*mean) * cnt[i] / (cnt[i] - 1))
		ratio := se[i] / cnt[i] / sd
		t.Logf("%-8s empirical SD %.4f, mean reported SE %.4f, ratio %.2f (%v runs)", name, sd, se[i]/cnt[i], ratio, cnt[i])
		if math.Abs(ratio-1) > 0.12 || !paired[i] {
			t.Errorf("%s: SE/SD ratio %.2f, paired %v", name, ratio, paired[i])
		}
	}
}

// TestPairedIntervalIsMuchNarrower: hr 0.8 on one exit (relapse → death) of
// the reference model. The paired (common-random-number) interval of ΔOS(12)
// is compared with the unpaired one, √(SE₀² + SE₁²), which is what two separate
// runs would give. As no patient dies earlier with a lower death hazard, the
// only discordant patients are those the scenario keeps alive, so the exact
// ratio of the two is √((|Δ| − Δ²) / (S₀(1 − S₀) + S₁(1 − S₁))) with S₀, S₁
// from matrix exponentials; the measured ratio is within 4 relative SEs of
// it (the paired SE's relative error is about 1/(2√n₁₀)), and below 1/3:
// much narrower. RMST's paired interval is narrower too.
func TestPairedIntervalIsMuchNarrower(t *testing.T) {
	const n = 100_000
	scen := referenceModel(0)
	scen.Name = "slower-death-in-relapse"
	scen.States[0].Exits[1].HazardRatio = q(0.8) // relapse → death
	if e := scen.States[0].Exits[1]; scen.States[0].Name != "relapse" || e.To != "death" {
		t.Fatalf("exit 1 of %s goes to %s", scen.States[0].Name, e.To)
	}
	res, comps, err := RunScenarios(context.Background(), mustCompile(t, referenceModel(0), scen), Options{Patients: n, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	os := comps[0].Endpoints[0]
	l := os.Landmarks[0]
	if os.Name != "os" || l.Time != 12 || !l.Paired || !os.RMST.Paired {
		t.Fatalf("ΔOS(%g) of %s: paired %v", l.Time, os.Name, l.Paired)
	}
	if se := math.Hypot(res[0].Endpoints[0].Landmarks[0].SE, res[1].Endpoints[0].Landmarks[0].SE); l.Unpaired.SE != se || l.Unpaired.Value != l.Value {
		t.Errorf("unpaired %+v, want SE √(SE₀² + SE₁²) = %v around %v", l.Unpaired, se, l.Value)
	}
	saved := referenceRates
	defer func() { referenceRates = saved }()
	s0 := 1 - markovOccupancy(12)[4]
	referenceRates = append(saved[:0:0], saved...)
	referenceRates[1].rate *= 0.8 // relapse → death
	s1 := 1 - markovOccupancy(12)[4]
	delta := s1 - s0
	exact := math.Sqrt((math.Abs(delta) - delta*delta) / (s0*(1-s0) + s1*(1-s1)))
	ratio := (l.Upper - l.Lower) / (l.Unpaired.Upper - l.Unpaired.Lower)
	within(t, "paired/unpaired width of ΔOS(12)", ratio, exact, exact/(2*math.Sqrt(n*math.Abs(delta))), 4)
	rmst := (os.RMST.Upper - os.RMST.Lower) / (os.RMST.Unpaired.Upper - os.RMST.Unpaired.Lower)
	t.Logf("ΔOS(12) = %.4f (exact %.4f): paired interval %.4f wide, unpaired %.4f; ratio %.3f (exact %.3f); ΔRMST ratio %.3f",
		l.Value, delta, l.Upper-l.Lower, l.Unpaired.Upper-l.Unpaired.Lower, ratio, exact, rmst)
	if ratio > 1.0/3 || rmst > 1.0/3 {
		t.Errorf("paired/unpaired interval widths %.3f (ΔOS(12)) and %.3f (ΔRMST): want < 1/3", ratio, rmst)
	}
}
