package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/report"
	"github.com/blinasim/blinasim/shard"
	"github.com/blinasim/blinasim/sim"
)

// trialSettings are what the outputs of a trial simulation depend on beyond
// the seed (see runSettings).
type trialSettings struct {
	File        string         `json:"file"`  // the trial file as given (it names the outputs)
	TrialYAML   string         `json:"trial"` // the trial file's bytes
	Models      []string       `json:"models"`
	Trials      int            `json:"trials"`
	PSA         int            `json:"psa"`
	PSATrials   int            `json:"psa_trials"`
	Example     int            `json:"example"`
	ExampleSize int            `json:"example_size"`
	Figures     report.Figures `json:"figures"`
}

// trialShard runs shard sp of a trial simulation: its span of the trials,
// and of the assurance's draws if any, and writes their outcomes as a part
// file.
func trialShard(ctx context.Context, o trialOptions, sp shard.Spec, models []*model.Model, tr *sim.Trial, figs report.Figures,
	workers int, stderr io.Writer) error {
	start := time.Now()
	ys, hash, err := modelYAMLs(models)
	if err != nil {
		return err
	}
	trialYAML, err := os.ReadFile(o.File)
	if err != nil {
		return err
	}
	settings, err := json.Marshal(trialSettings{File: o.File, TrialYAML: string(trialYAML), Models: ys, Trials: o.Trials, PSA: o.PSA,
		PSATrials: o.PSATrials, Example: o.Example, ExampleSize: o.ExampleSize, Figures: figs})
	if err != nil {
		return err
	}
	tspan := sim.ShardSpan(o.Trials, sp.K, sp.N)
	dspan := sim.ShardSpan(o.PSA, sp.K, sp.N)
	bar := newProgress(stderr, o.Progress, int64(tspan.Len())+int64(dspan.Len())*int64(o.PSATrials))
	opts := sim.TrialOptions{Seed: o.Seed, Workers: workers, Progress: bar.add}
	outs, err := tr.SimulateSpan(ctx, tspan, opts)
	if err != nil {
		bar.done()
		return fmt.Errorf("simulating %s: %w", o.File, err)
	}
	p := &shard.Part{Header: withIdentity(shard.Header{Command: "trial", Args: o.Command, ModelHash: hash, Seed: o.Seed,
		Shard: sp.K, Shards: sp.N, Settings: settings,
		Units: []shard.Units{{Kind: "trials", Total: o.Trials, Lo: tspan.Lo, Hi: tspan.Hi}}}),
		Sections: [][][]int64{outs.Ints()}}
	if o.PSA > 0 {
		p.Units = append(p.Units, shard.Units{Kind: "assurance draws", Total: o.PSA, Lo: dspan.Lo, Hi: dspan.Hi})
		part, err := tr.AssuranceDraws(ctx, o.PSA, o.PSATrials, &dspan, opts)
		if err != nil {
			bar.done()
			return fmt.Errorf("assurance of %s: %w", o.File, err)
		}
		p.Sections = append(p.Sections, part.Ints())
	}
	bar.done()
	dir := o.Out
	if dir == "" {
		dir = filepath.Join("out", stem(o.File)+"-parts")
	}
	return writePart(dir, p, start, stderr)
}

// mergeTrial merges the parts of a trial simulation.
func mergeTrial(ctx context.Context, pr partReader, man report.Manifest, o mergeOptions) (string, error) {
	parts, path := pr.parts, pr.path
	var st trialSettings
	if err := json.Unmarshal(parts[0].Settings, &st); err != nil {
		return "", partError(path(0), err)
	}
	if st.Trials < 1 || st.PSA < 0 || st.PSA == 1 || (st.PSA > 0 && st.PSATrials < 1) || len(st.Models) == 0 {
		return "", partError(path(0), fmt.Errorf("settings out of range: %d trials, %d PSA draws of %d trials", st.Trials, st.PSA, st.PSATrials))
	}
	spec, err := config.ParseTrial(st.File, []byte(st.TrialYAML))
	if err != nil {
		return "", partError(path(0), err)
	}
	models, err := loadPartModels(st.Models, parts[0].ModelHash, path(0))
	if err != nil {
		return "", err
	}
	if err := spec.Check(models); err != nil {
		return "", partError(path(0), err)
	}
	tr, err := spec.Design(models)
	if err != nil {
		return "", partError(path(0), err)
	}
	want := 1
	if st.PSA > 0 {
		want = 2
	}
	var outParts []*sim.TrialOutcomes
	var asParts []*sim.AssurancePart
	for k := range parts {
		sections, err := pr.sections(k)
		if err != nil {
			return "", err
		}
		if len(sections) != want {
			return "", partError(path(k), fmt.Errorf("%d sections (want %d)", len(sections), want))
		}
		op, err := sim.TrialOutcomesFromInts(sim.ShardSpan(st.Trials, k, len(parts)), len(tr.Sizes), tr.Comparisons(), sections[0])
		if err != nil {
			return "", partError(path(k), err)
		}
		outParts = append(outParts, op)
		if st.PSA > 0 {
			ap, err := sim.AssurancePartFromInts(sim.ShardSpan(st.PSA, k, len(parts)), sections[1])
			if err != nil {
				return "", partError(path(k), err)
			}
			asParts = append(asParts, ap)
		}
	}
	outs, err := sim.MergeTrialParts(st.Trials, outParts...)
	if err != nil {
		return "", usageError{err}
	}
	var as *sim.Assurance
	if st.PSA > 0 {
		if as, err = tr.SummariseAssurance(st.PSA, st.PSATrials, asParts...); err != nil {
			return "", usageError{err}
		}
	}
	to := trialOptions{File: st.File, Trials: st.Trials, Seed: parts[0].Seed, Out: o.Out, Force: o.Force, PSA: st.PSA,
		PSATrials: st.PSATrials, Example: st.Example, ExampleSize: st.ExampleSize}
	return writeTrial(ctx, to, spec, []byte(st.TrialYAML), models, tr, outs, as, st.Figures, man, o.warn)
}
