package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/report"
	"github.com/blinasim/blinasim/sim"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// runOptions are the settings of `blinasim run`.
type runOptions struct {
	Files    []string // model files (or shipped names); each is a scenario; none: the default study
	Patients int
	Seed     uint64
	Workers  int    // 0: all cores
	Horizon  string // overrides the model's horizon ("" keeps it); may carry a unit
	Step     float64
	Out      string // output folder; "": out/<model name>
	Force    bool
	PSA      int // parameter draws for a probabilistic sensitivity analysis; 0: none
	Figures  figureOptions
	Sets     []string
	Env      []string // the environment, for BLINASIM_ model overrides
	Progress bool     // draw a progress bar on stderr
	By       string   // stratify results by this baseline flag or category ("" keeps the model's `by`)
	Command  []string // the command line, for the manifest
	Shard    string   // "": the whole run; else K/N, auto or auto/N: one shard's part file (see cmd_shard.go)

	calibrate bool // also validate the models' calibrate sections
}

// runEnvOptions are the BLINASIM_ variables that set run options rather than
// model keys.
var runEnvOptions = []string{"BLINASIM_PATIENTS", "BLINASIM_SEED", "BLINASIM_WORKERS", "BLINASIM_OUT",
	"BLINASIM_FORCE", "BLINASIM_STEP", "BLINASIM_QUIET", "BLINASIM_SET", "BLINASIM_HORIZON", "BLINASIM_PSA",
	"BLINASIM_FORMATS", "BLINASIM_FIG_WIDTH", "BLINASIM_FIG_HEIGHT", "BLINASIM_FONT_SIZE", "BLINASIM_DPI",
	"BLINASIM_COHORT", "BLINASIM_FIG_TITLE", "BLINASIM_OUTCOME", "BLINASIM_BY", "BLINASIM_SHARD"}

