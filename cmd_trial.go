package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/report"
	"github.com/blinasim/blinasim/sim"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// trialOptions are the settings of `blinasim trial`.
type trialOptions struct {
	File        string
	Trials      int
	Seed        uint64
	Workers     int
	Out         string
	Force       bool
	PSA         int // parameter draws for assurance; 0: none
	PSATrials   int // trials per draw
	Example     int // the trial exported to patients.csv and drawn in km.*
	ExampleSize int // its design's sample size; 0: the largest
	Figures     figureOptions
	Env         []string
	Progress    bool
	Command     []string
	Shard       string // "": the whole simulation; else K/N, auto or auto/N (see cmd_shard.go)
}

// trialEnvOptions are the BLINASIM_ variables that set trial options rather
// than model keys of the arms.
var trialEnvOptions = append(slices.Clone(runEnvOptions), "BLINASIM_TRIALS", "BLINASIM_PSA_TRIALS",
	"BLINASIM_EXAMPLE", "BLINASIM_EXAMPLE_SIZE")

func newTrialCmd() *cobra.Command {
	v := viper.New()
	cmd := &cobra.Command{
		Use:   "trial FILE",
		Short: "Simulate a randomised trial whose arms are scenarios: power, sample size and assurance",
		Long: `Simulate a randomised trial whose arms are scenarios of one base model
(a trial file, see docs/trials.md): accrual, dropout, analysis at a calendar time
or at the D-th event, Kaplan-Meier, log-rank test and Cox hazard ratio per
simulated trial. Reports the power of each sample size with its Monte Carlo SE,
the distributions of the hazard ratio, the events and the study duration, the
power curve, one trial's Kaplan-Meier figure, and that trial's patients
(patients.csv: id, arm, entry, time, status, path) for R. With --psa N, the
assurance (power averaged over N parameter draws) and the power band.

Designs (sample sizes) share their patients: trial j of every design has the
same patients, the larger design more of them, so the power curve is smooth.
Outputs go to out/<trial name>/ (or --out).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o := trialOptions{File: args[0], Trials: v.GetInt("trials"), Seed: v.GetUint64("seed"), Workers: v.GetInt("workers"),
				Out: v.GetString("out"), Force: v.GetBool("force"), PSA: v.GetInt("psa"), PSATrials: v.GetInt("psa-trials"),
				Example: v.GetInt("example"), ExampleSize: v.GetInt("example-size"), Figures: readFigureOptions(v),
				Env: os.Environ(), Progress: isTerminal(cmd.ErrOrStderr()) && !v.GetBool("quiet"), Command: os.Args,
				Shard: v.GetString("shard")}
			return runTrial(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.Int("trials", 1000, "simulated trials per design (sample size)")
	f.Uint64("seed", 1, "run seed: the same seed gives the same trials")
	f.Int("workers", 0, "goroutines (0: all cores); results do not depend on it")
	f.String("out", "", "output folder (default out/<trial name>)")
	f.Bool("force", false, "replace an existing output folder")
	f.Int("psa", 0, "assurance: this many parameter draws, each simulating --psa-trials trials (0: none)")
	f.Int("psa-trials", 200, "trials per parameter draw with --psa")
	f.Int("example", 0, "the trial (0, 1, ...) exported to patients.csv and drawn in km.png")
	f.Int("example-size", 0, "the sample size of the exported trial (0: the largest)")
	f.BoolP("quiet", "q", false, "no progress bar")
	addShardFlag(f)
	addFigureFlags(f)
	bindEnv(v, f)
	return cmd
}

// runTrial is the pure body of `blinasim trial`.
func runTrial(ctx context.Context, o trialOptions, stdout, stderr io.Writer) error {
	switch {
	case o.Trials < 1:
		return usageError{fmt.Errorf("--trials must be ≥ 1 (got %d)", o.Trials)}
	case o.PSA < 0 || o.PSA == 1:
		return usageError{fmt.Errorf("--psa must be 0 (none) or at least 2 draws (got %d)", o.PSA)}
	case o.PSA > 0 && o.PSATrials < 1:
		return usageError{fmt.Errorf("--psa-trials must be ≥ 1 (got %d)", o.PSATrials)}
	case o.Workers < 0:
		return usageError{fmt.Errorf("--workers must be ≥ 0 (got %d; 0 means all cores)", o.Workers)}
	case o.Example < 0 || o.Example >= o.Trials:
		return usageError{fmt.Errorf("--example %d: the trials are 0 to %d", o.Example, o.Trials-1)}
	}
	figs, err := o.Figures.settings()
	if err != nil {
		return usageError{err}
	}
	shardSpec, err := parseShard(o.Shard, o.Env)
	if err != nil {
		return err
	}
	start := time.Now()
	spec, err := config.ReadTrialFile(o.File)
	if err != nil {
		return err
	}
	models := make([]*model.Model, len(spec.Arms))
	for i, a := range spec.Arms {
		arg := a.Model
		if p := filepath.Join(filepath.FromSlash(spec.Dir), a.Model); fileExists(p) {
			arg = p
		}
		if models[i], err = loadModel(arg, config.Options{Env: o.Env, EnvIgnore: trialEnvOptions}); err != nil {
			return fmt.Errorf("%s: arm %q: %w", o.File, a.Name, err)
		}
	}
	if err := spec.Check(models); err != nil {
		return err
	}
	tr, err := spec.Design(models)
	if err != nil {
		return usageError{fmt.Errorf("%s: %w", o.File, err)}
	}
	exSize := o.ExampleSize
	if exSize == 0 {
		exSize = tr.Sizes[len(tr.Sizes)-1]
	}
	if !slices.Contains(tr.Sizes, exSize) {
		return usageError{fmt.Errorf("--example-size %d is not one of the trial's sizes %v", exSize, tr.Sizes)}
	}
	workers := o.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if shardSpec != nil {
		return trialShard(ctx, o, *shardSpec, models, tr, figs, workers, stderr)
	}
	bar := newProgress(stderr, o.Progress, int64(o.Trials)+int64(o.PSA)*int64(o.PSATrials))
	opts := sim.TrialOptions{Seed: o.Seed, Workers: workers, Progress: bar.add}
	outs, err := tr.Simulate(ctx, sim.TrialRange{Lo: 0, Hi: o.Trials}, opts)
	if err != nil {
		bar.done()
		return fmt.Errorf("simulating %s: %w", o.File, err)
	}
	var as *sim.Assurance
	if o.PSA > 0 {
		if as, err = tr.Assurance(ctx, o.PSA, o.PSATrials, opts); err != nil {
			bar.done()
			return fmt.Errorf("assurance of %s: %w", o.File, err)
		}
	}
	bar.done()
	trialYAML, err := os.ReadFile(o.File)
	if err != nil {
		return err
	}
	final, err := writeTrial(ctx, o, spec, trialYAML, models, tr, outs, as, figs,
		report.Manifest{Version: version, Command: o.Command, Workers: workers, Started: start}, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "blinasim: %d trials × %d design(s) in %.2fs; wrote %s\n", o.Trials, len(tr.Sizes), time.Since(start).Seconds(), final)
	return printFile(stdout, filepath.Join(final, "summary.md"))
}

// writeTrial writes a trial simulation's outputs, whole or merged from
// shards, and returns the folder used (o.Out, default out/<trial name>).
func writeTrial(ctx context.Context, o trialOptions, spec *config.TrialSpec, trialYAML []byte, models []*model.Model, tr *sim.Trial,
	outs *sim.TrialOutcomes, as *sim.Assurance, figs report.Figures, man report.Manifest, warn io.Writer) (string, error) {
	exSize := o.ExampleSize
	if exSize == 0 {
		exSize = tr.Sizes[len(tr.Sizes)-1]
	}
	ex, err := tr.Data(ctx, o.Seed, o.Example, exSize)
	if err != nil {
		return "", err
	}
	modelYAML, err := marshalModels(models)
	if err != nil {
		return "", err
	}
	name := spec.Name
	if name == "" {
		name = stem(o.File)
	}
	dir := o.Out
	if dir == "" {
		dir = filepath.Join("out", name)
	}
	var states [][]string
	for _, m := range models {
		var names []string
		for _, s := range m.States {
			names = append(names, s.Name)
		}
		states = append(states, names)
	}
	epTitle := ""
	for _, e := range models[0].AllEndpoints() {
		if e.Name == tr.Endpoint {
			epTitle = e.Title
		}
	}
	man.Elapsed = time.Since(man.Started)
	run := report.TrialRun{Name: name, Title: spec.Title, Trial: tr, EndpointTitle: epTitle, Trials: o.Trials, Seed: o.Seed,
		Summaries: tr.Summarise(outs), Outcomes: outs, Assurance: as, Example: ex, States: states,
		TrialYAML: trialYAML, ModelYAML: modelYAML, Figures: figs, Warn: warn, Manifest: man}
	return report.WriteTrial(ctx, dir, run, o.Force)
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

func stem(p string) string {
	b := filepath.Base(p)
	return b[:len(b)-len(filepath.Ext(b))]
}
