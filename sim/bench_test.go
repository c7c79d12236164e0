package sim

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// BenchmarkRun measures patients per second on the reference model and its
// Weibull twin (shape 1.3 on every exit), on one worker and on all cores.
// Run: go test ./sim -run '^$' -bench Run -benchtime 5x
func BenchmarkRun(b *testing.B) {
	const patients = 2_000_000
	for _, c := range []struct {
		name string
		m    *model.Model
	}{{"exponential", referenceModel(0)}, {"weibull1.3", referenceModel(1.3)}} {
		p, err := Compile(c.m, nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
			b.Run(fmt.Sprintf("%s/workers=%d", c.name, workers), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Run(context.Background(), p, Options{Patients: patients, Seed: 1, Workers: workers}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(patients)*float64(b.N)/b.Elapsed().Seconds(), "patients/s")
			})
		}
	}
}

// BenchmarkPatient measures one patient's simulation alone (allocs must be 0).
func BenchmarkPatient(b *testing.B) {
	for _, c := range []struct {
		name string
		m    *model.Model
	}{{"exponential", referenceModel(0)}, {"weibull1.3", referenceModel(1.3)}} {
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

// BenchmarkEstimate measures turning merged totals into a Result alone
// (curves with their intervals, medians, RMST, occupancy) for the reference
// model's 4 endpoints and 5 states: what every PSA draw and scenario pays
// once after simulating its patients.
// Run: go test ./sim -run '^$' -bench Estimate -count 5
func BenchmarkEstimate(b *testing.B) {
	p, err := Compile(referenceModel(0), nil)
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Patients: 10_000, Seed: 1, Workers: 1}
	acc, l, err := simulate(context.Background(), p, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		estimate(p, l, acc, opts)
	}
}
