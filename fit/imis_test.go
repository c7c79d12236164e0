package fit

import (
	"context"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
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
	checkPosterior(t, post, truncatedBeta(16, 36, 0, 1), math.Sqrt(0.3*0.7/patients))
	if pt := post.Targets[0]; !pt.Covers {
		t.Errorf("posterior predictive interval %v does not cover the published 0.3", pt.Predictive)
	}
}
