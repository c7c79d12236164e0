package sim

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// riskPSA is alive → dead at rate h, times hr for patients with the flag
// risk (true with probability pi at baseline), stratified by risk; h, hr
// and pi are all uncertain.
func riskPSA() *model.Model {
	return &model.Model{Name: "risk", Unit: model.Month, Horizon: 24, Landmarks: []float64{12}, By: "risk",
		Parameters: []model.Parameter{
			{Name: "h", Value: 0.1, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncGamma, A: 25, B: 250}},
			{Name: "hr", Value: 2, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncLogNormal, A: math.Ln2, B: 0.3}},
			{Name: "pi", Value: 0.3, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncBeta, A: 30, B: 70}}},
		Attributes: []model.Attribute{{Name: "risk", Title: "High risk", Kind: model.AttrFlag,
			Shares: []model.Share{{Prob: model.Ref("pi")}}}},
		States: []model.State{
			{Name: "alive", Initial: model.Num(1), Exits: []model.Exit{{To: "dead",
				Dist:    model.DistSpec{Family: model.FamExponential, Rate: &model.Quantity{Param: "h"}},
				Effects: []model.Effect{{Attr: "risk", Level: "true", HR: &model.Quantity{Param: "hr"}}}}}},
			{Name: "dead"}}}
}

