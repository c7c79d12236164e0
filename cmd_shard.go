package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/report"
	"github.com/blinasim/blinasim/shard"
	"github.com/blinasim/blinasim/sim"
	"github.com/spf13/pflag"
)

// addShardFlag defines --shard on a command that can run in shards.
func addShardFlag(f *pflag.FlagSet) {
	f.String("shard", "", "run only shard K/N (K from 0) of the work and write its part file into --out (default out/<name>-parts), "+
		"for 'blinasim merge' (see docs/cluster.md); auto or auto/N: K (and N) from the scheduler's array index (Slurm, Kubernetes, AWS Batch)")
}

// parseShard reads a --shard value; nil when it is empty (the whole run).
func parseShard(s string, env []string) (*shard.Spec, error) {
	if s == "" {
		return nil, nil
	}
	sp, err := shard.Parse(s, envGetter(env))
	if err != nil {
		return nil, usageError{err}
	}
	return &sp, nil
}

// envGetter returns a getenv over "KEY=value" pairs (the last one wins, as
// os.Getenv).
func envGetter(env []string) func(string) string {
	return func(key string) string {
		v := ""
		for _, kv := range env {
			if k, x, ok := strings.Cut(kv, "="); ok && k == key {
				v = x
			}
		}
		return v
	}
}

// runSettings are what the outputs of a run depend on beyond the seed: what a
// merge needs to write them, and what its parts must share.
type runSettings struct {
	Models   []string       `json:"models"` // each scenario's resolved model, as YAML
	Patients int            `json:"patients"`
	Step     float64        `json:"step"`
	PSA      int            `json:"psa"`
	Figures  report.Figures `json:"figures"`
}

// modelYAMLs returns each model's resolved YAML and the hash of model.yaml,
// which every output of the run records.
func modelYAMLs(models []*model.Model) ([]string, string, error) {
	var ys []string
	for _, m := range models {
		y, err := config.Marshal(m)
		if err != nil {
			return nil, "", fmt.Errorf("writing the resolved model %s: %w", m.Name, err)
		}
		ys = append(ys, string(y))
	}
	all, err := marshalModels(models)
	if err != nil {
		return nil, "", err
	}
	return ys, report.ModelHash(all), nil
}

// runShard runs shard sp of a run: its span of the patients, and of the
// draws of the PSA if any, and writes their totals as a part file.
func runShard(ctx context.Context, o runOptions, sp shard.Spec, models []*model.Model, progs []*sim.Program,
	figs report.Figures, workers int, stderr io.Writer) error {
	start := time.Now()
	ys, hash, err := modelYAMLs(models)
	if err != nil {
		return err
	}
	settings, err := json.Marshal(runSettings{Models: ys, Patients: o.Patients, Step: o.Step, PSA: o.PSA, Figures: figs})
	if err != nil {
		return err
	}
	pspan := sim.ShardSpan(o.Patients, sp.K, sp.N)
	dspan := sim.ShardSpan(o.PSA, sp.K, sp.N)
	bar := newProgress(stderr, o.Progress, int64(pspan.Len())*int64(len(progs))+int64(o.Patients)*int64(dspan.Len())*int64(len(models)))
	opts := sim.Options{Patients: o.Patients, Seed: o.Seed, Workers: workers, Step: o.Step, Progress: bar.add}
	tallyOpts := opts
	tallyOpts.Span = &pspan
	tally, err := sim.SimulateScenarios(ctx, progs, tallyOpts)
	if err != nil {
		bar.done()
		return fmt.Errorf("simulating %s: %w", models[0].Name, err)
	}
	p := &shard.Part{Header: withIdentity(shard.Header{Command: commandName(o.Files),
		Args: o.Command, ModelHash: hash, Seed: o.Seed, Shard: sp.K, Shards: sp.N, Settings: settings,
		Units: []shard.Units{{Kind: "patients", Total: o.Patients, Lo: pspan.Lo, Hi: pspan.Hi}}}),
		Sections: [][][]int64{tally.Ints()}}
	if o.PSA > 0 {
		p.Units = append(p.Units, shard.Units{Kind: "PSA draws", Total: o.PSA, Lo: dspan.Lo, Hi: dspan.Hi})
		for _, m := range models {
			part, err := sim.RunPSADraws(ctx, m, o.PSA, &dspan, opts)
			if err != nil {
				bar.done()
				return fmt.Errorf("sensitivity analysis of %s: %w", m.Name, err)
			}
			p.Sections = append(p.Sections, part.Ints())
		}
	}
	bar.done()
	dir := o.Out
	if dir == "" {
		dir = filepath.Join("out", models[0].Name+"-parts")
	}
	return writePart(dir, p, start, stderr)
}

// buildRevision is the source revision the program was built from, as the
// Go toolchain records it ("" when it does not, e.g. in tests), with
// "+modified" when the working tree had uncommitted changes.
func buildRevision() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, mod string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				mod = "+modified"
			}
		}
	}
	if rev == "" {
		return ""
	}
	return rev + mod
}

// commandName is the command a run's files were given to: compare for
// several scenarios, else run.
func commandName(files []string) string {
	if len(files) > 1 {
		return "compare"
	}
	return "run"
}

// writePart writes a shard's part file into dir and says so on stderr.
// withIdentity fills in a part header with this program's identity (program,
// version, build revision and platform), which merge requires every part of a
// run to share.
func withIdentity(h shard.Header) shard.Header {
	h.Program, h.Version, h.Build = report.DefaultProgram, version, buildRevision()
	h.Platform = runtime.GOOS + "/" + runtime.GOARCH
	return h
}

func writePart(dir string, p *shard.Part, start time.Time, stderr io.Writer) error {
	path := filepath.Join(dir, shard.Name(p.Shard, p.Shards))
	if err := shard.Write(path, p); err != nil {
		return fmt.Errorf("writing the part file: %w", err)
	}
	var spans []string
	for _, u := range p.Units {
		if u.Hi > u.Lo {
			spans = append(spans, fmt.Sprintf("%s %d to %d of %d", u.Kind, u.Lo, u.Hi-1, u.Total))
		} else {
			spans = append(spans, fmt.Sprintf("none of the %d %s", u.Total, u.Kind))
		}
	}
	fmt.Fprintf(stderr, "blinasim: shard %d/%d (%s) in %.2fs; wrote %s\n", p.Shard, p.Shards, strings.Join(spans, ", "),
		time.Since(start).Seconds(), path)
	return nil
}
