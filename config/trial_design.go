package config

import (
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// Design compiles the arms' models (in the order of s.Arms) and assembles
// the engine's trial design from a checked trial file (Check), so that the
// trial command, its shards and the tests build one design the same way.
func (s *TrialSpec) Design(models []*model.Model) (*sim.Trial, error) {
	tr := &sim.Trial{Allocation: s.Allocation, Sizes: s.Sizes,
		Accrual: sim.Accrual{Period: s.Period, Rate: s.Rate, Ramp: s.Ramp}, Dropout: s.Dropout,
		Analysis: sim.Analysis{Time: s.Time, Events: s.Events}, Endpoint: s.Endpoint, Alpha: s.Alpha,
		OneSided: s.OneSided, RMST: s.RMST}
	for i, m := range models {
		p, err := sim.Compile(m, nil)
		if err != nil {
			return nil, err
		}
		tr.Arms = append(tr.Arms, p)
		tr.ArmNames = append(tr.ArmNames, s.Arms[i].Name)
	}
	return tr, tr.Validate()
}
