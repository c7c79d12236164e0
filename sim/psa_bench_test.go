package sim_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/seeds"
	"github.com/blinasim/blinasim/sim"
)

// BenchmarkPSA measures a probabilistic sensitivity analysis of the default
// study (seeds.Default, 8 parameters drawn): 1000 draws × 10 000 patients,
// every estimate and band included, on one worker and on all cores.
// Run: go test ./sim -run '^$' -bench PSA -benchtime 1x -count 3
func BenchmarkPSA(b *testing.B) {
	m, err := config.Load(seeds.FS, seeds.Default, config.Options{})
	if err != nil {
		b.Fatal(err)
	}
	const draws, patients = 1000, 10_000
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("draws=%d/patients=%d/workers=%d", draws, patients, workers), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := sim.RunPSA(context.Background(), m, draws, sim.Options{Patients: patients, Seed: 1, Workers: workers}); err != nil {
					b.Fatal(err)
				}
			}
			s := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(draws)/s, "draws/s")
			b.ReportMetric(float64(draws*patients)/s, "patients/s")
		})
	}
}
