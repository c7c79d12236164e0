package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/report"
	"github.com/blinasim/blinasim/shard"
	"github.com/blinasim/blinasim/sim"
)

// differenceCommand is the command a part of `sensitivity BASE SCENARIO`
// records: not "sensitivity", so that merge tells its parts from a one-model
// analysis's and refuses a set that mixes them, naming the command of each.
const differenceCommand = "sensitivity-difference"

// differenceSettings are what the outputs of a sensitivity analysis of a
// difference depend on beyond the seed (see runSettings).
type differenceSettings struct {
	Models   []string       `json:"models"`  // the base's and the scenario's resolved models, as YAML
	Outcome  string         `json:"outcome"` // the --outcome flag ("": the base's file's or the model's default)
	Patients int            `json:"patients"`
	Figures  report.Figures `json:"figures"`
}

// differenceShard runs shard sp of a sensitivity analysis of the difference
// models[1] − models[0], its span of the units (sensitivityUnits: the base
// pair, then a unit per range, then the base's sweeps' grid points, every
// unit's pairs run whole), and writes what they give as a part file.
func differenceShard(ctx context.Context, o sensitivityOptions, sp shard.Spec, models []*model.Model, outcome model.Outcome,
	ranges []sim.Range, figs report.Figures, workers int, stderr io.Writer) error {
	start := time.Now()
	base, scen := models[0], models[1]
	ys, hash, err := modelYAMLs(models)
	if err != nil {
		return err
	}
	settings, err := json.Marshal(differenceSettings{Models: ys, Outcome: o.Outcome, Patients: o.Patients, Figures: figs})
	if err != nil {
		return err
	}
	sweeps := base.Sensitivity.Sweeps
	starts, total := sensitivityUnits(len(ranges), sweeps)
	span := sim.ShardSpan(total, sp.K, sp.N)
	owSpan := span.Within(0, sim.OneWayUnits(len(ranges)))
	runs := 2*span.Len() + 2*span.Within(1, sim.OneWayUnits(len(ranges))).Len() // a pair per unit, two per range
	bar := newProgress(stderr, o.Progress, int64(o.Patients)*int64(runs))
	opts := sim.Options{Patients: o.Patients, Seed: o.Seed, Workers: workers, Progress: bar.add}
	ow, err := sim.RunOneWayDifferencePart(ctx, base, scen, outcome, ranges, &owSpan, opts)
	if err != nil {
		bar.done()
		return differenceError(base, scen, err)
	}
	p := &shard.Part{Header: withIdentity(shard.Header{Command: differenceCommand,
		Args: o.Command, ModelHash: hash, Seed: o.Seed, Shard: sp.K, Shards: sp.N, Settings: settings,
		Units: []shard.Units{{Kind: "sensitivity points", Total: total, Lo: span.Lo, Hi: span.Hi}}}),
		Sections: [][][]int64{ow.Ints()}}
	for i, sw := range sweeps {
		sws := span.Within(starts[1+i], starts[1+i]+sim.SweepUnits(sw))
		part, err := sim.RunSweepDifferencePart(ctx, base, scen, outcome, sw, &sws, opts)
		if err != nil {
			bar.done()
			return differenceError(base, scen, err)
		}
		p.Sections = append(p.Sections, part.Ints())
	}
	bar.done()
	dir := o.Out
	if dir == "" {
		dir = filepath.Join("out", base.Name+"-vs-"+scen.Name+"-sensitivity-parts")
	}
	return writePart(dir, p, start, stderr)
}

// mergeDifferenceSensitivity merges the parts of a sensitivity analysis of a
// difference (differenceShard).
func mergeDifferenceSensitivity(ctx context.Context, pr partReader, man report.Manifest, o mergeOptions) (string, error) {
	parts, path := pr.parts, pr.path
	var st differenceSettings
	if err := json.Unmarshal(parts[0].Settings, &st); err != nil {
		return "", partError(path(0), err)
	}
	if st.Patients < 1 || len(st.Models) != 2 {
		return "", partError(path(0), fmt.Errorf("settings out of range: %d models (want 2), %d patients", len(st.Models), st.Patients))
	}
	models, err := loadPartModels(st.Models, parts[0].ModelHash, path(0))
	if err != nil {
		return "", err
	}
	base, scen := models[0], models[1]
	outcome, err := chooseOutcome(base, st.Outcome)
	if err == nil {
		err = scen.CheckOutcome(outcome)
	}
	if err != nil {
		return "", partError(path(0), err)
	}
	ranges := sim.DiffRanges(base, scen)
	sweeps := base.Sensitivity.Sweeps
	starts, total := sensitivityUnits(len(ranges), sweeps)
	opts := sim.Options{Patients: st.Patients, Seed: parts[0].Seed, Workers: man.Workers}
	var owParts []*sim.OneWayDiffPart
	swParts := make([][]*sim.SweepPart, len(sweeps))
	for k := range parts {
		sections, err := pr.sections(k)
		if err != nil {
			return "", err
		}
		if len(sections) != 1+len(sweeps) {
			return "", partError(path(k), fmt.Errorf("%d sections (want %d)", len(sections), 1+len(sweeps)))
		}
		span := sim.ShardSpan(total, k, len(parts))
		owp, err := sim.OneWayDiffPartFromInts(base, scen, outcome, ranges, opts, span.Within(0, sim.OneWayUnits(len(ranges))), sections[0])
		if err != nil {
			return "", partError(path(k), err)
		}
		owParts = append(owParts, owp)
		for i, sw := range sweeps {
			swp, err := sim.SweepPartFromInts(span.Within(starts[1+i], starts[1+i]+sim.SweepUnits(sw)), sections[1+i])
			if err != nil {
				return "", partError(path(k), err)
			}
			swParts[i] = append(swParts[i], swp)
		}
	}
	ow, err := sim.AssembleOneWayDifference(scen, outcome, ranges, owParts...)
	if err != nil {
		return "", usageError{err}
	}
	var results []*sim.SweepResult
	for i, sw := range sweeps {
		r, err := sim.AssembleSweepDifference(base, scen, outcome, sw, swParts[i]...)
		if err != nil {
			return "", usageError{err}
		}
		results = append(results, r)
	}
	return writeDifferenceSensitivity(ctx, models, ow, results, st.Figures, man, o.Out, o.Force, o.warn)
}
