package report

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// inf and nan spell the figures that do not exist.
var (
	inf = math.Inf(1)
	nan = math.NaN()
)

// est is shorthand for a sim.Estimate with no standard error.
func est(v, lo, hi float64) sim.Estimate {
	return sim.Estimate{Value: v, SE: nan, Lower: lo, Upper: hi}
}

// testResult is a small hand-made result: 2 endpoints (overall survival, whose
// median is not reached, and a cumulative incidence), 3 states, a grid of 4
// times in months. Some figures carry more than 6 significant digits, to
// show the rounding; the incidence's bounds at time 0 are NaN, to show NA.
func testResult() *sim.Result {
	return &sim.Result{
		Model:    "toy",
		Scenario: "base",
		Unit:     model.Month,
		Horizon:  18,
		Patients: 1000,
		Seed:     42,
		Grid:     []float64{0, 6, 12, 18},
		Endpoints: []sim.EndpointResult{{
			Name: "os", Title: "Overall survival", Kind: model.Survival,
			N: 1000, Events: 300,
			Curve:     []sim.Estimate{est(1, 1, 1), est(0.9, 0.88, 0.918), est(0.8, 0.77512345, 0.823), est(0.7, 0.671, 0.727)},
			AtRisk:    []float64{1, 0.9, 0.8, 0.7},
			Median:    est(inf, 16.5, inf),
			Landmarks: []sim.Landmark{{Time: 12, Estimate: est(0.8, 0.77512345, 0.823)}},
			RMST:      sim.Estimate{Value: 15.3, SE: 0.1, Lower: 15.104, Upper: 15.496},
		}, {
			Name: "cir", Title: "Cumulative incidence of relapse", Kind: model.Incidence,
			N: 1000, Events: 150, Competing: 50,
			Curve:     []sim.Estimate{est(0, nan, nan), est(0.05, 0.037, 0.063), est(0.1, 0.081, 0.119), est(0.15, 0.128, 0.172)},
			AtRisk:    []float64{1, 0.85, 0.75, 0.65},
			Median:    est(inf, inf, inf),
			Landmarks: []sim.Landmark{{Time: 12, Estimate: est(0.1, 0.081, 0.119)}},
			RMST:      sim.Estimate{Value: 1.35, SE: 0.05, Lower: 1.252, Upper: 1.448},
		}},
		States: []sim.StateResult{{
			Name:      "cr",
			Title:     "Complete remission",
			Occupancy: []sim.Estimate{est(1, 0.996, 1), est(0.8512345678, 0.828, 0.872), est(0.72, 0.691, 0.747), est(0.6, 0.569, 0.630)},
			Entered:   1000,
			EverIn:    est(1, 0.996, 1),
			MeanTime:  sim.Estimate{Value: 14.1, SE: 0.12, Lower: 13.86, Upper: 14.34},
		}, {
			Name:      "relapse",
			Occupancy: []sim.Estimate{est(0, 0, 0.004), est(0.05, 0.038, 0.065), est(0.08, 0.065, 0.098), est(0.1, 0.083, 0.12)},
			Entered:   150,
			EverIn:    est(0.15, 0.129, 0.174),
			MeanTime:  sim.Estimate{Value: 0.9, SE: 0.05, Lower: 0.802, Upper: 0.998},
		}, {
			Name:      "dead",
			Occupancy: []sim.Estimate{est(0, 0, 0.004), est(0.1, 0.083, 0.12), est(0.2, 0.176, 0.226), est(0.3, 0.272, 0.329)},
			Entered:   300,
			EverIn:    est(0.3, 0.272, 0.329),
			MeanTime:  sim.Estimate{Value: 2.7, SE: nan, Lower: 2.5, Upper: 2.9},
		}},
	}
}

// testYAML stands for a resolved model.
var testYAML = []byte("name: toy\ntitle: Toy model\nunit: month\nhorizon: 18\n")

// testRun is a run of testResult.
func testRun() Run {
	return Run{
		Results:   []*sim.Result{testResult()},
		ModelYAML: testYAML,
		Title:     "Toy model",
		Manifest: Manifest{
			Version:  "v0.1.0-test",
			Workers:  4,
			Command:  []string{"blinasim", "run", "toy.yaml", "--seed", "42"},
			Started:  time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC),
			Elapsed:  1500 * time.Millisecond,
			Patients: 1000,
			Seed:     42,
		},
	}
}

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("%s differs from %s at line %d (run go test ./report -update to accept):\n got: %q\nwant: %q", name, path, i+1, gl, wl)
		}
	}
}
