package fit

import (
	"context"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
	"gonum.org/v1/gonum/stat/distuv"
)

// responders is one branch: with probability p a patient enters "resp"
// after one month. Its only target is the share entering resp, 15 of 50,
// and p is free on [0, 1].
func responders() *model.Model {
	return &model.Model{Name: "resp", Unit: model.Month, Horizon: 12,
		Parameters: []model.Parameter{{Name: "p", Value: 0.5, Source: "test"}},
		States: []model.State{
			{Name: "start", Initial: model.Num(1), Exits: []model.Exit{{Name: "b", Dist: model.DistSpec{Family: model.FamFixed, Duration: ptr(model.Num(1))},
				Branch: []model.Destination{{To: "resp", Prob: model.Ref("p")}, {To: "non", Rest: true}}}}},
			{Name: "resp"}, {Name: "non"}},
		Targets:   []model.Target{{Name: "resp", Measure: model.MeasureShareEntering, State: "resp", Value: 0.3, N: 50, Source: "test"}},
		Calibrate: &model.Calibrate{Parameters: []model.FreeParameter{{Name: "p", Lower: 0, Upper: 1}}}}
}

func ptr[T any](x T) *T { return &x }

// TestIMISConjugate: with a uniform prior on p and 15 responders of 50, the
// posterior is Beta(16, 36) exactly. IMIS's posterior mean and 2.5% and
// 97.5% quantiles lie within 4 SEs of the exact ones, the SE combining the
// importance sampling and resampling error, sd·√(1/ESS + 1/J) for the mean
// and √(q(1−q)(1/ESS + 1/J))/f(x_q) for a quantile, with the simulation's
// own error in the likelihood, √(p(1−p)/patients) (the simulated share
// replaces p; common random numbers make it a fixed smooth distortion).
func TestIMISConjugate(t *testing.T) {
	const patients = 4000
	post, err := IMIS(context.Background(), responders(), IMISSettings{Patients: patients, Seed: 3, Workers: 1, Resample: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if !post.Converged {
		t.Errorf("IMIS did not converge: expected unique %v of %d after %d stages", post.ExpectedUnique, post.Resample, post.Stages)
	}
	exact := distuv.Beta{Alpha: 16, Beta: 36}
	xs := make([]float64, len(post.Sample))
	mean := 0.0
	for i, r := range post.Sample {
		xs[i] = r[0]
		mean += r[0]
	}
	mean /= float64(len(xs))
	mc := 1/post.ESS + 1/float64(post.Resample)
	simSE := math.Sqrt(0.3 * 0.7 / patients)
	se := math.Hypot(exact.StdDev()*math.Sqrt(mc), simSE)
	t.Logf("IMIS: %d evaluations, %d stages, ESS %.0f; mean %.4f (exact %.4f, SE %.4f)", post.Evaluations, post.Stages, post.ESS, mean, exact.Mean(), se)
	if z := math.Abs(mean-exact.Mean()) / se; z > 4 {
		t.Errorf("posterior mean %.4f, exact %.4f: %.1f SEs off", mean, exact.Mean(), z)
	}
	b := band(xs)
	for _, c := range []struct {
		q   float64
		got float64
	}{{0.025, b.Lower}, {0.975, b.Upper}} {
		x := exact.Quantile(c.q)
		se := math.Hypot(math.Sqrt(c.q*(1-c.q)*mc)/exact.Prob(x), simSE)
		t.Logf("%.3f quantile %.4f (exact %.4f, SE %.4f)", c.q, c.got, x, se)
		if z := math.Abs(c.got-x) / se; z > 4 {
			t.Errorf("%.3f quantile %.4f, exact %.4f: %.1f SEs off", c.q, c.got, x, z)
		}
	}
	if pt := post.Targets[0]; !pt.Covers {
		t.Errorf("posterior predictive interval %v does not cover the published 0.3", pt.Predictive)
	}
}
