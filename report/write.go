package report

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// Run is what Write renders: the results of one run and what reproduces it.
type Run struct {
	// Results holds one result per scenario, all simulated with the same seed
	// and patients (common random numbers), in the order to report them.
	Results []*sim.Result
	// ModelYAML is the resolved model as YAML, written as model.yaml. With
	// several scenarios: their resolved models as YAML documents separated by
	// "---" lines, in the order of Results.
	ModelYAML []byte
	// Title is the model's readable title, used in summary.md and the plots;
	// empty: the first result's model name.
	Title string
	// Manifest is written as manifest.json, completed by Write (see Manifest).
	Manifest Manifest
	// Comparisons are the later scenarios' differences from the first, written
	// as compare.csv and in the summaries; none for a single scenario.
	Comparisons []sim.Comparison
	// PSA holds, per scenario (aligned with Results; nil where not run), the
	// probabilistic sensitivity analysis, written as psa.csv (one row per
	// draw), psa_bands.csv, psa_survival.* and in the summaries.
	PSA []*sim.PSA
	// Figures are the settings of the figures; the zero value gives the defaults.
	Figures Figures
	// Origins gives each endpoint's time origin, by name (EndpointOrigins),
	// for the time axes; nil: axes say "Time (months)" and endpoints of any
	// origin share a figure.
	Origins map[string]Origin
	// ScenarioTitles label the scenarios in the figures' legends and
	// number-at-risk tables, aligned with Results (ScenarioTitles); nil or
	// "": the scenario's label, as the CSV files name it.
	ScenarioTitles []string
	// Warn receives the warnings of the write (a figure left out, hidden
	// folders of killed runs removed); nil: none are shown.
	Warn io.Writer
}

// maxSuffix bounds the search for a free folder name (dir-2, dir-3, ...).
const maxSuffix = 10000

// Write writes the run's outputs into the folder dir and returns the folder it
// used. Parent folders are created as needed. The files are written into a
// hidden temporary folder beside dir, and renamed into place only once all are
// written; ctx is checked between files. On an error or a cancelled ctx the
// temporary folder (and any parent folder Write created) is removed and
// nothing partial remains.
//
// If dir exists, Write does not touch it and uses the first free name among
// dir-2, dir-3, ...; with force it replaces it instead: the old folder is
// moved aside, the new one renamed into place, and the old one then removed.
func Write(ctx context.Context, dir string, r Run, force bool) (final string, err error) {
	if err := r.complete(); err != nil {
		return "", err
	}
	return writeDir(ctx, dir, r.files(), force, r.Warn)
}

