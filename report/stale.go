package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// This file names the hidden folders a write uses beside its output folder
// (".<base>.tmp-<pid>-<random>" for the files being written, and
// ".<base>.old-<pid>-<random>" for an earlier output being replaced where
// folders cannot be exchanged in one step), and removes those that runs
// killed before they finished left behind.

// started is when this process started writing, roughly: hidden folders
// older than it cannot be this run's.
var started = time.Now()

// hiddenPrefix returns the prefix of the hidden folders of kind ("tmp" or
// "old") for the output folder base, with this process's id.
func hiddenPrefix(base, kind string) string {
	return fmt.Sprintf(".%s.%s-%d-", base, kind, os.Getpid())
}

// cleanStale removes from parent the hidden folders for base that an earlier
// run left when it was killed: of this program's naming, last changed before
// this run began, and of a process that no longer runs. A left-over earlier
// output (".old-", when the run was killed between its two renames) is put
// back if base is missing. It says what it did on warn (nil: quietly).
func cleanStale(parent, base string, warn io.Writer) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		kind, pid, ok := parseHidden(e.Name(), base)
		if !ok || !e.IsDir() || pid == os.Getpid() || alive(pid) {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(started) {
			continue
		}
		path := filepath.Join(parent, e.Name())
		if kind == "old" {
			dir := filepath.Join(parent, base)
			if _, err := os.Lstat(dir); os.IsNotExist(err) && os.Rename(filepath.Join(path, base), dir) == nil {
				say(warn, "blinasim: put back %s, the earlier output that a killed run (process %d) had moved aside\n", dir, pid)
			}
		}
		if err := os.RemoveAll(path); err == nil {
			say(warn, "blinasim: removed %s, left by a run (process %d) that was killed before it finished\n", path, pid)
		}
	}
}

// parseHidden reads a hidden folder's name ".<base>.<kind>-<pid>-<random>".
func parseHidden(name, base string) (kind string, pid int, ok bool) {
	rest, ok := strings.CutPrefix(name, "."+base+".")
	if !ok {
		return "", 0, false
	}
	kind, rest, ok = strings.Cut(rest, "-")
	if !ok || kind != "tmp" && kind != "old" {
		return "", 0, false
	}
	p, _, ok := strings.Cut(rest, "-")
	if !ok {
		return "", 0, false
	}
	pid, err := strconv.Atoi(p)
	return kind, pid, err == nil && pid > 0
}

// say writes a diagnostic to w, if any.
func say(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format, args...)
	}
}

// pauseHook, set by the environment variable BLINASIMTEST_WRITE_PAUSE (a
// duration, e.g. 200ms), makes a write announce each step on stderr and pause
// after it, so that a test can kill it at every step. It is for tests only.
var pauseHook = func() time.Duration {
	d, _ := time.ParseDuration(os.Getenv("BLINASIMTEST_WRITE_PAUSE"))
	return d
}()

// step marks a step of a write for the test hook.
func step(name string) {
	if pauseHook > 0 {
		fmt.Fprintf(os.Stderr, "blinasim-test: write step %s\n", name)
		time.Sleep(pauseHook)
	}
}
