package report

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// Sensitivity is what WriteSensitivity renders: a one-way sensitivity
// analysis and the model's sweeps, all recording one outcome, and what
// reproduces them.
type Sensitivity struct {
	// Title is the model's readable title, used in sensitivity.md and the
	// figures; empty: the model's name.
	Title string
	// OneWay holds the base run and one row per parameter with a range (none:
	// no oneway.csv and no tornado.png).
	OneWay *sim.OneWay
	// Sweeps are written as sweep_<name>.csv and sweep_<name>.png.
	Sweeps []*sim.SweepResult
	// ModelYAML is the resolved model, written as model.yaml.
	ModelYAML []byte
	// Manifest is written as manifest.json; seed, patients and scenario are
	// filled from the base run.
	Manifest Manifest
	// Figures are the settings of tornado.* and sweep_<name>.*; zero: the
	// defaults (PNG and SVG, one journal column).
	Figures Figures
	// ParameterTitles are the parameters' readable titles, by name, for the
	// tornado's rows; a parameter without one is shown by its name.
	ParameterTitles map[string]string
	// DifferenceTitles are the readable titles of the scenario and of the
	// base of an analysis of their difference, in that order, for the
	// tornado's axis ("second alloHSCT − no consolidation"); nil: their names.
	DifferenceTitles []string
	// Warn receives the write's warnings; nil: none are shown.
	Warn io.Writer
}

// WriteSensitivity writes the analysis into the folder dir, as Write does a
// run (atomically, never over an existing folder unless force), and returns
// the folder it used: oneway.csv and tornado.png (when a parameter has a
// range), sweep_<name>.csv and sweep_<name>.png for each sweep,
// sensitivity.md, model.yaml and manifest.json.
func WriteSensitivity(ctx context.Context, dir string, s Sensitivity, force bool) (string, error) {
	if s.OneWay == nil || s.OneWay.BaseResult == nil {
		return "", errors.New("report: a sensitivity analysis needs its base run")
	}
	if len(s.ModelYAML) == 0 {
		return "", errors.New("report: no resolved model (ModelYAML is empty)")
	}
	base := s.OneWay.BaseResult
	if s.Title == "" {
		s.Title = base.Model
	}
	s.Manifest.Command = append([]string(nil), s.Manifest.Command...)
	s.Manifest.fillDefaults(Run{Results: []*sim.Result{base}, ModelYAML: s.ModelYAML})
	return writeDir(ctx, dir, s.files(), force, s.Warn)
}

// files lists the analysis' output files in the order they are written.
func (s Sensitivity) files() []file {
	label := OutcomeLabel(s.OneWay.Outcome, s.OneWay.BaseResult)
	kind := "one-way sensitivity"
	if s.OneWay.Scenario != "" {
		label, kind = differenceLabel(s.OneWay, label, s.DifferenceTitles), "one-way sensitivity of the difference"
	}
	set := s.Figures.withDefaults()
	st := newStyle(set.FontSize)
	pastFU := s.pastFollowUp()
	base := s.OneWay.BaseResult
	title := func(t string) string {
		if set.Bare {
			return ""
		}
		return t
	}
	caption := title(fmt.Sprintf("Simulated N = %s patients per run, on the same patients; seed %d.", groupThousands(base.Patients), base.Seed))
	out := []file{{name: "model.yaml", write: func(w io.Writer) error { _, err := w.Write(s.ModelYAML); return err }}}
	if len(s.OneWay.Rows) > 0 {
		out = append(out, file{name: "oneway.csv", write: func(w io.Writer) error { return writeOneWayCSV(w, s.OneWay, pastFU) }})
		var warned sync.Once // a tornado that shows fewer rows than asked for says so once (its legend says "Top k of n")
		out = append(out, figureFiles("tornado", set, func() (*figure, error) {
			f, shown, err := tornado(s.OneWay, s.ParameterTitles, label, title(s.Title+": "+kind), caption, set)
			if err == nil {
				warned.Do(func() {
					if msg := tornadoWarning(s.OneWay, shown, set); msg != "" {
						say(s.Warn, "blinasim: warning: %s\n", msg)
					}
				})
			}
			return f, err
		})...)
	}
	for _, sw := range s.Sweeps {
		out = append(out, file{name: "sweep_" + sw.Name + ".csv", write: func(w io.Writer) error { return writeSweepCSV(w, sw, pastFU) }})
		out = append(out, figureFiles("sweep_"+sw.Name, set, func() (*figure, error) {
			f, err := sweepFigure(sw, label, title(fmt.Sprintf("Sweep %s: %s", sw.Name, label)), caption, st)
			if err != nil {
				return nil, err
			}
			// The swept parameters' titles with their names, wrapped.
			axes := []*plot.Axis{&f.plot.X, &f.plot.Y}
			lengths := []vg.Length{3 * set.Width / 5, set.Height / 2}
			for i, name := range sw.Parameters {
				if t := s.ParameterTitles[name]; t != "" {
					axes[i].Label.Text = strings.Join(wrapAll(t+" ("+name+")", axes[i].Label.TextStyle, lengths[i]), "\n")
				}
			}
			return f, nil
		})...)
	}
	return append(out,
		file{name: "sensitivity.md", write: func(w io.Writer) error { return writeSensitivityMarkdown(w, s, label) }},
		file{name: "manifest.json", write: func(w io.Writer) error { return writeJSON(w, s.Manifest) }})
}

