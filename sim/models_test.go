package sim

import "github.com/blinasim/blinasim/model"

// Test models, built in Go so the engine's tests do not depend on the file
// loader. referenceModel is examples/reference-5state.yaml (issue 2's numbers);
// a test in package config checks the file says the same.

func q(x float64) *model.Quantity { v := model.Num(x); return &v }

func expExit(to string, rate float64) model.Exit {
	return model.Exit{To: to, Dist: model.DistSpec{Family: model.FamExponential, Rate: q(rate)}}
}

func weibullExit(to string, shape, scale float64) model.Exit {
	return model.Exit{To: to, Dist: model.DistSpec{Family: model.FamWeibull, Shape: q(shape), Scale: q(scale)}}
}

// referenceRates are issue 2's constant hazards per month: from, to, rate.
var referenceRates = []struct {
	from, to string
	rate     float64
}{
	{"relapse", "remission", 0.25}, {"relapse", "death", 0.08},
	{"remission", "mrd_negative", 0.30}, {"remission", "relapse", 0.10}, {"remission", "death", 0.02},
	{"mrd_negative", "second_hsct", 0.20}, {"mrd_negative", "relapse", 0.04}, {"mrd_negative", "death", 0.01},
	{"second_hsct", "relapse", 0.03}, {"second_hsct", "death", 0.015},
}

var referenceStates = []string{"relapse", "remission", "mrd_negative", "second_hsct", "death"}

// referenceModel builds the reference model; weibullShape > 0 gives its Weibull
// twin, every exit Weibull with that shape and the scale giving the same median
// as the exponential (scale = (ln 2)^(-1/shape) · ln 2 / rate ... i.e. H(median) = ln 2).
func referenceModel(weibullShape float64) *model.Model {
	m := &model.Model{Name: "reference-5state", Unit: model.Month, Horizon: 60, Landmarks: []float64{12, 24, 36, 60}}
	for _, name := range referenceStates {
		st := model.State{Name: name}
		if name == "relapse" {
			st.Initial = model.Num(1)
		}
		for _, r := range referenceRates {
			if r.from != name {
				continue
			}
			if weibullShape > 0 {
				st.Exits = append(st.Exits, weibullExit(r.to, weibullShape, weibullScale(r.rate, weibullShape)))
			} else {
				st.Exits = append(st.Exits, expExit(r.to, r.rate))
			}
		}
		m.States = append(m.States, st)
	}
	m.Endpoints = []model.Endpoint{
		{Name: "efs", Events: []string{"relapse", "death"}},
		{Name: "rfs", Start: []string{"remission"}, Events: []string{"relapse", "death"}},
		{Name: "cir", Kind: model.Incidence, Start: []string{"remission"}, Events: []string{"relapse"}, Competing: []string{"death"}},
		{Name: "dead", Kind: model.Incidence, Events: []string{"death"}},
	}
	return m
}

// weibullScale is the Weibull scale with the same median as an exponential of
// the given rate: (scale)·(ln 2)^(1/shape) = ln 2 / rate.
func weibullScale(rate, shape float64) float64 {
	return ln2 / rate / pow(ln2, 1/shape)
}
