package sim

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestSameSeedSameResultsForAnyWorkers: 1, 2 and 7 workers give identical
// results (every float bit-for-bit), for a patient count that is not a
// multiple of the chunk size.
func TestSameSeedSameResultsForAnyWorkers(t *testing.T) {
	for _, m := range []*model.Model{referenceModel(0), referenceModel(1.3)} {
		base := mustRun(t, m, Options{Patients: 50_001, Seed: 42, Workers: 1})
		for _, w := range []int{2, 7} {
			r := mustRun(t, m, Options{Patients: 50_001, Seed: 42, Workers: w})
			if fingerprint(base) != fingerprint(r) {
				t.Errorf("%s: %d workers differ from 1 worker", m.Name, w)
			}
		}
		other := mustRun(t, m, Options{Patients: 50_001, Seed: 43, Workers: 2})
		if fingerprint(base) == fingerprint(other) {
			t.Errorf("%s: seeds 42 and 43 gave identical results", m.Name)
		}
	}
}

// TestHazardRatioOneIsTheBase: a scenario with hr = 1 on an exit gives exactly
// the base results (common random numbers: same patients, same draws).
func TestHazardRatioOneIsTheBase(t *testing.T) {
	base := mustRun(t, referenceModel(1.3), Options{Patients: 20_000, Seed: 3})
	m := referenceModel(1.3)
	m.States[0].Exits[1].HazardRatio = q(1)
	m.States[1].Exits[0].TimeRatio = q(1)
	r := mustRun(t, m, Options{Patients: 20_000, Seed: 3})
	if fingerprint(base) != fingerprint(r) {
		t.Error("hr = 1 and tr = 1 changed the results")
	}
}

// fingerprint prints every field of a result; floats print in their shortest
// exact form, so equal fingerprints mean bit-identical figures (NaN included,
// which reflect.DeepEqual would call unequal).
func fingerprint(r *Result) string { return fmt.Sprintf("%+v", *r) }

// deathTime returns when a traced patient died, or +Inf.
func deathTime(v []Visit, death int) float64 {
	if last := v[len(v)-1]; last.State == death {
		return last.Entry
	}
	return math.Inf(1)
}

// TestLowerDeathHazardNeverKillsEarlier: with hr = 0.7 on every exit to death,
// no single patient dies earlier than in the base (and some die later), because
// each patient keeps its random numbers; this is what makes scenario
// differences precise.
func TestLowerDeathHazardNeverKillsEarlier(t *testing.T) {
	for _, shape := range []float64{0, 1.3} {
		base := referenceModel(shape)
		lower := referenceModel(shape)
		for i := range lower.States {
			for j := range lower.States[i].Exits {
				if lower.States[i].Exits[j].To == "death" {
					lower.States[i].Exits[j].HazardRatio = q(0.7)
				}
			}
		}
		pb, err := Compile(base, nil)
		if err != nil {
			t.Fatal(err)
		}
		pl, err := Compile(lower, nil)
		if err != nil {
			t.Fatal(err)
		}
		later := 0
		for i := range 20_000 {
			vb, _ := pb.Trace(11, i)
			vl, _ := pl.Trace(11, i)
			db, dl := deathTime(vb, 4), deathTime(vl, 4)
			if dl < db {
				t.Fatalf("shape %v: patient %d dies at %v with hr 0.7, at %v in the base", shape, i, dl, db)
			}
			if dl > db {
				later++
			}
		}
		if later == 0 {
			t.Errorf("shape %v: hr 0.7 delayed no death", shape)
		}
	}
}

// TestPatientAllocatesNothing: simulating a patient allocates nothing, for the
// exponential and the Weibull reference models.
func TestPatientAllocatesNothing(t *testing.T) {
	for _, m := range []*model.Model{referenceModel(0), referenceModel(1.3), renewalModel()} {
		p, err := Compile(m, nil)
		if err != nil {
			t.Fatal(err)
		}
		l, err := newLayout(p, 1, 64)
		if err != nil {
			t.Fatal(err)
		}
		w := newWorker(p, &l)
		sk := seedKey(1)
		i := uint64(0)
		if a := testing.AllocsPerRun(1000, func() { _ = w.patient(patientKey(sk, i), nil); i++ }); a != 0 {
			t.Errorf("%s: %v allocations per patient", m.Name, a)
		}
	}
}

// TestCancelStopsTheRun: a cancelled context stops the run with its error.
func TestCancelStopsTheRun(t *testing.T) {
	p, err := Compile(referenceModel(0), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, p, Options{Patients: 1_000_000, Seed: 1}); err != context.Canceled {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}
