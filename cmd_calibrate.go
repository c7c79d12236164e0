package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/fit"
	"github.com/blinasim/blinasim/report"
	"github.com/blinasim/blinasim/seeds"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// calibrateOptions are the settings of `blinasim calibrate`; zero numbers
// take the model file's calibrate section, else fit's defaults.
type calibrateOptions struct {
	File     string // a model file or shipped name; "": the default study
	Patients int
	Starts   int
	MaxEvals int
	Seed     uint64
	Workers  int
	Sets     []string
	Env      []string
	Out      string // output folder; "": out/<model name>-calibrated
	Force    bool
	Progress bool
	Method   string // "nelder-mead" (default) or "imis"
	Resample int    // imis: the posterior sample's size; 0: 3000
	Prior    string // imis: "bounds" or "uncertainty"; "": the file's, else bounds
}

func newCalibrateCmd() *cobra.Command {
	v := viper.New()
	cmd := &cobra.Command{
		Use:   "calibrate [FILE|NAME]",
		Short: "Fit a model's free parameters to its published targets",
		Long: `Fit the parameters named in the model's calibrate section to its targets by
maximum likelihood (binomial for proportions, normal on the log scale for
medians), with gonum's Nelder-Mead on log/logit-transformed parameters. Every
evaluation simulates the same patients (common random numbers). The search
starts from the file's values and from random starts; if starts that fit
equally well disagree, the fit is reported as not identified.

Writes out/<name>-calibrated/ (or --out): model.yaml, the calibrated model
(fitted values with source "calibrated to ..."), and the fit report fit.md
(also printed), fit.csv and fit_targets.csv. Nothing is written on an error
or Ctrl-C. Flags left at 0 take the file's calibrate section, else the
defaults (20000 patients, 5 starts, 400 evaluations per start, seed 1).

With --method imis, the calibration is Bayesian: Incremental Mixture
Importance Sampling (Raftery and Bao 2010) draws a sample of the free
parameters' joint posterior (priors uniform on their bounds, log-uniform for
log-transformed ones; with --prior uncertainty, each parameter's declared
uncertainty truncated to its bounds) and writes out/<name>-posterior/ (or --out): model.yaml,
in which each free parameter is drawn from the posterior sample (dist:
sample), so that 'run model.yaml --psa N' propagates the posterior;
posterior.csv (the sample) and posterior.md (also printed: the posterior,
IMIS's diagnostics and a posterior predictive check of each target).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o := calibrateOptions{Patients: v.GetInt("patients"), Starts: v.GetInt("starts"), MaxEvals: v.GetInt("max-evals"),
				Seed: v.GetUint64("seed"), Workers: v.GetInt("workers"), Sets: v.GetStringSlice("set"), Env: os.Environ(),
				Out: v.GetString("out"), Force: v.GetBool("force"), Progress: isTerminal(cmd.ErrOrStderr()) && !v.GetBool("quiet"),
				Method: v.GetString("method"), Resample: v.GetInt("resample"), Prior: v.GetString("prior")}
			if len(args) > 0 {
				o.File = args[0]
			}
			return runCalibrate(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.Int("patients", 0, "simulated patients per evaluation (0: the file's, else 20000)")
	f.Int("starts", 0, "starts of the search: the file's values, then random ones (0: the file's, else 5)")
	f.Int("max-evals", 0, "objective evaluations per start (0: the file's, else 400)")
	f.Uint64("seed", 0, "seed of every evaluation and of the random starts (0: the file's, else 1)")
	f.Int("workers", 0, "goroutines (0: all cores); the fit does not depend on it")
	f.StringArray("set", nil, "override a model key, path=value; repeatable")
	f.String("out", "", "output folder (default out/<model name>-calibrated)")
	f.Bool("force", false, "replace an existing output folder")
	f.BoolP("quiet", "q", false, "no progress line")
	f.String("method", methodNelderMead, "nelder-mead (maximum likelihood) or imis (Bayesian: a posterior sample, Raftery and Bao 2010)")
	f.Int("resample", 0, "imis: size of the posterior sample (0: 3000)")
	f.String("prior", "", "imis: bounds (uniform on each free parameter's bounds) or uncertainty (its declared uncertainty truncated to them); default the file's calibrate prior, else bounds")
	bindEnv(v, f)
	return cmd
}

// runCalibrate is the pure body of `blinasim calibrate`.
func runCalibrate(ctx context.Context, o calibrateOptions, stdout, stderr io.Writer) error {
	for _, x := range []struct {
		flag string
		v    int
	}{{"--patients", o.Patients}, {"--starts", o.Starts}, {"--max-evals", o.MaxEvals}, {"--workers", o.Workers}} {
		if x.v < 0 {
			return usageError{fmt.Errorf("%s must be ≥ 0 (got %d; 0 means the default)", x.flag, x.v)}
		}
	}
	var files []string
	if o.File != "" {
		files = []string{o.File}
	}
	var env []string // the environment without calibrate's own options, which are not model keys
	for _, kv := range o.Env {
		if !strings.HasPrefix(kv, "BLINASIM_STARTS=") && !strings.HasPrefix(kv, "BLINASIM_MAX_EVALS=") &&
			!strings.HasPrefix(kv, "BLINASIM_METHOD=") && !strings.HasPrefix(kv, "BLINASIM_RESAMPLE=") &&
			!strings.HasPrefix(kv, "BLINASIM_PRIOR=") {
			env = append(env, kv)
		}
	}
	models, err := loadScenarios(runOptions{Files: files, Sets: o.Sets, Env: env, calibrate: true})
	if err != nil {
		return err
	}
	m, err := oneModel(models, o.File, "calibrate")
	if err != nil {
		return err
	}
	if m.Calibrate == nil {
		return usageError{fmt.Errorf("%s has no calibrate section: name the free parameters, e.g.\n"+
			"calibrate:\n  parameters:\n    - {name: h_relapse, lower: 0.01, upper: 2}", m.Name)}
	}
	switch o.Method {
	case methodIMIS:
		return runIMIS(ctx, o, m, stdout, stderr)
	case methodNelderMead, "":
		if o.Prior != "" {
			return usageError{fmt.Errorf("--prior is for --method %s; maximum likelihood has no prior", methodIMIS)}
		}
	default:
		return usageError{fmt.Errorf("--method %q: allowed are %s (maximum likelihood) and %s (Bayesian)", o.Method, methodNelderMead, methodIMIS)}
	}
	dir := o.Out
	if dir == "" {
		dir = filepath.Join("out", m.Name+"-calibrated")
	}
	if err := report.CheckOut(dir); err != nil {
		return usageError{fmt.Errorf("--out: %w", err)}
	}
	line := newFitProgress(stderr, o.Progress)
	f, err := fit.Calibrate(ctx, m, fit.Settings{Patients: o.Patients, Starts: o.Starts, MaxEvaluations: o.MaxEvals,
		Seed: o.Seed, Workers: o.Workers, Progress: line.show})
	line.done()
	if err != nil {
		return fmt.Errorf("calibrating %s: %w", m.Name, err)
	}
	file := modelFileName(o.File)
	yml, err := config.Marshal(f.Apply(file))
	if err != nil {
		return fmt.Errorf("writing the calibrated model: %w", err)
	}
	c := report.Calibration{Fit: f, File: file, ModelYAML: yml, Version: version, Warn: stderr}
	final, err := report.WriteFit(ctx, dir, c, o.Force)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "blinasim: %s fitted to %s in %.1fs (%d evaluations); wrote %s\n",
		plural(len(f.Free), "parameter"), plural(len(m.Targets), "target"), f.Elapsed.Seconds(), f.Evaluations, final)
	if len(f.Unidentified) > 0 {
		fmt.Fprintf(stderr, "blinasim: not identified: %s (starts that fit equally well disagree; see fit.md)\n", strings.Join(f.Unidentified, ", "))
	}
	var b bytes.Buffer
	if err := report.WriteFitMarkdown(&b, c); err != nil {
		return err
	}
	_, err = stdout.Write(b.Bytes())
	return err
}

// modelFileName names a model argument in sources: the file's base name, a
// shipped study's file name, never a path of this machine.
func modelFileName(arg string) string {
	if arg == "" {
		return seeds.Default
	}
	base := filepath.Base(arg)
	if filepath.Ext(base) == "" {
		base += ".yaml"
	}
	return base
}

// fitProgress redraws one line on a terminal, at most ten times a second.
type fitProgress struct {
	w    io.Writer
	on   bool
	last time.Time
}

func newFitProgress(w io.Writer, on bool) *fitProgress { return &fitProgress{w: w, on: on} }

func (p *fitProgress) show(pr fit.Progress) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "\rcalibrating: start %d/%d, evaluation %d/%d, best objective %.4g   ",
		pr.Start, pr.Starts, pr.Evaluation, pr.MaxEvaluations, pr.Best)
}

func (p *fitProgress) done() {
	if p.on && !p.last.IsZero() {
		fmt.Fprintln(p.w)
	}
}