// TestPSASubgroupsExact: in every draw d, with the draw's λ, hr and π, the
// subgroups' S(12) are e^(−12λ) (risk false) and e^(−12λ·hr) (risk true),
// and the overall S(12) is their share-weighted mixture (1−π)·S₀ + π·S₁
// (closed forms of the exponential model). Each is an empirical survival of
// its binomial number of patients, checked within 4.5 binomial SEs
// (√(S(1−S)/n_g), n_g = n·share; for the overall, Bernoulli(S̄) over n).
// The subgroups are recorded from the same draw as the overall figure: a
// drawn share π moves the overall figure and both subgroups' sizes together.
func TestPSASubgroupsExact(t *testing.T) {
	const draws, n, seed = 8, 20_000, 5
	m := riskPSA()
	psa, err := RunPSA(context.Background(), m, draws, Options{Patients: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	if len(psa.Subgroups) != 2 || psa.Subgroups[0].Subgroup != "risk=false" || psa.Subgroups[1].Subgroup != "risk=true" {
		t.Fatalf("subgroups %v, want risk=false and risk=true", subgroupNames(psa))
	}
	for d := 1; d <= draws; d++ {
		v := DrawValues(m, seed, d)
		lam, hr, pi := v["h"], v["hr"], v["pi"]
		s0, s1 := math.Exp(-12*lam), math.Exp(-12*lam*hr)
		mix := (1-pi)*s0 + pi*s1
		s12 := func(p *PSA) float64 { return p.Samples[d-1].Endpoints[0].Landmarks[0] }
		within(t, fmt.Sprintf("draw %d: S(12) risk=false", d), s12(psa.Subgroups[0]), s0, math.Sqrt(s0*(1-s0)/(n*(1-pi))), 4.5)
		within(t, fmt.Sprintf("draw %d: S(12) risk=true", d), s12(psa.Subgroups[1]), s1, math.Sqrt(s1*(1-s1)/(n*pi)), 4.5)
		within(t, fmt.Sprintf("draw %d: S(12) overall", d), s12(psa), mix, math.Sqrt(mix*(1-mix)/n), 4.5)
		for _, sp := range psa.Subgroups { // a subgroup's draw has the draw's parameter values
			if fmt.Sprint(sp.Samples[d-1].Values) != fmt.Sprint(psa.Samples[d-1].Values) {
				t.Errorf("draw %d, %s: values %v, overall %v", d, sp.Subgroup, sp.Samples[d-1].Values, psa.Samples[d-1].Values)
			}
		}
	}
	// Stratifying changes nothing of the overall analysis (same bits).
	flat := riskPSA()
	flat.By = ""
	whole, err := RunPSA(context.Background(), flat, draws, Options{Patients: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	if len(whole.Subgroups) != 0 || psaDump(whole) != psaDump(&PSA{Draws: psa.Draws, Parameters: psa.Parameters, Samples: psa.Samples, Endpoints: psa.Endpoints}) {
		t.Error("the overall analysis of the stratified model differs from the unstratified one")
	}
}

// TestPSASubgroupsDeterministicAndSharded: the subgroups' analyses are the
// same bits for any workers (one draw per worker, or several workers per
// draw), and when the draws are run in shards, written as integers, read
// back and summarised (run --psa --shard, then merge).
func TestPSASubgroupsDeterministicAndSharded(t *testing.T) {
	m := riskPSA()
	const draws = 5
	opts := Options{Patients: 3000, Seed: 11, Workers: 1}
	one, err := RunPSA(context.Background(), m, draws, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := psaDump(one)
	for _, w := range []int{3, 12} {
		opts.Workers = w
		p, err := RunPSA(context.Background(), m, draws, opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := psaDump(p); got != want {
			t.Errorf("%d workers: the subgroups' analyses differ from 1 worker's", w)
		}
	}
	var parts []*PSAPart
	for _, sp := range []Span{{3, 5}, {0, 3}} {
		part, err := RunPSADraws(context.Background(), m, draws, &sp, opts)
		if err != nil {
			t.Fatal(err)
		}
		back, err := PSAPartFromInts(m, sp, part.Ints())
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, back)
	}
	merged, err := SummarisePSA(m, draws, parts...)
	if err != nil {
		t.Fatal(err)
	}
	if psaDump(merged) != want {
		t.Error("the sharded analysis differs from the whole one")
	}
	if _, err := PSAPartFromInts(m, Span{0, 1}, parts[1].Ints()[:5]); err == nil {
		t.Error("a part missing a subgroup's arrays was read back")
	}
}

// TestWithPSASubgroupsAligns: the flattened analyses follow the flattened
// results, nil where a scenario has no analysis.
func TestWithPSASubgroupsAligns(t *testing.T) {
	a, b := &PSA{Subgroups: []*PSA{{Subgroup: "x=1"}, {Subgroup: "x=2"}}}, &Result{Subgroups: []*Result{{}, {}}}
	got := WithPSASubgroups([]*Result{b, b}, []*PSA{a, nil})
	if len(got) != 6 || got[0] != a || got[1] != a.Subgroups[0] || got[2] != a.Subgroups[1] || got[3] != nil || got[5] != nil {
		t.Errorf("flattened %v", got)
	}
}

// psaDump prints an analysis and its subgroups' in full (every bit of every
// figure, as %v prints a float64 exactly enough to tell bits apart).
func psaDump(p *PSA) string {
	s := fmt.Sprintf("%s %d %v %v %v\n", p.Subgroup, p.Draws, p.Parameters, p.Samples, p.Endpoints)
	for _, sp := range p.Subgroups {
		s += psaDump(sp)
	}
	return s
}

func subgroupNames(p *PSA) []string {
	var out []string
	for _, sp := range p.Subgroups {
		out = append(out, sp.Subgroup)
	}
	return out
}

// TestPSASubgroupsCountInTheLimit: a PSA keeps each subgroup's curves and
// figures too, so the draws allowed shrink with the levels. riskPSA keeps
// 385 grid times (the default grid over 24 months) + 3 figures per curve
// set and 3 parameters: 391 numbers a draw unstratified, 3·388 + 3 = 1167
// with its two subgroups; MaxPSAValues/500 draws fit the first only.
func TestPSASubgroupsCountInTheLimit(t *testing.T) {
	draws := MaxPSAValues / 500
	flat := riskPSA()
	flat.By = ""
	for _, c := range []struct {
		m  *model.Model
		ok bool
	}{{flat, true}, {riskPSA(), false}} {
		p, err := Compile(c.m, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = Check([]*Program{p}, Options{Patients: 1}, draws)
		if (err == nil) != c.ok || !c.ok && !strings.Contains(err.Error(), "about 1167 figures") {
			t.Errorf("by %q: %v, want ok %v (1167 figures a draw with subgroups)", c.m.By, err, c.ok)
		}
	}
}
