package sim

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// updateIntervals rewrites the simulated patients R's interval goldens are
// computed from (a name of its own, apart from other goldens' -update).
var updateIntervals = flag.Bool("update-intervals", false, "rewrite testdata/r/intervals/patients.csv and layout.csv (then rerun the R script)")

// rRuns are the simulated runs whose patients R analyses (testdata/r/intervals): the
// reference model, to 24 months, with many patients, and with few (small risk sets, a curve
// that stays at 1 for a while, wide intervals).
var rRuns = []struct {
	name     string
	patients int
	seed     uint64
}{{"n200", 200, 17}, {"n25", 25, 3}}

// rPatientsFile is the patient-level data of rRuns, written by
// `go test ./sim -run TestRData -update-intervals`; testdata/r/intervals/survfit.R reads it.
const rPatientsFile = "testdata/r/intervals/patients.csv"

// rLayoutFile gives R each run's grid: step (months), fine bins per step
// and number of grid times.
const rLayoutFile = "testdata/r/intervals/layout.csv"

// observation is one patient's outcome on one endpoint: started or not, and
// if started the time since the start and the status (0 censored at the
// horizon, 1 event, 2 competing event).
type observation struct {
	started bool
	time    float64
	status  int
}

// observe follows one traced patient through the endpoints' definitions
// (model notes: start at the first entry into a start state, or at 0; end at
// the first later entry into an event or competing state; censored at the
// horizon). The test checks that binning these outcomes gives the run's
// histograms exactly, so R's data are the engine's patients.
func observe(p *Program, visits []Visit) []observation {
	obs := make([]observation, len(p.endpoints))
	start := make([]float64, len(p.endpoints))
	running, done := p.fromZero, uint64(0)
	for m := running; m != 0; m &= m - 1 {
		obs[bits.TrailingZeros64(m)].started = true
	}
	for i, v := range visits {
		if i > 0 {
			for _, c := range []struct {
				mask   uint64
				status int
			}{{p.eventMask[v.State], 1}, {p.compMask[v.State], 2}} {
				for m := c.mask & running; m != 0; m &= m - 1 {
					k := bits.TrailingZeros64(m)
					obs[k].time, obs[k].status = v.Entry-start[k], c.status
					running &^= 1 << k
					done |= 1 << k
				}
			}
		}
		for m := p.startMask[v.State] &^ (running | done); m != 0; m &= m - 1 {
			k := bits.TrailingZeros64(m)
			obs[k].started, start[k] = true, v.Entry
			running |= 1 << k
		}
	}
	for m := running; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m)
		obs[k].time, obs[k].status = p.horizon-start[k], 0
	}
	return obs
}

// rRun simulates one of rRuns through the production path (simulate, then
// estimate) and traces its patients.
func rRun(t *testing.T, patients int, seed uint64) (*Program, *layout, *Result, [][]observation, *accum) {
	t.Helper()
	m := referenceModel(0)
	m.Horizon = 24 // more patients censored, at more times, on the endpoints from remission
	p, err := Compile(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Patients: patients, Seed: seed, Workers: 2}
	acc, l, err := simulate(context.Background(), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	r := estimate(p, l, acc, opts)
	obs := make([][]observation, patients)
	hist := newAccum(*l)
	for i := range obs {
		v, err := p.Trace(seed, i)
		if err != nil {
			t.Fatal(err)
		}
		obs[i] = observe(p, v)
		for k, o := range obs[i] {
			switch {
			case !o.started:
			case o.status == 0:
				hist.cens[k*l.nBins+l.bin(o.time)]++
			case o.time == 0 && o.status == 1:
				hist.ev0[k]++
			case o.time == 0:
				hist.comp0[k]++
			case o.status == 1:
				hist.ev[k*l.nBins+l.bin(o.time)]++
			default:
				hist.comp[k*l.nBins+l.bin(o.time)]++
			}
			if o.started {
				hist.started[k]++
			}
		}
	}
	for _, c := range []struct {
		name      string
		got, want []int64
	}{{"started", hist.started, acc.started}, {"ev0", hist.ev0, acc.ev0}, {"comp0", hist.comp0, acc.comp0},
		{"ev", hist.ev, acc.ev}, {"comp", hist.comp, acc.comp}, {"cens", hist.cens, acc.cens}} {
		if !slices.Equal(c.got, c.want) {
			t.Fatalf("traced patients binned give other %s counts than the run: the R data would not be the engine's", c.name)
		}
	}
	return p, l, r, obs, acc
}

// rPatientsCSV writes the runs' patient-level data: per run, patient and
// endpoint that the patient started, the exact time since the start, the
// time as a bin edge index (the end of the fine bin the time falls in: the
// engine's histograms cannot tell times within a bin apart, and count a bin's
// censorings after its events, as survfit does at tied times) and the status.
func rPatientsCSV(t *testing.T) (patients, layout []byte) {
	var b, lb bytes.Buffer
	b.WriteString("run,patient,endpoint,kind,time,edge,status\n")
	lb.WriteString("run,step,bins_per_step,n_grid\n")
	for _, run := range rRuns {
		p, l, r, obs, _ := rRun(t, run.patients, run.seed)
		fmt.Fprintf(&lb, "%s,%.17g,%d,%d\n", run.name, l.step, int(math.Round(l.step/l.binW)), l.nGrid)
		for i, po := range obs {
			for k, o := range po {
				if !o.started {
					continue
				}
				edge := 0
				if o.time > 0 {
					edge = l.bin(o.time) + 1
				}
				fmt.Fprintf(&b, "%s,%d,%s,%s,%.17g,%d,%d\n", run.name, i, p.endpoints[k].Name, r.Endpoints[k].Kind, o.time, edge, o.status)
			}
		}
	}
	return b.Bytes(), lb.Bytes()
}

// TestRData: the patient-level data R analyses are the engine's patients
// (binned, they give the run's histograms exactly) and equal the file the R
// goldens were computed from (`-update-intervals` rewrites it; then rerun the R script,
// see testdata/r/intervals/README).
func TestRData(t *testing.T) {
	patients, layout := rPatientsCSV(t)
	for _, f := range []struct {
		name string
		data []byte
	}{{rPatientsFile, patients}, {rLayoutFile, layout}} {
		if *updateIntervals {
			if err := os.WriteFile(filepath.FromSlash(f.name), f.data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(filepath.FromSlash(f.name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(f.data, want) {
			t.Errorf("%s differs from the simulated run: rerun with -update-intervals, then the R script (testdata/r/intervals/README)", f.name)
		}
	}
}
