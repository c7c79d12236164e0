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
	"github.com/blinasim/blinasim/sim"
)

// runDifferenceSensitivity is `blinasim sensitivity BASE SCENARIO`: the
// one-way analysis and the base model's sweeps on the difference
// scenario − base, each pair of runs on the same patients.
func runDifferenceSensitivity(ctx context.Context, o sensitivityOptions, models []*model.Model, outcome model.Outcome,
	figs report.Figures, start time.Time, stdout, stderr io.Writer) error {
	base, scen := models[0], models[1]
	dir := o.Out
	if dir == "" {
		dir = filepath.Join("out", base.Name+"-vs-"+scen.Name+"-sensitivity")
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
	var valueErr *sim.ValueError
	switch {
	case errors.As(err, &valueErr):
		return usageError{fmt.Errorf("sensitivity analysis of %s − %s: %w", scen.Name, base.Name, err)}
	case err != nil:
		return fmt.Errorf("sensitivity analysis of %s − %s: %w", scen.Name, base.Name, err)
	}
	yml, err := marshalModels(models)
	if err != nil {
		return err
	}
	title := scen.Title
	if title == "" {
		title = scen.Name
	}
	if figs.Cohort == 0 { // the follow-up's cohort, as a run's
		figs.Cohort = models[0].Cohort
	}
	final, err := report.WriteSensitivity(ctx, dir, report.Sensitivity{Title: title, OneWay: ow, Sweeps: results, ModelYAML: yml, Figures: figs,
		ParameterTitles: report.ParameterTitles(base, scen), DifferenceTitles: differenceTitles(base, scen), Warn: stderr, // the tornado's rows titled, its warnings shown
		Manifest: report.Manifest{Version: version, Command: o.Command, Workers: workers, Started: start, Elapsed: time.Since(start)}}, o.Force)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "blinasim: %s − %s, %s: one-way analysis of %d parameter(s) and %d sweep(s), %d runs of %d patients, in %.2fs; wrote %s\n",
		scen.Name, base.Name, report.OutcomeLabel(outcome, ow.BaseResult), len(ranges), len(sweeps), runs, o.Patients, time.Since(start).Seconds(), final)
	return printFile(stdout, filepath.Join(final, "sensitivity.md"))
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
