package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing/fstest"
	"time"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/report"
	"github.com/blinasim/blinasim/shard"
	"github.com/blinasim/blinasim/sim"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// mergeOptions are the settings of `blinasim merge`.
type mergeOptions struct {
	Paths   []string // folders of part files, or part files
	Out     string   // output folder; "": as the whole run's default
	Force   bool
	Workers int
	Check   bool // only check that the parts form one whole run; write nothing
	Command []string
	warn    io.Writer // the write's warnings; set by runMerge
}

func newMergeCmd() *cobra.Command {
	v := viper.New()
	cmd := &cobra.Command{
		Use:   "merge DIR|FILE...",
		Short: "Put the part files of a sharded run together into the run's outputs",
		Long: `Read the part files (` + shard.Ext + `) that the shards of a run wrote (run, compare,
run --psa, sensitivity of one model or of a difference BASE SCENARIO, or trial with --shard K/N), check that they form one whole run
(same program version, model, seed, settings and number of shards; every shard
once), add up their totals and write the outputs the run in one piece would
have written, byte for byte (manifest.json, and its copy in report.html, aside). A missing, repeated or
foreign shard, or a damaged part file, is an error (exit 2) that names the file
and says what to rerun.

Outputs go to the whole run's default folder (out/<model name>,
out/<model name>-sensitivity or out/<base>-vs-<scenario>-sensitivity), or --out.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMerge(cmd.Context(), mergeOptions{Paths: args, Out: v.GetString("out"), Force: v.GetBool("force"),
				Workers: v.GetInt("workers"), Check: v.GetBool("check"), Command: os.Args}, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.String("out", "", "output folder (default: the whole run's)")
	f.Bool("force", false, "replace an existing output folder")
	f.Int("workers", 0, "goroutines (0: all cores), recorded in the manifest")
	f.Bool("check", false, "only check that the parts form one whole run (exit 0) or say what is wrong (exit 2); write nothing")
	bindEnv(v, f)
	return cmd
}

// runMerge is the pure body of `blinasim merge`.
func runMerge(ctx context.Context, o mergeOptions, stdout, stderr io.Writer) error {
	start := time.Now()
	o.warn = stderr
	files, err := partFiles(o.Paths)
	if err != nil {
		return usageError{err}
	}
	// Every file is read and checked whole, but only its header kept: the
	// merge reads the totals again one part at a time, so that its memory
	// does not grow with the number of shards (but for the PSA draws, which
	// it keeps).
	loaded := make([]shard.Loaded, len(files))
	for i, f := range files {
		loaded[i].Path = f
		if loaded[i].Part, loaded[i].Err = shard.Read(f); loaded[i].Err == nil {
			loaded[i].Part.Sections = nil
		}
	}
	parts, err := shard.Check(loaded)
	if err != nil {
		return usageError{err}
	}
	if o.Check {
		fmt.Fprintf(stdout, "%d part(s) of blinasim %s form one whole: %d shard(s), seed %d, model %.12s…\n", len(parts), parts[0].Command,
			parts[0].Shards, parts[0].Seed, parts[0].ModelHash)
		return nil
	}
	workers := o.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	man := report.Manifest{Version: version, Command: o.Command, Workers: workers, Started: start, Shards: len(parts)}
	path := func(k int) string {
		return loaded[slices.IndexFunc(loaded, func(l shard.Loaded) bool { return l.Part == parts[k] })].Path
	}
	pr := partReader{parts: parts, path: path}
	var final string
	switch parts[0].Command {
	case "run", "compare":
		final, err = mergeRun(ctx, pr, man, o)
	case "sensitivity":
		final, err = mergeSensitivity(ctx, pr, man, o)
	case differenceCommand:
		final, err = mergeDifferenceSensitivity(ctx, pr, man, o)
	case "trial":
		final, err = mergeTrial(ctx, pr, man, o)
	default:
		err = usageError{fmt.Errorf("%s: parts of command %q, which this version cannot merge", path(0), parts[0].Command)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "blinasim: merged %d shard(s) of %s in %.2fs; wrote %s\n", len(parts), parts[0].Command,
		time.Since(start).Seconds(), final)
	if parts[0].Command == "sensitivity" || parts[0].Command == differenceCommand {
		return printFile(stdout, filepath.Join(final, "sensitivity.md"))
	}
	return printSummary(stdout, final)
}

// partFiles lists the part files in the given folders (sorted) and the files
// given.
func partFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		m, err := filepath.Glob(filepath.Join(p, "*"+shard.Ext))
		if err != nil {
			return nil, err
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("%s: no part files (*%s)", p, shard.Ext)
		}
		files = append(files, m...) // Glob sorts
	}
	return files, nil
}

// partReader reads the checked parts' totals again, one at a time.
type partReader struct {
	parts []*shard.Part // headers only, in shard order
	path  func(k int) string
}

// sections reads part k's totals, checking that the file still holds the
// part that was checked.
func (pr partReader) sections(k int) ([][][]int64, error) {
	p, err := shard.Read(pr.path(k))
	if err != nil {
		return nil, partError(pr.path(k), err)
	}
	if runKey(p.Header) != runKey(pr.parts[k].Header) {
		return nil, partError(pr.path(k), errors.New("the file changed during the merge"))
	}
	return p.Sections, nil
}

// runKey is what identifies a part: the run and its shard.
func runKey(h shard.Header) string {
	b, _ := json.Marshal(h)
	return string(b)
}

// partError is a part file whose content does not fit the run its header
// names: damaged in a way the checksum cannot see, or written by a program
// that lays out its totals otherwise.
func partError(path string, err error) error {
	return usageError{fmt.Errorf("%s: %w: %v", path, shard.ErrCorrupt, err)}
}

// loadPartModels reads back the resolved models a part's settings hold and checks
// that they are the models its header's hash names.
func loadPartModels(ys []string, hash, path string) ([]*model.Model, error) {
	var models []*model.Model
	for _, y := range ys {
		m, err := config.Load(fstest.MapFS{"model.yaml": {Data: []byte(y)}}, "model.yaml", config.Options{})
		if err != nil {
			return nil, partError(path, fmt.Errorf("its model: %w", err))
		}
		models = append(models, m)
	}
	_, h, err := modelYAMLs(models)
	if err != nil {
		return nil, err
	}
	if h != hash {
		return nil, partError(path, errors.New("its model does not have the hash its header says"))
	}
	return models, nil
}

// mergeRun merges the parts of a run (or compare, with or without --psa).
func mergeRun(ctx context.Context, pr partReader, man report.Manifest, o mergeOptions) (string, error) {
	parts, path := pr.parts, pr.path
	var st runSettings
	if err := json.Unmarshal(parts[0].Settings, &st); err != nil {
		return "", partError(path(0), err)
	}
	if st.Patients < 1 || st.PSA < 0 || st.PSA == 1 || st.Step < 0 || len(st.Models) == 0 {
		return "", partError(path(0), fmt.Errorf("settings out of range: %d models, %d patients, %d PSA draws, step %v",
			len(st.Models), st.Patients, st.PSA, st.Step))
	}
	models, err := loadPartModels(st.Models, parts[0].ModelHash, path(0))
	if err != nil {
		return "", err
	}
	progs := make([]*sim.Program, len(models))
	for i, m := range models {
		if progs[i], err = sim.Compile(m, nil); err != nil {
			return "", partError(path(0), err)
		}
	}
	opts := sim.Options{Patients: st.Patients, Seed: parts[0].Seed, Workers: man.Workers, Step: st.Step}
	tally, err := sim.NewTally(progs, opts)
	if err != nil {
		return "", partError(path(0), err)
	}
	want := 1
	if st.PSA > 0 {
		want += len(models)
	}
	psaParts := make([][]*sim.PSAPart, len(models))
	for k := range parts {
		sections, err := pr.sections(k)
		if err != nil {
			return "", err
		}
		if len(sections) != want {
			return "", partError(path(k), fmt.Errorf("%d sections (want %d)", len(sections), want))
		}
		if err := tally.AddInts(sections[0]); err != nil {
			return "", partError(path(k), err)
		}
		if st.PSA == 0 {
			continue
		}
		span := sim.ShardSpan(st.PSA, k, len(parts))
		for i, m := range models {
			pp, err := sim.PSAPartFromInts(m, span, sections[1+i])
			if err != nil {
				return "", partError(path(k), err)
			}
			psaParts[i] = append(psaParts[i], pp)
		}
	}
	if tally.Patients() != int64(st.Patients) {
		return "", usageError{fmt.Errorf("the parts hold %d patients of the run's %d", tally.Patients(), st.Patients)}
	}
	results, comps := tally.Results()
	var psas []*sim.PSA
	for i, m := range models {
		if st.PSA == 0 {
			break
		}
		p, err := sim.SummarisePSA(m, st.PSA, psaParts[i]...)
		if err != nil {
			return "", usageError{err}
		}
		psas = append(psas, p)
	}
	return writeRun(ctx, models, results, comps, psas, st.Figures, man, o.Out, o.Force, o.warn)
}
