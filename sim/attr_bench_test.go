package sim

import (
	"testing"

	"github.com/blinasim/blinasim/model"
)

// referenceWithAttributes is the reference model with history: MRD status
// drawn at baseline (60% negative), a prior-transplant flag (35%), a count of
// relapses and the time of the last remission; relapse from remission has a
// hazard ratio for MRD-positive patients, death from relapse one per count,
// re-remission is open while the count is at most 5, and the second HSCT's
// relapse clock runs since the last remission.
func referenceWithAttributes() *model.Model {
	m := referenceModel(0)
	one, two := 1, 2
	m.Attributes = []model.Attribute{
		{Name: "mrd", Kind: model.AttrCategory, Levels: []string{"negative", "positive"}, Shares: []model.Share{{Prob: model.Num(0.6)}, {Rest: true}}},
		{Name: "prior_allo", Kind: model.AttrFlag, Shares: []model.Share{{Prob: model.Num(0.35)}}},
		{Name: "n_relapse", Kind: model.AttrCount},
		{Name: "t_remission", Kind: model.AttrTime, Initial: q(0)},
	}
	for i := range m.States {
		s := &m.States[i]
		switch s.Name {
		case "relapse":
			s.Updates = []model.Update{{Attr: "n_relapse", Add: q(1)}}
			s.Exits[0].When = []model.Condition{{Attr: "n_relapse", Max: q(5)}}
			s.Exits[1].Effects = []model.Effect{{Attr: "n_relapse", Count: &one, HR: q(1.2)}, {Attr: "n_relapse", Count: &two, HR: q(1.5)}}
		case "remission":
			s.Updates = []model.Update{{Attr: "t_remission", Record: true}}
			s.Exits[1].Effects = []model.Effect{{Attr: "mrd", Level: "positive", HR: q(2)}}
			s.Exits[2].Effects = []model.Effect{{Attr: "prior_allo", Level: "true", HR: q(1.5)}}
		case "second_hsct":
			s.Exits[0].Since = "t_remission"
		}
	}
	return m
}

// BenchmarkPatientAttributes measures one patient of the reference model and
// of the same model with attributes (allocs must be 0 for both).
// Run: go test ./sim -run '^$' -bench PatientAttributes -count 5
func BenchmarkPatientAttributes(b *testing.B) {
	for _, c := range []struct {
		name string
		m    *model.Model
	}{{"plain", referenceModel(0)}, {"attributes", referenceWithAttributes()}} {
		p, err := Compile(c.m, nil)
		if err != nil {
			b.Fatal(err)
		}
		l, err := newLayout(p, 1, 64)
		if err != nil {
			b.Fatal(err)
		}
		w := newWorker(p, &l)
		sk := seedKey(1)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			i := uint64(0)
			for b.Loop() {
				_ = w.patient(patientKey(sk, i), nil)
				i++
			}
		})
	}
}
