package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// tenParameterStudy is the default study with 10 parameters to vary: its 8
// with an uncertainty distribution, the assessment time between day 42 and
// day 126 (bounds), and a hazard ratio on death in remission with a log-normal
// uncertainty (sdlog 0.3).
func tenParameterStudy(b *testing.B) *model.Model {
	m, err := loadDefault(config.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m.Sensitivity.Parameters = append(m.Sensitivity.Parameters, model.Bounds{Name: "t_assess",
		Low: model.Month.Convert(42, model.Day), High: model.Month.Convert(126, model.Day)})
	m.Parameters = append(m.Parameters, model.Parameter{Name: "hr_nrm", Value: 1, Source: "assumption: benchmark",
		Uncertainty: &model.Uncertainty{Family: model.UncLogNormal, A: 0, B: 0.3}})
	for i, s := range m.States {
		for j, e := range s.Exits {
			if e.To == "nrm_death" {
				m.States[i].Exits[j].HazardRatio = &model.Quantity{Param: "hr_nrm"}
			}
		}
	}
	if n := len(sim.Ranges(m)); n != 10 {
		b.Fatalf("%d parameters to vary, want 10", n)
	}
	return m
}

// BenchmarkOneWay measures a one-way analysis of 10 parameters of the default
// study (21 runs on the same patients, OS at 36 months), at the default
// patients per run of `blinasim sensitivity` and at 10⁶, on all cores.
// Run: go test . -run '^$' -bench OneWay -benchtime 5x
func BenchmarkOneWay(b *testing.B) {
	m := tenParameterStudy(b)
	o := model.Outcome{Endpoint: "os", Measure: model.OutcomeSurvival, Time: 36}
	ranges := sim.Ranges(m)
	for _, n := range []int{sensitivityPatients, 1_000_000} {
		b.Run(fmt.Sprintf("patients=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := sim.RunOneWay(context.Background(), m, o, ranges, sim.Options{Patients: n, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*sim.OneWayRuns(len(ranges)))*float64(b.N)/b.Elapsed().Seconds(), "patients/s")
		})
	}
}
