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

// sensitivitySettings are what the outputs of a sensitivity analysis depend
// on beyond the seed (see runSettings).
type sensitivitySettings struct {
	Model    string         `json:"model"`   // the resolved model, as YAML
	Outcome  string         `json:"outcome"` // the --outcome flag ("": the file's or the model's default)
	Patients int            `json:"patients"`
	Figures  report.Figures `json:"figures"`
}

// sensitivityUnits lays out the units of work of a sensitivity analysis for
// sharding: the one-way analysis's (the base, then a unit per range), then
// each sweep's grid points. It returns each piece's first unit and the total.
func sensitivityUnits(nRanges int, sweeps []model.Sweep) (starts []int, total int) {
	total = sim.OneWayUnits(nRanges)
	starts = []int{0}
	for _, sw := range sweeps {
		starts = append(starts, total)
		total += sim.SweepUnits(sw)
	}
	return starts, total
}

// sensitivityShard runs shard sp of a sensitivity analysis, its span of the
// units (sensitivityUnits), and writes what they give as a part file.
func sensitivityShard(ctx context.Context, o sensitivityOptions, sp shard.Spec, m *model.Model, outcome model.Outcome,
	ranges []sim.Range, figs report.Figures, workers int, stderr io.Writer) error {
	start := time.Now()
	ys, hash, err := modelYAMLs([]*model.Model{m})
	if err != nil {
		return err
	}
	settings, err := json.Marshal(sensitivitySettings{Model: ys[0], Outcome: o.Outcome, Patients: o.Patients, Figures: figs})
	if err != nil {
		return err
	}
	_, total := sensitivityUnits(len(ranges), m.Sensitivity.Sweeps)
	span := sim.ShardSpan(total, sp.K, sp.N)
	bar := newProgress(stderr, o.Progress, int64(o.Patients)*int64(2*span.Len()))
	opts := sim.Options{Patients: o.Patients, Seed: o.Seed, Workers: workers, Progress: bar.add}
	sections, err := sensitivitySections(span, len(ranges), m.Sensitivity.Sweeps,
		func(s *sim.Span) ([][]int64, error) {
			ow, err := sim.RunOneWayPart(ctx, m, outcome, ranges, s, opts)
			if err != nil {
				return nil, err
			}
			return ow.Ints(), nil
		},
		func(sw model.Sweep, s *sim.Span) ([][]int64, error) {
			part, err := sim.RunSweepPart(ctx, m, outcome, sw, s, opts)
			if err != nil {
				return nil, err
			}
			return part.Ints(), nil
		})
	bar.done()
	if err != nil {
		return sensitivityError(m, err)
	}
	dir := o.Out
	if dir == "" {
		dir = filepath.Join("out", m.Name+"-sensitivity-parts")
	}
	return writePart(dir, sensitivityPart("sensitivity", o, sp, hash, settings, total, span, sections), start, stderr)
}

// sensitivitySections runs the units of span of a sensitivity analysis
// (sensitivityUnits) and returns a part's sections: the one-way units' (by
// oneWay, given their span), then each sweep's (by sweep).
func sensitivitySections(span sim.Span, nRanges int, sweeps []model.Sweep, oneWay func(*sim.Span) ([][]int64, error),
	sweep func(model.Sweep, *sim.Span) ([][]int64, error)) ([][][]int64, error) {
	starts, _ := sensitivityUnits(nRanges, sweeps)
	owSpan := span.Within(0, sim.OneWayUnits(nRanges))
	xs, err := oneWay(&owSpan)
	if err != nil {
		return nil, err
	}
	sections := [][][]int64{xs}
	for i, sw := range sweeps {
		sws := span.Within(starts[1+i], starts[1+i]+sim.SweepUnits(sw))
		xs, err := sweep(sw, &sws)
		if err != nil {
			return nil, err
		}
		sections = append(sections, xs)
	}
	return sections, nil
}