// ParameterTitles returns the titles of the models' parameters that have
// one, by name, for Sensitivity.ParameterTitles: in a difference analysis
// the scenario's own parameters (a second transplant's) are in the tornado
// too. The first model's title of a name wins.
func ParameterTitles(models ...*model.Model) map[string]string {
	out := map[string]string{}
	for _, m := range models {
		for _, p := range m.Parameters {
			if _, ok := out[p.Name]; !ok && p.Title != "" {
				out[p.Name] = p.Title
			}
		}
	}
	return out
}

// OutcomeLabel describes the outcome for axes and tables, with its unit:
// "os: survival at 36 months", "os: median (months)", "os: RMST to 60 months
// (months)", "cir: time lost to 60 months (months)".
func OutcomeLabel(o model.Outcome, base *sim.Result) string {
	units := plural(base.Unit.String())
	at := func(t float64) string { return strconv.FormatFloat(t, 'g', 6, 64) + " " + units }
	name, incidence := o.Endpoint, false
	for _, e := range base.Endpoints {
		if e.Name == o.Endpoint {
			incidence = e.Kind == model.Incidence
			if e.Title != "" {
				name = e.Title
			}
		}
	}
	switch o.Measure {
	case model.OutcomeSurvival:
		if name != o.Endpoint { // "Overall survival at 36 months"
			return fmt.Sprintf("%s at %s", name, at(o.Time))
		}
		return fmt.Sprintf("%s: survival at %s", name, at(o.Time))
	case model.OutcomeIncidence:
		if name != o.Endpoint {
			return fmt.Sprintf("%s by %s", name, at(o.Time))
		}
		return fmt.Sprintf("%s: incidence at %s", name, at(o.Time))
	case model.OutcomeMedian:
		return fmt.Sprintf("%s: median (%s)", name, units)
	}
	if incidence {
		return fmt.Sprintf("%s: time lost to %s (%s)", name, at(endpointTau(base, o.Endpoint)), units)
	}
	return fmt.Sprintf("%s: RMST to %s (%s)", name, at(endpointTau(base, o.Endpoint)), units)
}

// oneWayHeader is oneway.csv's header row.
var oneWayHeader = []string{"parameter", "value", "ends", "low_value", "high_value", "outcome",
	"base", "base_lower", "base_upper",
	"outcome_low", "outcome_low_lower", "outcome_low_upper",
	"outcome_high", "outcome_high_lower", "outcome_high_upper",
	"diff_low", "diff_low_lower", "diff_low_upper",
	"diff_high", "diff_high_lower", "diff_high_upper", "paired", "swing", "past_followup"}

// writeOneWayCSV writes oneway.csv: one row per parameter, by swing (largest
// first): its value, the ends used and where they come from, the outcome at
// the base and at each end, the differences from the base, the swing, and
// whether the outcome lies past the end of follow-up (outcomePastFollowUp:
// the values are then kept, and not estimable).
func writeOneWayCSV(w io.Writer, ow *sim.OneWay, pastFU bool) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(oneWayHeader); err != nil {
		return err
	}
	f := formatNumber
	for _, r := range ow.Rows {
		row := []string{r.Parameter, f(r.Value), string(r.Ends), f(r.Low), f(r.High), ow.Outcome.String(),
			f(ow.Base.Value), f(ow.Base.Lower), f(ow.Base.Upper),
			f(r.AtLow.Value), f(r.AtLow.Lower), f(r.AtLow.Upper),
			f(r.AtHigh.Value), f(r.AtHigh.Lower), f(r.AtHigh.Upper),
			f(r.DiffLow.Value), f(r.DiffLow.Lower), f(r.DiffLow.Upper),
			f(r.DiffHigh.Value), f(r.DiffHigh.Lower), f(r.DiffHigh.Upper),
			formatBool(r.DiffLow.Paired && r.DiffHigh.Paired), f(r.Swing), formatBool(pastFU)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
