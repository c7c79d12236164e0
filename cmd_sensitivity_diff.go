package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"time"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/report"
	"github.com/blinasim/blinasim/shard"
	"github.com/blinasim/blinasim/sim"
)

// runDifferenceSensitivity is `blinasim sensitivity BASE SCENARIO`: the
// one-way analysis and the base model's sweeps on the difference
// scenario − base, each pair of runs on the same patients.
func runDifferenceSensitivity(ctx context.Context, o sensitivityOptions, spec *shard.Spec, models []*model.Model, outcome model.Outcome,
	figs report.Figures, start time.Time, stdout, stderr io.Writer) error {
	base, scen := models[0], models[1]
	dir := o.Out
	if dir == "" {
		dir = differenceDir(base, scen)
	}
	if err := report.CheckOut(dir); err != nil {
		return usageError{fmt.Errorf("--out: %w", err)}
	}
	ranges := sim.DiffRanges(base, scen)
	sweeps := base.Sensitivity.Sweeps
	if len(ranges) == 0 && len(sweeps) == 0 {
		return usageError{fmt.Errorf("neither %s nor %s has a parameter with an uncertainty distribution or bounds, and %s has no sweep: nothing to vary",
			base.Name, scen.Name, base.Name)}
	}
	runs := 2 * (1 + 2*len(ranges))
	for _, sw := range sweeps {
		runs += 2 * sw.Cells()
	}
	workers := o.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if spec != nil {
		return differenceShard(ctx, o, *spec, models, outcome, ranges, figs, workers, stderr)
	}
	bar := newProgress(stderr, o.Progress, int64(o.Patients)*int64(runs))
	opts := sim.Options{Patients: o.Patients, Seed: o.Seed, Workers: workers, Progress: bar.add}
	ow, err := sim.RunOneWayDifference(ctx, base, scen, outcome, ranges, opts)
	var results []*sim.SweepResult
	for i := 0; err == nil && i < len(sweeps); i++ {
		var r *sim.SweepResult
		if r, err = sim.RunSweepDifference(ctx, base, scen, outcome, sweeps[i], opts); err == nil {
			results = append(results, r)
		}
	}
	bar.done()
	if err != nil {
		return differenceError(base, scen, err)
	}
	final, err := writeDifferenceSensitivity(ctx, models, ow, results, figs,
		report.Manifest{Version: version, Command: o.Command, Workers: workers, Started: start}, dir, o.Force, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "blinasim: %s − %s, %s: one-way analysis of %d parameter(s) and %d sweep(s), %d runs of %d patients, in %.2fs; wrote %s\n",
		scen.Name, base.Name, report.OutcomeLabel(outcome, ow.BaseResult), len(ranges), len(sweeps), runs, o.Patients, time.Since(start).Seconds(), final)
	return printFile(stdout, filepath.Join(final, "sensitivity.md"))
}

// differenceError wraps an error of a sensitivity analysis of the difference
// scen − base: a value that makes a model invalid is the model's fault (exit 2).
func differenceError(base, scen *model.Model, err error) error {
	var valueErr *sim.ValueError
	if errors.As(err, &valueErr) {
		return usageError{fmt.Errorf("sensitivity analysis of %s − %s: %w", scen.Name, base.Name, err)}
	}
	return fmt.Errorf("sensitivity analysis of %s − %s: %w", scen.Name, base.Name, err)
}

// differenceDir is the default output folder of the sensitivity analysis of
// the difference scen − base.
func differenceDir(base, scen *model.Model) string {
	return filepath.Join("out", base.Name+"-vs-"+scen.Name+"-sensitivity")
}

// writeDifferenceSensitivity writes a sensitivity analysis of the difference
// models[1] − models[0], whole or merged from shards, into out (default
// differenceDir) and returns the folder used; warnings go to warn.
func writeDifferenceSensitivity(ctx context.Context, models []*model.Model, ow *sim.OneWay, sweeps []*sim.SweepResult,
	figs report.Figures, man report.Manifest, out string, force bool, warn io.Writer) (string, error) {
	base, scen := models[0], models[1]
	yml, err := marshalModels(models)
	if err != nil {
		return "", err
	}
	if out == "" {
		out = differenceDir(base, scen)
	}
	title := scen.Title
	if title == "" {
		title = scen.Name
	}
	if figs.Cohort == 0 { // the follow-up's cohort, as a run's
		figs.Cohort = base.Cohort
	}
	man.Elapsed = time.Since(man.Started)
	return report.WriteSensitivity(ctx, out, report.Sensitivity{Title: title, OneWay: ow, Sweeps: sweeps, ModelYAML: yml, Figures: figs,
		ParameterTitles: report.ParameterTitles(base, scen), DifferenceTitles: differenceTitles(base, scen), Warn: warn, // the tornado's rows titled, its warnings shown
		Manifest: man}, force)
}

// differenceTitles returns the readable titles of the scenario and the base,
// in that order, each by what tells it from the other (scenarioTitles).
func differenceTitles(base, scen *model.Model) []string {
	t := scenarioTitles([]*model.Model{base, scen})
	if len(t) != 2 {
		return nil
	}
	return []string{t[1], t[0]}
}
