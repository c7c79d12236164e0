package report

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// tauModel is rmstModel with overall survival declared, its RMST window τ =
// osTau, and two endpoints from remission: os_rem48 with τ = 48 months
// (within its follow-up, which ends at 60 − the earliest remission) and
// os_rem with no tau (τ = the horizon, 60: past it).
func tauModel(name string, lambda, osTau float64) *model.Model {
	m := rmstModel(name, lambda)
	rem := m.Endpoints[0]
	rem48 := rem
	rem48.Name, rem48.Tau = "os_rem48", 48
	m.Endpoints = []model.Endpoint{{Name: "os", Title: "Overall survival", Events: []string{"death"}, Tau: osTau}, rem48, rem}
	return m
}

// TestRMSTTauExact: with `tau: 36` on exponential overall survival (λ = 0.03
// and 0.02 per month, nobody censored before the 60-month horizon), the RMST
// to 36 equals (1 − e^(−36λ))/λ within 4 reported SEs, its SE is within 5% of
// the exact sd(min(T, 36))/√n, its τ is 36 in summary.json, estimates.csv and
// compare.csv, and the paired difference equals the exact difference within 4
// of its SEs. From remission, τ = 48 lies within follow-up (RMST estimable,
// and equal to the same closed form at 48, death being memoryless), τ = 60
// does not (not estimable). The summary's RMST column states each τ.
func TestRMSTTauExact(t *testing.T) {
	const n = 100_000
	lambdas := []float64{0.03, 0.02}
	results, comps := runModels(t, n, 12, tauModel("base", lambdas[0], 36), tauModel("lower", lambdas[1], 36))
	s := newSummary("tau", results, comps, nil, newFollowUp(Figures{}, results))
	for i, l := range lambdas {
		eps := s.Scenarios[i].Endpoints
		os, rem48, rem := eps[0], eps[1], eps[2]
		want, se := exponentialRMST(l, 36, n)
		if os.Name != "os" || !os.RMST.Estimable || float64(os.RMST.Tau) != 36 {
			t.Fatalf("%s: RMST %+v: want estimable, τ = 36", os.Name, os.RMST)
		}
		within(t, "RMST of OS to 36", float64(os.RMST.Value), want, float64(os.RMST.SE), 4)
		if r := float64(os.RMST.SE) / se; math.Abs(r-1) > 0.05 {
			t.Errorf("λ = %g: RMST to 36 SE %.5g, exact %.5g", l, float64(os.RMST.SE), se)
		} else {
			t.Logf("λ = %g: RMST to 36 SE %.5g, exact %.5g (ratio %.4f)", l, float64(os.RMST.SE), se, r)
		}
		want48 := (1 - math.Exp(-48*l)) / l
		if rem48.Name != "os_rem48" || !rem48.RMST.Estimable || float64(rem48.RMST.Tau) != 48 || !(float64(rem48.FollowUp) > 48) {
			t.Fatalf("%s: follow-up to %v, RMST %+v: want estimable, τ = 48", rem48.Name, rem48.FollowUp, rem48.RMST)
		}
		within(t, "RMST from remission to 48", float64(rem48.RMST.Value), want48, float64(rem48.RMST.SE), 4)
		if rem.RMST.Estimable || float64(rem.RMST.Tau) != 60 || !math.IsNaN(float64(rem.RMST.Value)) {
			t.Errorf("%s: RMST %+v: want not estimable, τ = 60", rem.Name, rem.RMST)
		}
	}
	r0, _ := exponentialRMST(lambdas[0], 36, n)
	r1, _ := exponentialRMST(lambdas[1], 36, n)
	saw := false
	for _, d := range s.Differences {
		if d.Measure != "rmst" || d.Endpoint != "os" {
			continue
		}
		saw = true
		if !d.Paired || d.PastFollowUp || float64(d.Time) != 36 {
			t.Errorf("ΔRMST of OS: %+v: want paired, within follow-up, τ = 36", d)
		}
		within(t, "ΔRMST of OS to 36", float64(d.Value), r1-r0, float64(d.Upper-d.Lower)/(2*1.959963984540054), 4)
	}
	if !saw {
		t.Fatalf("differences %+v: no RMST of os", s.Differences)
	}

	var md, est, cmp bytes.Buffer
	if err := writeMarkdown(&md, s); err != nil {
		t.Fatal(err)
	}
	if err := writeEstimatesCSV(&est, s); err != nil {
		t.Fatal(err)
	}
	if err := writeCompareCSV(&cmp, s.Differences); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file string
		got  string
		want []string
	}{
		{"summary.md", md.String(), []string{"| RMST, months (95% CI) |", "| to 36: ", "| to 48: ", "| to 60: not estimable |",
			"RMST to τ = 36, months", "given in the row", "to τ = the endpoint's `tau` or else the horizon, not estimable where τ lies past"}},
		{"estimates.csv", est.String(), []string{"base,os,rmst,36,", "base,os_rem48,rmst,48,", "base,os_rem,rmst,60,NA"}},
		{"compare.csv", cmp.String(), []string{"lower,base,os,survival,rmst,36,"}},
	} {
		for _, w := range c.want {
			if !strings.Contains(c.got, w) {
				t.Errorf("%s lacks %q:\n%s", c.file, w, c.got)
			}
		}
	}
}