func newRunCmd() *cobra.Command {
	v := viper.New()
	cmd := &cobra.Command{
		Use:   "run [FILE|NAME...]",
		Short: "Simulate one model, or several as scenarios on the same patients",
		Long: `Simulate a model file (or a shipped study by name, see 'blinasim list'); with no
file, the default study (the adult post-alloHSCT relapse cohort, seed 001). Several
files are scenarios simulated on the same patients (common random numbers).

Outputs go to out/<model name>/ (or --out), written to a temporary folder and
renamed into place; an existing folder is never overwritten unless --force: a
suffixed folder (-2, -3, ...) is used instead. Flags may also be set through the
environment (BLINASIM_PATIENTS, BLINASIM_SEED, BLINASIM_WORKERS, BLINASIM_OUT),
and any other BLINASIM_<KEY> overrides a model key (e.g. BLINASIM_HORIZON=36).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRun(cmd.Context(), runOptionsFrom(v, cmd, args), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addRunFlags(cmd, v)
	return cmd
}

// addRunFlags defines the flags of run (and compare) on cmd, bound to v with
// their BLINASIM_ environment variables.
func addRunFlags(cmd *cobra.Command, v *viper.Viper) {
	f := cmd.Flags()
	f.Int("patients", 100_000, "number of simulated patients per scenario")
	f.Uint64("seed", 1, "run seed: the same seed gives the same patients and the same output")
	f.Int("workers", 0, "goroutines (0: all cores); results do not depend on it")
	f.String("horizon", "", "override the model's horizon (a number in model units, or e.g. 5y)")
	f.Float64("step", 0, "output grid step in model units (0: one unit)")
	f.String("out", "", "output folder (default out/<model name>)")
	f.Bool("force", false, "replace an existing output folder")
	f.StringArray("set", nil, "override a model key, path=value (e.g. parameters.p_cr.value=0.5); repeatable")
	f.Int("psa", 0, "probabilistic sensitivity analysis: this many parameter draws, each simulating --patients patients (0: none)")
	f.BoolP("quiet", "q", false, "no progress bar")
	f.String("by", "", "stratify every result by a baseline flag or category attribute (docs/attributes.md)")
	addShardFlag(f)
	addFigureFlags(f)
	bindEnv(v, f)
}

// bindEnv binds a command's flags to v, each also settable by a BLINASIM_
// variable of its name in capitals, dashes as underscores (--fig-width:
// BLINASIM_FIG_WIDTH); a flag on the command line wins.
func bindEnv(v *viper.Viper, f *pflag.FlagSet) {
	v.SetEnvPrefix("BLINASIM")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	if err := v.BindPFlags(f); err != nil {
		panic(err) // programmer error: the caller has just defined the flags
	}
}

// runOptionsFrom reads the options of run (and compare) from the flags and
// the environment.
func runOptionsFrom(v *viper.Viper, cmd *cobra.Command, files []string) runOptions {
	return runOptions{Files: files, Patients: v.GetInt("patients"), Seed: v.GetUint64("seed"),
		Workers: v.GetInt("workers"), Horizon: v.GetString("horizon"), Step: v.GetFloat64("step"),
		Out: v.GetString("out"), Force: v.GetBool("force"), Sets: v.GetStringSlice("set"), PSA: v.GetInt("psa"),
		Env: os.Environ(), Progress: isTerminal(cmd.ErrOrStderr()) && !v.GetBool("quiet"), Command: os.Args,
		Figures: readFigureOptions(v), By: v.GetString("by"), Shard: v.GetString("shard")}
}

// runRun is the pure body of `blinasim run` and `blinasim compare`.
func runRun(ctx context.Context, o runOptions, stdout, stderr io.Writer) error {
	if o.Patients < 1 {
		return usageError{fmt.Errorf("--patients must be ≥ 1 (got %d)", o.Patients)}
	}
	if o.Workers < 0 {
		return usageError{fmt.Errorf("--workers must be ≥ 0 (got %d; 0 means all cores)", o.Workers)}
	}
	if o.PSA < 0 || o.PSA == 1 {
		return usageError{fmt.Errorf("--psa must be 0 (none) or at least 2 draws (got %d)", o.PSA)}
	}
	if err := checkFinite("step", o.Step); err != nil {
		return err
	}
	if o.Step < 0 {
		return usageError{fmt.Errorf("--step must be ≥ 0 (got %v)", o.Step)}
	}
	figs, err := o.Figures.settings()
	if err != nil {
		return usageError{err}
	}
	spec, err := parseShard(o.Shard, o.Env)
	if err != nil {
		return err
	}
	start := time.Now()
	models, err := loadScenarios(o)
	if err != nil {
		return err
	}
	if figs.Cohort == 0 {
		figs.Cohort = models[0].Cohort
	}
	if err := applyBy(models, o); err != nil {
		return err
	}
	progs := make([]*sim.Program, len(models))
	for i, m := range models {
		if progs[i], err = sim.Compile(m, nil); err != nil {
			return usageError{err}
		}
	}
	workers := o.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if err := sim.Check(progs, sim.Options{Patients: o.Patients, Step: o.Step}, o.PSA); err != nil {
		return limitUsage(err)
	}
	if spec != nil {
		return runShard(ctx, o, *spec, models, progs, figs, workers, stderr)
	}
	dir := o.Out
	if dir == "" {
		dir = filepath.Join("out", models[0].Name)
	}
	if err := report.CheckOut(dir); err != nil {
		return usageError{fmt.Errorf("--out: %w", err)}
	}
	bar := newProgress(stderr, o.Progress, int64(min(float64(o.Patients)*float64(len(progs))*float64(1+o.PSA), math.MaxInt64/2)))
	results, comps, err := sim.RunScenarios(ctx, progs, sim.Options{Patients: o.Patients, Seed: o.Seed,
		Workers: workers, Step: o.Step, Progress: bar.add})
	if err != nil {
		bar.done()
		return fmt.Errorf("simulating %s: %w", models[0].Name, err)
	}
	var psas []*sim.PSA
	if o.PSA > 0 {
		for _, m := range models {
			p, err := sim.RunPSA(ctx, m, o.PSA, sim.Options{Patients: o.Patients, Seed: o.Seed,
				Workers: workers, Step: o.Step, Progress: bar.add})
			if err != nil {
				bar.done()
				return fmt.Errorf("sensitivity analysis of %s: %w", m.Name, err)
			}
			psas = append(psas, p)
		}
	}
	bar.done()
	final, err := writeRun(ctx, models, results, comps, psas, figs, report.Manifest{Version: version, Command: o.Command,
		Workers: workers, Started: start}, dir, o.Force, stderr)
	if err != nil {
		return err
	}
	psa := ""
	if o.PSA > 0 {
		psa = fmt.Sprintf(", and %d parameter draws each", o.PSA)
	}
	fmt.Fprintf(stderr, "blinasim: %d patients × %d scenario(s)%s in %.2fs; wrote %s\n",
		o.Patients, len(progs), psa, time.Since(start).Seconds(), final)
	return printSummary(stdout, final)
}

// writeRun writes a run's outputs, whole or merged from shards, into out
// (default out/<model name>) and returns the folder used; warnings go to
// warn. The manifest's elapsed time is measured from man.Started.
func writeRun(ctx context.Context, models []*model.Model, results []*sim.Result, comps []sim.Comparison, psas []*sim.PSA,
	figs report.Figures, man report.Manifest, out string, force bool, warn io.Writer) (string, error) {
	for i := range results {
		results[i].Scenario = scenarioName(models, i)
	}
	for i := range comps {
		comps[i].Base, comps[i].Scenario = results[0].Scenario, results[i+1].Scenario
	}
	if len(psas) > 0 {
		psas = sim.WithPSASubgroups(results, psas) // aligned with the results below
	}
	results = sim.WithSubgroups(results)
	comps = sim.WithSubgroupComparisons(comps)
	yml, err := marshalModels(models)
	if err != nil {
		return "", err
	}
	dir := out
	if dir == "" {
		dir = filepath.Join("out", models[0].Name)
	}
	man.Elapsed = time.Since(man.Started)
	run := report.Run{Warn: warn, Results: results, Comparisons: comps, PSA: psas, ModelYAML: yml, Title: runTitle(models), Figures: figs,
		Origins: report.EndpointOrigins(models...), ScenarioTitles: resultTitles(models, results), Manifest: man}
	return report.Write(ctx, dir, run, force)
}

// printSummary copies the run's summary.md to stdout: the data of a run, for
// a reader or a pipe.
func printSummary(w io.Writer, dir string) error {
	return printFile(w, filepath.Join(dir, "summary.md"))
}

// printFile copies a written file to w.
func printFile(w io.Writer, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
