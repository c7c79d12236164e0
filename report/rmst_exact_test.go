package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// rmstModel has a death hazard lambda per month in both of its living states
// (so overall survival is exponential), entry into remission at rate 1, and
// an endpoint that starts at remission: its follow-up ends before the 60-month
// horizon, at horizon − (earliest remission).
func rmstModel(name string, lambda float64) *model.Model {
	rate := func(x float64) *model.Quantity { q := model.Num(x); return &q }
	exit := func(to string, r float64) model.Exit {
		return model.Exit{To: to, Dist: model.DistSpec{Family: model.FamExponential, Rate: rate(r)}}
	}
	return &model.Model{Name: name, Unit: model.Month, Horizon: 60, Landmarks: []float64{12, 60},
		States: []model.State{
			{Name: "waiting", Initial: model.Num(1), Exits: []model.Exit{exit("remission", 1), exit("death", lambda)}},
			{Name: "remission", Exits: []model.Exit{exit("death", lambda)}},
			{Name: "death"},
		},
		Endpoints: []model.Endpoint{{Name: "os_rem", Title: "Survival from remission", Start: []string{"remission"}, Events: []string{"death"}}},
	}
}

// exponentialRMST is ∫₀^τ e^(−λt) dt = (1 − e^(−λτ))/λ and the exact SE of
// its estimate from n uncensored patients: sd(min(T, τ))/√n, from
// E[min(T, τ)²] = 2/λ² (1 − e^(−λτ)) − 2τ/λ e^(−λτ).
func exponentialRMST(lambda, tau float64, n int) (rmst, se float64) {
	rmst = (1 - math.Exp(-lambda*tau)) / lambda
	m2 := 2/(lambda*lambda)*(1-math.Exp(-lambda*tau)) - 2*tau/lambda*math.Exp(-lambda*tau)
	return rmst, math.Sqrt((m2 - rmst*rmst) / float64(n))
}

// TestRMSTWindowExact: overall survival is exponential (λ = 0.03 and 0.02 per
// month) and followed to the 60-month horizon (16% and 30% alive there, far
// above one of the cohort of 100), so its RMST to τ = 60 is estimable, equals
// (1 − e^(−λτ))/λ within 4 reported SEs, with the reported SE within 5% of
// the exact one, and the paired difference of the two equals the exact
// difference within 4 of its SEs. The endpoint that starts at remission has
// no patient followed to 60 months since remission: its RMST to 60 is not
// estimable in summary.json (null, estimable false), summary.md ("not
// estimable") and estimates.csv (NA, past_followup TRUE, time = τ), and so is
// its difference in compare.csv.
func TestRMSTWindowExact(t *testing.T) {
	const n = 100_000
	lambdas := []float64{0.03, 0.02}
	results, comps := runModels(t, n, 11, rmstModel("base", lambdas[0]), rmstModel("lower", lambdas[1]))
	fu := newFollowUp(Figures{}, results)
	s := newSummary("rmst", results, comps, nil, fu)
	for i, l := range lambdas {
		os := s.Scenarios[i].Endpoints[0]
		want, se := exponentialRMST(l, 60, n)
		if os.Name != "os" || !os.RMST.Estimable || float64(os.RMST.Tau) != 60 {
			t.Fatalf("%s: RMST %+v: want estimable, τ = 60", os.Name, os.RMST)
		}
		within(t, "RMST of OS to 60", float64(os.RMST.Value), want, float64(os.RMST.SE), 4)
		if r := float64(os.RMST.SE) / se; math.Abs(r-1) > 0.05 {
			t.Errorf("λ = %g: RMST SE %.5g, exact %.5g", l, float64(os.RMST.SE), se)
		}
		rem := s.Scenarios[i].Endpoints[1]
		if rem.Name != "os_rem" || rem.RMST.Estimable || !math.IsNaN(float64(rem.RMST.Value)) || float64(rem.RMST.Tau) != 60 ||
			!(float64(rem.FollowUp) < 60) {
			t.Errorf("%s: follow-up to %v, RMST %+v: want not estimable (null), τ = 60", rem.Name, rem.FollowUp, rem.RMST)
		}
	}
	r0, _ := exponentialRMST(lambdas[0], 60, n)
	r1, _ := exponentialRMST(lambdas[1], 60, n)
	var sawOS, sawRem bool
	for _, d := range s.Differences {
		if d.Measure != "rmst" {
			continue
		}
		switch d.Endpoint {
		case "os":
			sawOS = true
			if !d.Paired || d.PastFollowUp || float64(d.Time) != 60 {
				t.Errorf("ΔRMST of OS: %+v: want paired, within follow-up, τ = 60", d)
			}
			within(t, "ΔRMST of OS to 60", float64(d.Value), r1-r0, float64(d.Upper-d.Lower)/(2*1.959963984540054), 4)
		case "os_rem":
			sawRem = true
			if !d.PastFollowUp || !math.IsNaN(float64(d.Value)) {
				t.Errorf("ΔRMST from remission: %+v: want past follow-up, null", d)
			}
		}
	}
	if !sawOS || !sawRem {
		t.Fatalf("differences %+v: want the RMSTs of os and os_rem", s.Differences)
	}

	var md, est, cmp bytes.Buffer
	if err := writeMarkdown(&md, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| Survival from remission (`os_rem`) |") || !strings.Contains(md.String(), notEstimable) {
		t.Errorf("summary.md does not say the RMST from remission is %q:\n%s", notEstimable, md.String())
	}
	if err := writeEstimatesCSV(&est, s); err != nil {
		t.Fatal(err)
	}
	if err := writeCompareCSV(&cmp, s.Differences); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file string
		b    *bytes.Buffer
		want []string // the os_rem rmst row's (time, value, past_followup) by column name
	}{
		{"estimates.csv", &est, []string{"time=60", "estimate=NA", "past_followup=TRUE"}},
		{"compare.csv", &cmp, []string{"time=60", "difference=NA", "past_followup=TRUE"}},
	} {
		rows, err := csv.NewReader(c.b).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		found := false
		for _, r := range rows[1:] {
			if r[col["endpoint"]] != "os_rem" || r[col["measure"]] != "rmst" {
				continue
			}
			found = true
			for _, w := range c.want {
				k, v, _ := strings.Cut(w, "=")
				if r[col[k]] != v {
					t.Errorf("%s: os_rem rmst row %v: %s = %q, want %q", c.file, r, k, r[col[k]], v)
				}
			}
		}
		if !found {
			t.Errorf("%s: no os_rem rmst row", c.file)
		}
	}
}

// runModels runs the models as scenarios of one run (the first the base).
func runModels(t *testing.T, n int, seed uint64, ms ...*model.Model) ([]*sim.Result, []sim.Comparison) {
	t.Helper()
	var progs []*sim.Program
	for _, m := range ms {
		p, err := sim.Compile(m, nil)
		if err != nil {
			t.Fatal(err)
		}
		progs = append(progs, p)
	}
	results, comps, err := sim.RunScenarios(context.Background(), progs, sim.Options{Patients: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return results, comps
}

// within fails unless got is within k standard errors se of want.
func within(t *testing.T, what string, got, want, se, k float64) {
	t.Helper()
	if !(math.Abs(got-want) <= k*se) {
		t.Errorf("%s: %.6g, want %.6g ± %g·%.3g", what, got, want, k, se)
	} else {
		t.Logf("%s: %.6g, exact %.6g (%.2f SE)", what, got, want, (got-want)/se)
	}
}
