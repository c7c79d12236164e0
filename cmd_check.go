package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/blinasim/blinasim/report"
	"github.com/blinasim/blinasim/sim"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// checkOptions are the settings of `blinasim check`.
type checkOptions struct {
	Files    []string // model files or shipped names; none: the default study
	Patients int
	Seed     uint64
	Workers  int
	Horizon  string
	Sets     []string
	Env      []string
	Progress bool
}

// checkFailed is the error of a check with targets outside the study's
// interval: exit code 1, like a failed run, with a message of its own.
type checkFailed struct{ outside, total int }

func (e checkFailed) Error() string {
	return fmt.Sprintf("check failed: %d of %d targets outside the study's 95%% interval (the table on stdout says which)", e.outside, e.total)
}

func newCheckCmd() *cobra.Command {
	v := viper.New()
	cmd := &cobra.Command{
		Use:   "check [FILE|NAME...]",
		Short: "Run a model and check that it reproduces its published targets",
		Long: `Run each model (a file, a shipped study by name, or with none the default
study) and print, per target, the published figure with the study's 95% interval
(as published; else from n: exact binomial for a proportion, an approximation
for a median), the simulated figure with its Monte Carlo interval, and whether
it lies inside the study's interval. Nothing is written; 'run' writes the same
as check.csv.

A target is borderline when the simulated figure's Monte Carlo interval
contains a bound of the study's interval: inside or outside then depends on
the seed, and the verdict is "borderline: run more patients".

Exit codes: 0 every target of every model inside, 1 some target outside (the
message says "check failed") or the run failed, 2 bad usage or model file,
3 none outside but some borderline (the message says "check borderline").`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o := checkOptions{Files: args, Patients: v.GetInt("patients"), Seed: v.GetUint64("seed"), Workers: v.GetInt("workers"),
				Horizon: v.GetString("horizon"), Sets: v.GetStringSlice("set"), Env: os.Environ(),
				Progress: isTerminal(cmd.ErrOrStderr()) && !v.GetBool("quiet")}
			return runCheck(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.Int("patients", 100_000, "number of simulated patients")
	f.Uint64("seed", 1, "run seed")
	f.Int("workers", 0, "goroutines (0: all cores); results do not depend on it")
	f.String("horizon", "", "override the model's horizon (a number in model units, or e.g. 5y)")
	f.StringArray("set", nil, "override a model key, path=value; repeatable")
	f.BoolP("quiet", "q", false, "no progress bar")
	bindEnv(v, f)
	return cmd
}

// runCheck is the pure body of `blinasim check`.
func runCheck(ctx context.Context, o checkOptions, stdout, stderr io.Writer) error {
	if o.Patients < 1 {
		return usageError{fmt.Errorf("--patients must be ≥ 1 (got %d)", o.Patients)}
	}
	if o.Workers < 0 {
		return usageError{fmt.Errorf("--workers must be ≥ 0 (got %d; 0 means all cores)", o.Workers)}
	}
	groups := [][]string{nil} // the default study
	if len(o.Files) > 0 {
		groups = nil
		for _, f := range o.Files {
			groups = append(groups, []string{f})
		}
	}
	workers := o.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	outside, borderline, total := 0, 0, 0
	for i, only := range groups {
		models, err := loadScenarios(runOptions{Files: only, Horizon: o.Horizon, Sets: o.Sets, Env: o.Env})
		if err != nil {
			return err
		}
		m, err := oneModel(models, strings.Join(only, ""), "check")
		if err != nil {
			return err
		}
		prog, err := sim.Compile(m, nil)
		if err != nil {
			return usageError{err}
		}
		bar := newProgress(stderr, o.Progress, int64(o.Patients))
		r, err := sim.Run(ctx, prog, sim.Options{Patients: o.Patients, Seed: o.Seed, Workers: workers, Progress: bar.add})
		bar.done()
		if err != nil {
			return fmt.Errorf("simulating %s: %w", m.Name, err)
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		title := m.Title
		if title == "" {
			title = m.Name
		}
		n, b, err := report.WriteCheck(stdout, title, r)
		if err != nil {
			return err
		}
		outside += n
		borderline += b
		total += len(r.Targets)
		if len(r.Targets) == 0 {
			fmt.Fprintf(stderr, "blinasim: %s has no targets: nothing to check\n", m.Name)
		}
	}
	if outside > 0 {
		return checkFailed{outside, total}
	}
	if borderline > 0 {
		return checkBorderline{borderline, total}
	}
	fmt.Fprintf(stderr, "blinasim: check passed: %d targets in %s inside the study's 95%% interval\n", total, plural(len(groups), "model"))
	return nil
}

// plural writes "1 model" or "3 models".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// checkBorderline is the error of a check with no target outside but some
// borderline: exit code 3, so that scripts can tell "run more patients" from
// a failure.
type checkBorderline struct{ borderline, total int }

func (e checkBorderline) Error() string {
	return fmt.Sprintf("check borderline: %d of %d targets have a Monte Carlo interval that crosses the study's bound; run more patients (--patients) to settle them", e.borderline, e.total)
}
