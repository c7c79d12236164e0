package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests here run the program as a separate process: the test binary
// itself, which runs main when BLINASIMTEST_AS_MAIN is set (TestMain), so that
// they can kill it and see real exit codes.

func TestMain(m *testing.M) {
	if os.Getenv("BLINASIMTEST_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// program returns a command running blinasim with args in dir.
func program(t *testing.T, dir string, env []string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "BLINASIMTEST_AS_MAIN=1"), env...)
	return cmd
}

// TestForceKilledAtEveryStep kills (SIGKILL) a --force run at every step of
// its write phase: the output folder always holds either the old output or
// the complete new one, and the next run removes what the kill left hidden.
func TestForceKilledAtEveryStep(t *testing.T) {
	dir := t.TempDir()
	run := func(seed string, env ...string) *exec.Cmd {
		return program(t, dir, env, "run", "-q", "--patients", "300", "--seed", seed, "--formats", "none", "--out", "o", "--force")
	}
	if out, err := run("1").CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, out)
	}
	old := readManifest(t, dir)
	complete, err := os.ReadDir(filepath.Join(dir, "o"))
	if err != nil {
		t.Fatal(err)
	}
	for k := 1; ; k++ {
		cmd := run("2", "BLINASIMTEST_WRITE_PAUSE=40ms")
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stderr)
		steps, last := 0, ""
		for steps < k && sc.Scan() {
			if s, ok := strings.CutPrefix(sc.Text(), "blinasim-test: write step "); ok {
				steps, last = steps+1, s
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if steps < k { // the run finished before step k: every step was tried
			if k < 5 {
				t.Fatalf("only %d write steps seen", steps)
			}
			break
		}
		// Killed during step k: o is the old output or the complete new one.
		es, err := os.ReadDir(filepath.Join(dir, "o"))
		if err != nil {
			t.Fatalf("killed at step %d (%s): no output folder: %v", k, last, err)
		}
		if m := readManifest(t, dir); m != old && len(es) != len(complete) {
			t.Fatalf("killed at step %d (%s): a new but incomplete output folder (%d of %d files)", k, last, len(es), len(complete))
		}
		// The next run (of the old seed again) cleans what the kill left,
		// and says so.
		left, _ := filepath.Glob(filepath.Join(dir, ".o.*"))
		out, err := run("1").CombinedOutput()
		if len(left) > 0 && !strings.Contains(string(out), "blinasim: removed "+filepath.Base(left[0])) {
			t.Errorf("killed at step %d (%s): the next run did not say it removed %s: %s", k, last, left[0], out)
		}
		if err != nil {
			t.Fatalf("run after the kill at step %d: %v\n%s", k, err, out)
		}
		hidden, _ := filepath.Glob(filepath.Join(dir, ".o.*"))
		if len(hidden) > 0 {
			t.Fatalf("killed at step %d (%s): the next run left %v (it said %q)", k, last, hidden, out)
		}
		if readManifest(t, dir) != old {
			t.Fatalf("after the kill at step %d the next run did not write the old seed's output", k)
		}
	}
}

// readManifest returns the seed line of o/manifest.json, which tells the
// runs of this test apart.
func readManifest(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "o", "manifest.json"))
	if err != nil {
		return "(no manifest)"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, `"seed"`) {
			return l
		}
	}
	return string(b)
}

// TestInterruptWhileReading: Ctrl-C while the model file is being read (a
// FIFO nobody writes to blocks the read for ever) ends the program within a
// second with exit 130, and nothing is written.
func TestInterruptWhileReading(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "m.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := program(t, dir, nil, "run", "m.yaml", "-q")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Once the program opens the FIFO to read it (its signal handler is set
	// by then), a writer can open it without blocking; the program then
	// blocks reading, as the writer never writes.
	var w *os.File
	for deadline := time.Now().Add(20 * time.Second); w == nil; time.Sleep(10 * time.Millisecond) {
		f, err := os.OpenFile(filepath.Join(dir, "m.yaml"), os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if err == nil {
			w = f
		} else if time.Now().After(deadline) {
			t.Fatalf("the program never opened the FIFO: %v", err)
		}
	}
	defer w.Close()
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	took := time.Since(start)
	code := cmd.ProcessState.ExitCode()
	if code != exitInterrupted || took > time.Second {
		t.Errorf("exit %d after %v (%v), want %d within 1s: %s", code, took, err, exitInterrupted, stderr.String())
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("wrote %d entries", len(es)-1)
	}
}
