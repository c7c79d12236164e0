package main

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// BenchmarkTrial measures simulated trials per second: trials of 300
// patients (1:1) of the default study's sequencing scenarios, no
// consolidation vs a second alloHSCT after a blinatumomab response, accrued
// over 36 months and analysed 48 months after the first enrolment, on one
// worker and on all cores.
// Run: go test -run '^$' -bench Trial -benchtime 3x
func BenchmarkTrial(b *testing.B) {
	const trials = 2000
	var models []*model.Model
	for _, name := range []string{"after-blin-no-consolidation", "after-blin-second-hsct"} {
		m, err := loadModel(name, config.Options{})
		if err != nil {
			b.Fatal(err)
		}
		models = append(models, m)
	}
	tr := &sim.Trial{ArmNames: []string{"none", "hsct2"}, Allocation: []int{1, 1}, Sizes: []int{300},
		Accrual: sim.Accrual{Period: 36}, Analysis: sim.Analysis{Time: 48}, Endpoint: "os", Alpha: 0.05}
	for _, m := range models {
		p, err := sim.Compile(m, nil)
		if err != nil {
			b.Fatal(err)
		}
		tr.Arms = append(tr.Arms, p)
	}
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("n=300/workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tr.Simulate(context.Background(), sim.TrialRange{Lo: 0, Hi: trials}, sim.TrialOptions{Seed: 1, Workers: workers}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(trials)*float64(b.N)/b.Elapsed().Seconds(), "trials/s")
		})
	}
}
