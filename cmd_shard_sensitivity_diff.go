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
	_, total := sensitivityUnits(len(ranges), base.Sensitivity.Sweeps)
	span := sim.ShardSpan(total, sp.K, sp.N)
	runs := 2*span.Len() + 2*span.Within(1, sim.OneWayUnits(len(ranges))).Len() // a pair per unit, two per range
	bar := newProgress(stderr, o.Progress, int64(o.Patients)*int64(runs))
	opts := sim.Options{Patients: o.Patients, Seed: o.Seed, Workers: workers, Progress: bar.add}
	sections, err := sensitivitySections(span, len(ranges), base.Sensitivity.Sweeps,
		func(s *sim.Span) ([][]int64, error) {
			ow, err := sim.RunOneWayDifferencePart(ctx, base, scen, outcome, ranges, s, opts)
			if err != nil {
				return nil, err
			}
			return ow.Ints(), nil
		},
		func(sw model.Sweep, s *sim.Span) ([][]int64, error) {
			part, err := sim.RunSweepDifferencePart(ctx, base, scen, outcome, sw, s, opts)
			if err != nil {
				return nil, err
			}
			return part.Ints(), nil
		})
	bar.done()
	if err != nil {
		return differenceError(base, scen, err)
	}
	dir := o.Out
	if dir == "" {
		dir = filepath.Join("out", base.Name+"-vs-"+scen.Name+"-sensitivity-parts")
	}
	return writePart(dir, sensitivityPart(differenceCommand, o, sp, hash, settings, total, span, sections), start, stderr)
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
	opts := sim.Options{Patients: st.Patients, Seed: parts[0].Seed, Workers: man.Workers}
	var owParts []*sim.OneWayDiffPart
	swParts, err := readSensitivityParts(pr, len(ranges), sweeps, func(span sim.Span, xs [][]int64) error {
		owp, err := sim.OneWayDiffPartFromInts(base, scen, outcome, ranges, opts, span, xs)
		owParts = append(owParts, owp)
		return err
	})
	if err != nil {
		return "", err
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
