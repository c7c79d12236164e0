// Command blinasim simulates multi-state outcome models of B-cell acute
// lymphoblastic leukaemia treatment sequences and writes survival curves,
// state occupancy and their summaries. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/sim"
	"github.com/spf13/cobra"
)

// Exit codes, as documented in the README.
const (
	exitOK          = 0   // success
	exitFailure     = 1   // the run failed (I/O, simulation error)
	exitUsage       = 2   // bad usage, a rejected model file, or part files that do not merge
	exitBorderline  = 3   // check: no target outside, but some borderline (run more patients)
	exitInterrupted = 130 // stopped by Ctrl-C (SIGINT) or SIGTERM; nothing was written
)

// version is the program's version; release builds set it with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	watchInterrupt(ctx, done, os.Stderr, os.Exit)
	code := execute(ctx, os.Args[1:], os.Stdout, os.Stderr)
	close(done)
	stop()
	os.Exit(code)
}

// usageError marks errors in how the command was called.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// execute runs the command line and returns the exit code.
func execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	out := &errWriter{w: stdout}
	root := newRootCmd(out, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil && out.err != nil {
		err = fmt.Errorf("writing the output: %w", out.err)
	}
	if err == nil {
		return exitOK
	}
	if errors.Is(err, context.Canceled) || ctx.Err() != nil {
		fmt.Fprintln(stderr, "blinasim: interrupted; nothing was written")
		return exitInterrupted
	}
	fmt.Fprintln(stderr, "blinasim:", err)
	var cfgErr *config.Error
	var uErr usageError
	var limErr *sim.LimitError
	var bErr checkBorderline
	switch {
	case errors.As(err, &bErr):
		return exitBorderline
	case errors.As(err, &cfgErr), errors.As(err, &uErr), errors.As(err, &limErr):
		return exitUsage
	case isCobraUsage(err):
		return exitUsage
	}
	return exitFailure
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "blinasim",
		Short: "Monte Carlo outcome simulator for B-ALL treatment sequencing",
		Long: `blinasim simulates patients through a multi-state model (relapse, remission,
MRD-negative remission, HSCT, CAR-T, death...) and reports survival curves,
cumulative incidences, state occupancy, medians, landmark survival and RMST,
each with its Monte Carlo 95% interval.

Exit codes: 0 ok, 1 failure (or a check that failed), 2 bad usage, a bad model
file or part files that do not merge, 3 a check with borderline targets (run
more patients), 130 interrupted.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		for _, a := range args {
			if strings.TrimSpace(a) == "" {
				return usageError{fmt.Errorf("an empty file name (%q) is not a model file: give a file or a shipped name (see `blinasim list`)", a)}
			}
		}
		return checkEnv(cmd, lookupEnv)
	}
	root.AddCommand(newRunCmd(), newCompareCmd(), newValidateCmd(), newListCmd(), newDescribeCmd(), newCheckCmd(), newCalibrateCmd(),
		newSensitivityCmd(), newTrialCmd(), newMergeCmd(), newPlanCmd())
	return root
}

// isCobraUsage recognises cobra's own argument errors (unknown command, wrong
// number of arguments), which it returns as plain errors.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "unknown flag", "unknown shorthand", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