// TestTimeLostTauExact: relapse (λ1 = 0.02) and death (λ2 = 0.01 per month)
// compete from time 0, so F(t) = λ1/Λ (1 − e^(−Λt)), Λ = λ1 + λ2, and the
// time lost to relapse before τ = 36 (`tau: 36`, horizon 60) is
// ∫₀^τ F = λ1/Λ (τ − (1 − e^(−Λτ))/Λ). The estimate is within 4 reported SEs
// of it, and its SE within 5% of the exact sd/√n of the per-patient time
// lost X = (τ − T)·1{relapse first, T ≤ τ}, E[X²] = ∫₀^τ (τ − t)² λ1 e^(−Λt) dt
// (by parts: λ1 [τ²/Λ − 2τ/Λ² + 2/Λ³ (1 − e^(−Λτ))]). Without tau the same
// run integrates to 60 instead.
func TestTimeLostTauExact(t *testing.T) {
	const n, l1, l2 = 200_000, 0.02, 0.01
	rate := func(x float64) *model.Quantity { q := model.Num(x); return &q }
	exit := func(to string, r float64) model.Exit {
		return model.Exit{To: to, Dist: model.DistSpec{Family: model.FamExponential, Rate: rate(r)}}
	}
	build := func(tau float64) *model.Model {
		return &model.Model{Name: "cir", Unit: model.Month, Horizon: 60, Landmarks: []float64{12},
			States: []model.State{
				{Name: "remission", Initial: model.Num(1), Exits: []model.Exit{exit("relapse", l1), exit("death", l2)}},
				{Name: "relapse", Exits: []model.Exit{exit("death", 0.1)}},
				{Name: "death"},
			},
			Endpoints: []model.Endpoint{{Name: "cir", Kind: model.Incidence, Events: []string{"relapse"}, Competing: []string{"death"}, Tau: tau}},
		}
	}
	exact := func(tau float64) (mean, se float64) {
		L := l1 + l2
		mean = l1 / L * (tau - (1-math.Exp(-L*tau))/L)
		m2 := l1 * (tau*tau/L - 2*tau/(L*L) + 2/(L*L*L)*(1-math.Exp(-L*tau)))
		return mean, math.Sqrt((m2 - mean*mean) / n)
	}
	for _, tau := range []float64{36, 0} {
		p, err := sim.Compile(build(tau), nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := sim.Run(context.Background(), p, sim.Options{Patients: n, Seed: 13})
		if err != nil {
			t.Fatal(err)
		}
		s := newSummary("cir", []*sim.Result{r}, nil, nil, newFollowUp(Figures{}, []*sim.Result{r}))
		e := s.Scenarios[0].Endpoints[1]
		wantTau := tau
		if tau == 0 {
			wantTau = 60
		}
		if e.Name != "cir" || !e.RMST.Estimable || float64(e.RMST.Tau) != wantTau {
			t.Fatalf("%s: time lost %+v: want estimable, τ = %v", e.Name, e.RMST, wantTau)
		}
		want, se := exact(wantTau)
		within(t, "time lost to relapse", float64(e.RMST.Value), want, float64(e.RMST.SE), 4)
		if ratio := float64(e.RMST.SE) / se; math.Abs(ratio-1) > 0.05 {
			t.Errorf("τ = %v: time lost SE %.5g, exact %.5g", wantTau, float64(e.RMST.SE), se)
		} else {
			t.Logf("τ = %v: time lost SE %.5g, exact %.5g (ratio %.4f)", wantTau, float64(e.RMST.SE), se, ratio)
		}
	}
}

// TestPSATau: the PSA tables take each endpoint's τ from the run at the
// parameters' values: os has τ = 12 in both scenarios, cir 24 in the base and
// 18 in the scenario. The PSA table states τ per cell; the difference of os
// is at τ = 12; cir, whose τ differs, gets no difference (NA, not flagged
// past follow-up).
func TestPSATau(t *testing.T) {
	res := []*sim.Result{
		{Scenario: "none", Horizon: 24, Endpoints: []sim.EndpointResult{{Name: "os", Tau: 12}, {Name: "cir", Kind: model.Incidence, Tau: 24}}},
		{Scenario: "hsct2", Horizon: 24, Endpoints: []sim.EndpointResult{{Name: "os", Tau: 12}, {Name: "cir", Kind: model.Incidence, Tau: 18}}},
	}
	eps := []sim.PSAEndpoint{{Name: "os", Kind: model.Survival}, {Name: "cir", Kind: model.Incidence}}
	psa := func(a, b float64) *sim.PSA {
		return &sim.PSA{Draws: 2, Parameters: []string{"p"}, Endpoints: eps,
			Samples: []sim.PSASample{
				{Values: []float64{0.4}, Endpoints: []sim.DrawFigures{{Median: 8, RMST: a}, {Median: 9, RMST: 3}}},
				{Values: []float64{0.5}, Endpoints: []sim.DrawFigures{{Median: 9, RMST: b}, {Median: 9, RMST: 4}}}}}
	}
	psas := []*sim.PSA{psa(7, 8), psa(8, 10)}
	ps := psaSummaries(res, psas, followUp{})
	if got := []float64{float64(ps[0].Endpoints[0].RMST.Tau), float64(ps[0].Endpoints[1].RMST.Tau), float64(ps[1].Endpoints[1].RMST.Tau)}; got[0] != 12 || got[1] != 24 || got[2] != 18 {
		t.Errorf("PSA τ of os, cir (base), cir (scenario): %v, want 12, 24, 18", got)
	}
	var md bytes.Buffer
	writePSAMarkdown(&md, ps, "month")
	for _, w := range []string{"| RMST (time lost), months |", "| to 12: ", "| to 24: "} {
		if !strings.Contains(md.String(), w) {
			t.Errorf("PSA table lacks %q:\n%s", w, md.String())
		}
	}
	rows := psaDifferenceSummaries(res, psas, followUp{})
	var b bytes.Buffer
	if err := writePSACompareCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"hsct2,none,2,os,survival,rmst,12,1.5,", "hsct2,none,2,cir,incidence,rmst,NA,NA,NA,NA,NA,FALSE"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("psa_compare.csv lacks %q:\n%s", w, b.String())
		}
	}
	var dm bytes.Buffer
	writePSADifferencesMarkdown(&dm, rows, "month", 24)
	if w := "restricted to τ = 12 months (the endpoints' `tau`)"; !strings.Contains(dm.String(), w) {
		t.Errorf("PSA differences lack %q:\n%s", w, dm.String())
	}
}

// TestDifferenceUnequalTau: scenarios whose τ differs for an endpoint (os:
// 36 in the base, 48 in the scenario) get no RMST difference for it: NA in
// compare.csv (time too, not flagged past follow-up), while os_rem48 (τ = 48
// in both) has one at 48.
func TestDifferenceUnequalTau(t *testing.T) {
	results, comps := runModels(t, 2000, 1, tauModel("base", 0.03, 36), tauModel("other", 0.03, 48))
	s := newSummary("tau", results, comps, nil, newFollowUp(Figures{}, results))
	var cmp bytes.Buffer
	if err := writeCompareCSV(&cmp, s.Differences); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"other,base,os,survival,rmst,NA,NA,NA,NA,", "other,base,os_rem48,survival,rmst,48,"} {
		if !strings.Contains(cmp.String(), w) {
			t.Errorf("compare.csv lacks %q:\n%s", w, cmp.String())
		}
	}
}
