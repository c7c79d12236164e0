package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/blinasim/blinasim/sim"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// This file holds the command line's defences against bad input and faults
// that are not about a model file (docs/limits.md): environment variables
// that do not parse, sizes past a limit, failed writes to stdout, and an
// interrupt that a long step would not notice soon enough.

// envName is the BLINASIM_ variable of a flag: --fig-width: BLINASIM_FIG_WIDTH.
func envName(flag string) string {
	return "BLINASIM_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// checkEnv checks that every BLINASIM_ variable standing for one of cmd's
// flags (one not given on the command line) parses as that flag's type, so
// that BLINASIM_SEED=abc is an error naming the variable and its text rather
// than a silent 0.
func checkEnv(cmd *cobra.Command, getenv func(string) (string, bool)) error {
	var bad []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		text, ok := getenv(envName(f.Name))
		if !ok || f.Changed {
			return
		}
		if msg := parseAs(f.Value.Type(), text); msg != "" {
			bad = append(bad, fmt.Sprintf("%s=%q: %s (it sets --%s)", envName(f.Name), text, msg, f.Name))
		}
	})
	if len(bad) > 0 {
		return usageError{errors.New(strings.Join(bad, "\n"))}
	}
	return nil
}

// parseAs returns why text is not a value of a flag type, or "".
func parseAs(typ, text string) string {
	var err error
	s := strings.TrimSpace(text)
	switch typ {
	case "int":
		_, err = strconv.ParseInt(s, 10, 0)
		if err != nil {
			return "not a whole number"
		}
	case "uint64":
		_, err = strconv.ParseUint(s, 10, 64)
		if err != nil {
			return "not a whole number ≥ 0"
		}
	case "float64":
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return "not a finite number"
		}
	case "bool":
		if _, err = strconv.ParseBool(s); err != nil {
			return "not true or false (allowed: true, false, 1, 0)"
		}
	}
	return ""
}

// checkFinite refuses NaN and infinite values of float flags, which parse.
func checkFinite(name string, x float64) error {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return usageError{fmt.Errorf("--%s must be a finite number (got %v)", name, x)}
	}
	return nil
}

// limitUsage turns a size past a limit (*sim.LimitError) into a usage error
// naming the flag; other errors pass unchanged.
func limitUsage(err error) error {
	var le *sim.LimitError
	if !errors.As(err, &le) {
		return err
	}
	return usageError{fmt.Errorf("--%s %s is past a limit: %s; %s", le.What, le.Got, le.Detail, le.Max)}
}

// errWriter remembers the first error of the writer it wraps, so that a
// command whose output could not be written (a full disk) fails with exit 1
// instead of ending as if all was well. (A closed pipe on the real stdout ends
// the program quietly with SIGPIPE, as Go does for fd 1.)
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

// interruptGrace is how long a command has to stop by itself after Ctrl-C
// before the program exits anyway.
const interruptGrace = 800 * time.Millisecond

// watchInterrupt exits the program with exitInterrupted when ctx is
// cancelled (Ctrl-C, SIGTERM) and the command has not returned within
// interruptGrace, so that a phase that does not check ctx (reading or
// decoding a file, estimating) cannot delay it past a second. A hidden
// temporary folder the write phase leaves is removed by the next run. Close
// done when the command returns.
func watchInterrupt(ctx context.Context, done <-chan struct{}, stderr io.Writer, exit func(int)) {
	go func() {
		select {
		case <-done:
			return
		case <-ctx.Done():
		}
		select {
		case <-done:
		case <-time.After(interruptGrace):
			fmt.Fprintln(stderr, "blinasim: interrupted")
			exit(exitInterrupted)
		}
	}()
}

// lookupEnv is os.LookupEnv, replaceable in tests.
var lookupEnv = os.LookupEnv
