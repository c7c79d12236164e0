package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/fit"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/report"
)

// The calibration methods of --method.
const (
	methodNelderMead = "nelder-mead"
	methodIMIS       = "imis"
)

// runIMIS is `blinasim calibrate --method imis`: a posterior sample of the
// free parameters, written as a parameter file that run --psa draws from.
func runIMIS(ctx context.Context, o calibrateOptions, m *model.Model, stdout, stderr io.Writer) error {
	if o.Resample < 0 {
		return usageError{fmt.Errorf("--resample must be ≥ 0 (got %d; 0 means 3000)", o.Resample)}
	}
	if o.Starts != 0 || o.MaxEvals != 0 {
		return usageError{fmt.Errorf("--starts and --max-evals are for --method %s; IMIS has no starts", methodNelderMead)}
	}
	switch model.Prior(o.Prior) {
	case "":
	case model.PriorBounds, model.PriorUncertainty:
		c := *m.Calibrate
		c.Prior = model.Prior(o.Prior)
		mm := *m
		mm.Calibrate = &c
		m = &mm
	default:
		return usageError{fmt.Errorf("--prior must be %s (got %q)", strings.Join(model.Priors(), " or "), o.Prior)}
	}
	dir := o.Out
	if dir == "" {
		dir = filepath.Join("out", m.Name+"-posterior")
	}
	if err := report.CheckOut(dir); err != nil {
		return usageError{fmt.Errorf("--out: %w", err)}
	}
	var last time.Time
	progress := func(evals, stage int) {
		if o.Progress && time.Since(last) > 100*time.Millisecond {
			last = time.Now()
			fmt.Fprintf(stderr, "\rIMIS: stage %d, %d evaluations   ", stage, evals)
		}
	}
	post, err := fit.IMIS(ctx, m, fit.IMISSettings{Patients: o.Patients, Seed: o.Seed, Workers: o.Workers, Resample: o.Resample, Progress: progress})
	if o.Progress && !last.IsZero() {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return fmt.Errorf("calibrating %s by IMIS: %w", m.Name, err)
	}
	file := modelFileName(o.File)
	yml, err := config.Marshal(post.Apply(file))
	if err != nil {
		return fmt.Errorf("writing the posterior parameter file: %w", err)
	}
	r := report.PosteriorReport{Posterior: post, File: file, ModelYAML: yml, Version: version, Warn: stderr}
	final, err := report.WritePosterior(ctx, dir, r, o.Force)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "blinasim: posterior of %s given %s by IMIS in %.1fs (%d evaluations, %d stages); wrote %s\n",
		plural(len(post.Free), "parameter"), plural(len(m.Targets), "target"), post.Elapsed.Seconds(), post.Evaluations, post.Stages, final)
	var b bytes.Buffer
	if err := report.WritePosteriorMarkdown(&b, r); err != nil {
		return err
	}
	_, err = stdout.Write(b.Bytes())
	return err
}