// sensitivityPart is the part file of shard sp of a sensitivity analysis
// (command "sensitivity" or differenceCommand) whose units span holds.
func sensitivityPart(command string, o sensitivityOptions, sp shard.Spec, hash string, settings []byte, total int, span sim.Span,
	sections [][][]int64) *shard.Part {
	return &shard.Part{Header: withIdentity(shard.Header{Command: command,
		Args: o.Command, ModelHash: hash, Seed: o.Seed, Shard: sp.K, Shards: sp.N, Settings: settings,
		Units: []shard.Units{{Kind: "sensitivity points", Total: total, Lo: span.Lo, Hi: span.Hi}}}),
		Sections: sections}
}

// mergeSensitivity merges the parts of a sensitivity analysis.
func mergeSensitivity(ctx context.Context, pr partReader, man report.Manifest, o mergeOptions) (string, error) {
	parts, path := pr.parts, pr.path
	var st sensitivitySettings
	if err := json.Unmarshal(parts[0].Settings, &st); err != nil {
		return "", partError(path(0), err)
	}
	if st.Patients < 1 {
		return "", partError(path(0), fmt.Errorf("settings out of range: %d patients", st.Patients))
	}
	models, err := loadPartModels([]string{st.Model}, parts[0].ModelHash, path(0))
	if err != nil {
		return "", err
	}
	m := models[0]
	outcome, err := chooseOutcome(m, st.Outcome)
	if err != nil {
		return "", partError(path(0), err)
	}
	ranges := sim.Ranges(m)
	sweeps := m.Sensitivity.Sweeps
	opts := sim.Options{Patients: st.Patients, Seed: parts[0].Seed, Workers: man.Workers}
	var owParts []*sim.OneWayPart
	swParts, err := readSensitivityParts(pr, len(ranges), sweeps, func(span sim.Span, xs [][]int64) error {
		owp, err := sim.OneWayPartFromInts(m, outcome, ranges, opts, span, xs)
		owParts = append(owParts, owp)
		return err
	})
	if err != nil {
		return "", err
	}
	ow, err := sim.AssembleOneWay(m, outcome, ranges, opts, owParts...)
	if err != nil {
		return "", usageError{err}
	}
	var results []*sim.SweepResult
	for i, sw := range sweeps {
		r, err := sim.AssembleSweep(m, outcome, sw, swParts[i]...)
		if err != nil {
			return "", usageError{err}
		}
		results = append(results, r)
	}
	return writeSensitivity(ctx, models, ow, results, st.Figures, man, o.Out, o.Force, o.warn)
}

// readSensitivityParts reads every part's sections of a sensitivity analysis
// of nRanges ranges and the sweeps: its one-way section by oneWay (given the
// part's one-way span), and returns each sweep's parts, in shard order.
func readSensitivityParts(pr partReader, nRanges int, sweeps []model.Sweep, oneWay func(sim.Span, [][]int64) error) ([][]*sim.SweepPart, error) {
	starts, total := sensitivityUnits(nRanges, sweeps)
	swParts := make([][]*sim.SweepPart, len(sweeps))
	for k := range pr.parts {
		sections, err := pr.sections(k)
		if err != nil {
			return nil, err
		}
		if len(sections) != 1+len(sweeps) {
			return nil, partError(pr.path(k), fmt.Errorf("%d sections (want %d)", len(sections), 1+len(sweeps)))
		}
		span := sim.ShardSpan(total, k, len(pr.parts))
		if err := oneWay(span.Within(0, sim.OneWayUnits(nRanges)), sections[0]); err != nil {
			return nil, partError(pr.path(k), err)
		}
		for i, sw := range sweeps {
			swp, err := sim.SweepPartFromInts(span.Within(starts[1+i], starts[1+i]+sim.SweepUnits(sw)), sections[1+i])
			if err != nil {
				return nil, partError(pr.path(k), err)
			}
			swParts[i] = append(swParts[i], swp)
		}
	}
	return swParts, nil
}
