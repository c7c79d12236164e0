package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/report"
	"github.com/blinasim/blinasim/sim"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// sensitivityPatients is the default number of patients per run of a
// sensitivity analysis: a one-way analysis of 10 parameters (21 runs) of the
// default study takes well under 5 seconds on 2 cores (README, Speed).
const sensitivityPatients = 200_000

// sensitivityOptions are the settings of `blinasim sensitivity`.
type sensitivityOptions struct {
	File     string // model file or shipped name; "": the default study
	Scenario string // a second model: analyse the difference Scenario − File; "": none
	Outcome  string // e.g. "os:s36"; "": the file's, or the model's default
	Patients int    // per run
	Seed     uint64
	Workers  int    // 0: all cores
	Horizon  string // overrides the model's horizon ("" keeps it)
	Out      string // output folder; "": out/<model name>-sensitivity
	Force    bool
	Sets     []string
	Env      []string // the environment, for BLINASIM_ model overrides
	Progress bool     // draw a progress bar on stderr
	Command  []string // the command line, for the manifest
	Figures  figureOptions
	Shard    string // "": the whole analysis; else K/N, auto or auto/N (see cmd_shard.go)
	Top      int    // the most parameters the tornado shows (≥ 1)
}

func newSensitivityCmd() *cobra.Command {
	v := viper.New()
	cmd := &cobra.Command{
		Use:   "sensitivity [FILE|NAME] [SCENARIO]",
		Short: "One-way sensitivity analysis (tornado chart) and the model's sweeps",
		Long: `Vary each parameter that has an uncertainty distribution between its 2.5% and
97.5% quantiles (or between the bounds in the model's sensitivity: section),
every other parameter at its value, and record one outcome: S(t) or F(t) at a
time, a median or an RMST (--outcome os:s36, os:median, rfs:rmst, cir:f24).
Then run every sweep the model declares (one parameter: a line; two: a heat map).
Every run simulates the same patients (common random numbers).

With a SCENARIO, the outcome is the difference SCENARIO − FILE: each end of
each range (and each sweep point) runs both scenarios on the same patients,
with the parameter set in whichever has it, and records their difference
with its paired interval; the tornado shows the difference.

Writes oneway.csv, tornado.png, sweep_<name>.csv and .png, sensitivity.md (also
printed), model.yaml and manifest.json into out/<model name>-sensitivity/ (or
--out), atomically, as run does.`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o := sensitivityOptions{Outcome: v.GetString("outcome"), Patients: v.GetInt("patients"), Seed: v.GetUint64("seed"),
				Workers: v.GetInt("workers"), Horizon: v.GetString("horizon"), Out: v.GetString("out"), Force: v.GetBool("force"),
				Sets: v.GetStringSlice("set"), Env: os.Environ(), Progress: isTerminal(cmd.ErrOrStderr()) && !v.GetBool("quiet"), Command: os.Args,
				Figures: readFigureOptions(v), Shard: v.GetString("shard"), Top: v.GetInt("top")}
			if len(args) >= 1 {
				o.File = args[0]
			}
			if len(args) == 2 {
				o.Scenario = args[1]
			}
			return runSensitivity(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.String("outcome", "", "what to record: endpoint:measure, measure s<time>, f<time>, median or rmst (default: the file's, else os at the last landmark)")
	f.Int("patients", sensitivityPatients, "simulated patients per run (every run the same patients)")
	f.Uint64("seed", 1, "run seed: the same seed gives the same patients and the same output")
	f.Int("workers", 0, "goroutines (0: all cores); results do not depend on it")
	f.String("horizon", "", "override the model's horizon (a number in model units, or e.g. 5y)")
	f.String("out", "", "output folder (default out/<model name>-sensitivity)")
	f.Bool("force", false, "replace an existing output folder")
	f.StringArray("set", nil, "override a model key, path=value (e.g. parameters.p_cr.value=0.5); repeatable")
	f.BoolP("quiet", "q", false, "no progress bar")
	f.Int("top", 15, "the most parameters the tornado shows, largest swings first (oneway.csv has all); it grows in height to hold them, up to 240 mm")
	addShardFlag(f)
	addFigureFlags(f)
	bindEnv(v, f)
	return cmd
}

// runSensitivity is the pure body of `blinasim sensitivity`.
func runSensitivity(ctx context.Context, o sensitivityOptions, stdout, stderr io.Writer) error {
	if o.Patients < 1 {
		return usageError{fmt.Errorf("--patients must be ≥ 1 (got %d)", o.Patients)}
	}
	if o.Workers < 0 {
		return usageError{fmt.Errorf("--workers must be ≥ 0 (got %d; 0 means all cores)", o.Workers)}
	}
	figs, err := o.Figures.settings()
	if err != nil {
		return usageError{err}
	}
	if o.Top < 1 {
		return usageError{fmt.Errorf("--top must be ≥ 1 (got %d)", o.Top)}
	}
	figs.Top = o.Top
	spec, err := parseShard(o.Shard, o.Env)
	if err != nil {
		return err
	}
	start := time.Now()
	var files []string
	if o.File != "" || o.Scenario != "" {
		files = []string{o.File}
	}
	if o.Scenario != "" {
		files = append(files, o.Scenario)
	}
	models, err := loadScenarios(runOptions{Files: files, Sets: o.Sets, Env: o.Env, Horizon: o.Horizon})
	if err != nil {
		return err
	}
	if o.Scenario != "" {
		if len(models) != 2 {
			return usageError{fmt.Errorf("sensitivity BASE SCENARIO takes one model in each file (got %d models in %s and %s)", len(models), o.File, o.Scenario)}
		}
		outcome, err := chooseOutcome(models[0], o.Outcome)
		if err != nil {
			return usageError{err}
		}
		if err := models[1].CheckOutcome(outcome); err != nil {
			return usageError{fmt.Errorf("scenario %s: %w", models[1].Name, err)}
		}
		return runDifferenceSensitivity(ctx, o, spec, models, outcome, figs, start, stdout, stderr)
	}
	m, err := oneModel(models, o.File, "sensitivity")
	if err != nil {
		return err
	}
	outcome, err := chooseOutcome(m, o.Outcome)
	if err != nil {
		return usageError{err}
	}
	dir := o.Out
	if dir == "" {
		dir = filepath.Join("out", m.Name+"-sensitivity")
	}
	if err := report.CheckOut(dir); err != nil {
		return usageError{fmt.Errorf("--out: %w", err)}
	}
	ranges := sim.Ranges(m)
	sweeps := m.Sensitivity.Sweeps
	if len(ranges) == 0 && len(sweeps) == 0 {
		return usageError{fmt.Errorf("model %s has no parameter with an uncertainty distribution or bounds, and no sweep: "+
			"nothing to vary (give parameters an `uncertainty`, or bounds or sweeps under `sensitivity:`)", m.Name)}
	}
	runs := sim.OneWayRuns(len(ranges))
	if len(ranges) == 0 {
		runs = 1 // the base alone
	}
	for _, sw := range sweeps {
		runs += sw.Cells()
	}
	workers := o.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if spec != nil {
		return sensitivityShard(ctx, o, *spec, m, outcome, ranges, figs, workers, stderr)
	}
	bar := newProgress(stderr, o.Progress, int64(o.Patients)*int64(runs))
	opts := sim.Options{Patients: o.Patients, Seed: o.Seed, Workers: workers, Progress: bar.add}
	ow, err := sim.RunOneWay(ctx, m, outcome, ranges, opts)
	var results []*sim.SweepResult
	for i := 0; err == nil && i < len(sweeps); i++ {
		var r *sim.SweepResult
		if r, err = sim.RunSweep(ctx, m, outcome, sweeps[i], opts); err == nil {
			results = append(results, r)
		}
	}
	bar.done()
	if err != nil {
		return sensitivityError(m, err)
	}
	final, err := writeSensitivity(ctx, models, ow, results, figs, report.Manifest{Version: version, Command: o.Command,
		Workers: workers, Started: start}, dir, o.Force, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "blinasim: %s: one-way analysis of %d parameter(s) and %d sweep(s), %d runs of %d patients, in %.2fs; wrote %s\n",
		report.OutcomeLabel(outcome, ow.BaseResult), len(ranges), len(sweeps), runs, o.Patients, time.Since(start).Seconds(), final)
	return printFile(stdout, filepath.Join(final, "sensitivity.md"))
}

// sensitivityError wraps an error of a sensitivity analysis of m: a value
// that makes the model invalid is the model's fault (exit 2).
func sensitivityError(m *model.Model, err error) error {
	var valueErr *sim.ValueError
	if errors.As(err, &valueErr) {
		return usageError{fmt.Errorf("sensitivity analysis of %s: %w", m.Name, err)}
	}
	return fmt.Errorf("sensitivity analysis of %s: %w", m.Name, err)
}

// writeSensitivity writes a sensitivity analysis's outputs, whole or merged
// from shards, into out (default out/<model name>-sensitivity) and returns the
// folder used; warnings go to warn.
func writeSensitivity(ctx context.Context, models []*model.Model, ow *sim.OneWay, sweeps []*sim.SweepResult,
	figs report.Figures, man report.Manifest, out string, force bool, warn io.Writer) (string, error) {
	yml, err := marshalModels(models)
	if err != nil {
		return "", err
	}
	dir := out
	if dir == "" {
		dir = filepath.Join("out", models[0].Name+"-sensitivity")
	}
	man.Elapsed = time.Since(man.Started)
	if figs.Cohort == 0 { // the follow-up's cohort, as a run's
		figs.Cohort = models[0].Cohort
	}
	return report.WriteSensitivity(ctx, dir, report.Sensitivity{Warn: warn, Title: models[0].Title, OneWay: ow, Sweeps: sweeps, ModelYAML: yml,
		Figures: figs, ParameterTitles: report.ParameterTitles(models...), Manifest: man}, force)
}

// chooseOutcome returns the outcome to record: the command line's, else the
// file's, else the model's default; and checks that a run of m can give it.
func chooseOutcome(m *model.Model, flag string) (model.Outcome, error) {
	o := m.DefaultOutcome()
	switch {
	case flag != "":
		var err error
		if o, err = config.ParseOutcome(flag, m.Unit); err != nil {
			return o, fmt.Errorf("--outcome: %w", err)
		}
	case m.Sensitivity.Outcome != nil:
		o = *m.Sensitivity.Outcome
	}
	return o, m.CheckOutcome(o)
}