// complete fills in the manifest's defaults and checks the run is consistent.
func (r *Run) complete() error {
	if len(r.Results) == 0 {
		return errors.New("report: no results")
	}
	if len(r.ModelYAML) == 0 {
		return errors.New("report: no resolved model (ModelYAML is empty)")
	}
	for i, res := range r.Results {
		if res == nil {
			return fmt.Errorf("report: result %d is nil", i)
		}
	}
	r.Manifest.Command = slices.Clone(r.Manifest.Command)
	r.Manifest.Scenarios = slices.Clone(r.Manifest.Scenarios)
	r.Manifest.fillDefaults(*r)
	if h := ModelHash(r.ModelYAML); r.Manifest.ModelHash != h {
		return fmt.Errorf("report: manifest model hash %s is not the hash of ModelYAML (%s)", r.Manifest.ModelHash, h)
	}
	if r.Title == "" {
		r.Title = r.Results[0].Model
	}
	if err := r.Figures.Validate(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	seen := map[string]bool{}
	for _, res := range r.Results {
		label := scenarioLabel(res)
		if seen[label] {
			return fmt.Errorf("report: two scenarios are labelled %q", label)
		}
		seen[label] = true
		if err := checkResult(res, r.Manifest); err != nil {
			return fmt.Errorf("report: scenario %q: %w", label, err)
		}
	}
	return nil
}

// checkResult checks that a result's curves fit its grid and that it agrees
// with the manifest.
func checkResult(res *sim.Result, m Manifest) error {
	if len(res.Grid) == 0 {
		return errors.New("empty time grid")
	}
	if res.Seed != m.Seed || res.Patients != m.Patients && res.Subgroup == "" { // a subgroup has some of the patients
		return fmt.Errorf("seed %d and %d patients, but the manifest says seed %d and %d patients",
			res.Seed, res.Patients, m.Seed, m.Patients)
	}
	for _, e := range res.Endpoints {
		if len(e.Curve) != len(res.Grid) {
			return fmt.Errorf("endpoint %q: %d curve values on a grid of %d times", e.Name, len(e.Curve), len(res.Grid))
		}
		if len(e.AtRisk) != 0 && len(e.AtRisk) != len(res.Grid) {
			return fmt.Errorf("endpoint %q: %d at-risk values on a grid of %d times", e.Name, len(e.AtRisk), len(res.Grid))
		}
	}
	for _, s := range res.States {
		if len(s.Occupancy) != len(res.Grid) {
			return fmt.Errorf("state %q: %d occupancy values on a grid of %d times", s.Name, len(s.Occupancy), len(res.Grid))
		}
	}
	return nil
}

// file is one output file: its name and what writes its content.
type file struct {
	name  string
	write func(io.Writer) error // a figure's returns a *figureError when it cannot be drawn
	// figure builds the figure the file draws; nil for a file that is not a
	// figure (report.html draws each figure once more, as inline SVG).
	figure func() (*figure, error)
}

// figureError is a figure that cannot be drawn (a legend of a hundred states
// that does not fit, say): the figure is left out with a warning, and the
// tables and summaries are written all the same.
type figureError struct{ err error }

func (e *figureError) Error() string { return e.err.Error() }
func (e *figureError) Unwrap() error { return e.err }

// files lists the run's output files in the order they are written.
func (r Run) files() []file {
	fr := newFigureRun(r)
	fu := fr.fu
	s := newSummary(r.Title, r.Results, r.Comparisons, r.PSA, fu)
	s.labelScenarios(r.ScenarioTitles, r.Results)
	out := []file{
		{name: "model.yaml", write: func(w io.Writer) error { _, err := w.Write(r.ModelYAML); return err }},
		{name: "survival.csv", write: func(w io.Writer) error { return writeSurvivalCSV(w, r.Results, fu) }},
		{name: "estimates.csv", write: func(w io.Writer) error { return writeEstimatesCSV(w, s) }},
		{name: "atrisk.csv", write: func(w io.Writer) error { return writeAtRiskCSV(w, r.Results, fu) }},
	}
	incidence := hasKind(r.Results, model.Incidence)
	if incidence {
		out = append(out, file{name: "incidence.csv", write: func(w io.Writer) error { return writeIncidenceCSV(w, r.Results, fu) }})
	}
	if len(r.Comparisons) > 0 {
		out = append(out, file{name: "compare.csv", write: func(w io.Writer) error { return writeCompareCSV(w, s.Differences) }})
	}
	if hasPSA(r.PSA) {
		out = append(out, file{name: "psa.csv", write: func(w io.Writer) error { return writePSADrawsCSV(w, r.Results, r.PSA) }},
			file{name: "psa_long.csv", write: func(w io.Writer) error { return writePSALongCSV(w, r.Results, r.PSA) }},
			file{name: "psa_bands.csv", write: func(w io.Writer) error { return writePSABandsCSV(w, r.Results, r.PSA, fu) }})
		if len(s.PSADifferences) > 0 {
			out = append(out, file{name: "psa_compare.csv", write: func(w io.Writer) error { return writePSACompareCSV(w, s.PSADifferences) }})
		}
		title := fr.title
		if title != "" {
			title += " (parameter uncertainty)"
		}
		pr := fr
		pr.bandEdges = true
		out = append(out, pr.curvesFiles("psa_survival", psaResults(r.Results, r.PSA), model.Survival, title, psaBandNote(r.PSA))...)
	}
	if hasTargets(r.Results) {
		out = append(out, file{name: "check.csv", write: func(w io.Writer) error { return writeCheckCSV(w, r.Results) }})
	}
	out = append(out,
		file{name: "occupancy.csv", write: func(w io.Writer) error { return writeOccupancyCSV(w, r.Results) }},
		file{name: "summary.json", write: func(w io.Writer) error { return writeJSON(w, s) }},
		file{name: "summary.md", write: func(w io.Writer) error { return writeMarkdown(w, s) }},
	)
	out = append(out, fr.curvesFiles("survival", r.Results, model.Survival, fr.title, mcBandNote)...)
	if incidence {
		out = append(out, fr.curvesFiles("incidence", r.Results, model.Incidence, fr.title, mcBandNote)...)
	}
	out = append(out, figureFiles("occupancy", fr.set, func() (*figure, error) { // one panel per scenario or subgroup
		if len(r.Results) > 1 {
			return fr.occupancyPanels(r.Results)
		}
		return fr.occupancy(r.Results[0])
	})...)
	out = append(out, file{name: "manifest.json", write: func(w io.Writer) error { return writeJSON(w, r.Manifest) }})
	return append(out, file{name: "report.html", write: func(w io.Writer) error {
		return writeHTML(w, htmlPage{title: r.Title, summary: s, figures: out, modelYAML: r.ModelYAML, manifest: r.Manifest, set: fr.set})
	}})
}

// fileSafe returns s if it is safe in a file name on every system (letters,
// digits, '-', '_', '.'), else the scenario's number n.
func fileSafe(s string, n int) string {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return fmt.Sprint(n)
		}
	}
	if s == "" || s[0] == '.' {
		return fmt.Sprint(n)
	}
	return s
}

// writeDir writes the files into a temporary folder beside dir and renames it
// into place (see Write). First it removes the hidden folders that killed
// runs left beside dir, saying so on warn. A figure that cannot be drawn (an
// optional file) is left out with a warning on warn; any other failure fails
// the write.
func writeDir(ctx context.Context, dir string, files []file, force bool, warn io.Writer) (final string, err error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	dir = filepath.Clean(dir)
	parent, base := filepath.Split(dir)
	if base == "" || base == "." || base == ".." {
		return "", fmt.Errorf("report: %q is not a folder name", dir)
	}
	if parent == "" {
		parent = "."
	}
	created, err := mkdirAll(parent)
	if err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	cleanStale(parent, base, warn)
	tmp, err := os.MkdirTemp(parent, hiddenPrefix(base, "tmp"))
	if err != nil {
		removeCreated(parent, created)
		return "", fmt.Errorf("report: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
			removeCreated(parent, created)
		}
	}()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		step(f.name)
		path := filepath.Join(tmp, f.name)
		if err := writeFile(path, f.write); err != nil {
			var fe *figureError
			if errors.As(err, &fe) && ctx.Err() == nil {
				os.Remove(path)
				say(warn, "blinasim: warning: %s left out: %v\n", f.name, err)
				continue
			}
			return "", fmt.Errorf("report: %s: %w", f.name, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp makes it 0700
		return "", fmt.Errorf("report: %w", err)
	}
	step("place")
	if force {
		return dir, replace(tmp, dir)
	}
	return place(tmp, dir)
}

// writeFile creates path (which must not exist) and fills it with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
