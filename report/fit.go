package report

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/blinasim/blinasim/fit"
	"github.com/blinasim/blinasim/model"
)

// Calibration is what WriteFit renders: a fit and its calibrated model file.
type Calibration struct {
	Fit       *fit.Fit
	File      string    // the model file calibrated, as fit.Apply named it (a base name)
	ModelYAML []byte    // the calibrated model, written as model.yaml
	Version   string    // the program's version
	Warn      io.Writer // receives the write's warnings; nil: none shown
}

// WriteFit writes a calibration into the folder dir, as Write writes a run:
// into a temporary folder renamed into place, nothing left on an error or a
// cancelled ctx, an existing folder replaced only with force. It writes
// model.yaml (the calibrated model), fit.md (the report), fit.csv (every
// start: parameters from and to, objectives, evaluations) and
// fit_targets.csv (every target before and after).
func WriteFit(ctx context.Context, dir string, c Calibration, force bool) (string, error) {
	if c.Fit == nil || len(c.ModelYAML) == 0 {
		return "", fmt.Errorf("report: a calibration needs its fit and its calibrated model")
	}
	files := []file{
		{name: "model.yaml", write: func(w io.Writer) error { _, err := w.Write(c.ModelYAML); return err }},
		{name: "fit.md", write: func(w io.Writer) error { return WriteFitMarkdown(w, c) }},
		{name: "fit.csv", write: func(w io.Writer) error { return writeFitCSV(w, c.Fit) }},
		{name: "fit_targets.csv", write: func(w io.Writer) error { return writeFitTargetsCSV(w, c.Fit) }},
	}
	return writeDir(ctx, dir, files, force, c.Warn)
}

// WriteFitMarkdown writes fit.md: the fitted parameters, whether they are
// identified, the targets before and after, and every start.
func WriteFitMarkdown(w io.Writer, c Calibration) error {
	f := c.Fit
	m := f.Model
	bw := bufio.NewWriter(w)
	title := m.Title
	if title == "" {
		title = m.Name
	}
	units := plural(m.Unit.String())
	fmt.Fprintf(bw, "# Calibration: %s\n\n", strings.TrimSpace(title))
	fmt.Fprintf(bw, "Model file `%s`: %d free parameters fitted to %d targets by maximum likelihood (binomial for proportions, "+
		"normal on the log scale for medians) with gonum's Nelder-Mead on transformed parameters. Every evaluation simulates the "+
		"same %d patients (seed %d: common random numbers). %d starts (the file's values, then random ones), at most %d "+
		"evaluations each: %d evaluations in %s. blinasim %s.\n",
		c.File, len(f.Free), len(m.Targets), f.Patients, f.Seed, len(f.Starts), f.MaxEvaluations, f.Evaluations,
		f.Elapsed.Round(10*time.Millisecond), c.Version)

	fmt.Fprintf(bw, "\n## Fitted parameters\n\n")
	header := []string{"Parameter", "Was", "Fitted", "Lower", "Upper", "Scale"}
	writeRow(bw, header)
	writeRule(bw, len(header))
	was := m.Values()
	for i, fp := range f.Free {
		writeRow(bw, []string{"`" + fp.Name + "`", formatNumber(was[fp.Name]), formatNumber(f.Values[i]),
			formatNumber(fp.Lower), formatNumber(fp.Upper), string(fp.Scale())})
	}
	fmt.Fprintln(bw)
	writeConvergence(bw, f)
	switch {
	case len(f.Unidentified) == 0 && goodStarts(f) < 2:
		fmt.Fprintf(bw, "**Identification not checked:** only one start reached the best fit (objective within %v), and one search "+
			"cannot tell whether other parameter values fit as well. Run more starts (--starts, or starts: in the calibrate section).\n", f.ObjectiveTol)
	case len(f.Unidentified) == 0:
		fmt.Fprintf(bw, "**Identified.** Every start that fit as well as the best (objective within %v) ended within %v%% of "+
			"the fitted values (of the value on a log scale, else of the bounds' width).\n", f.ObjectiveTol, 100*f.ParameterTol)
	default:
		fmt.Fprintf(bw, "**Not identified: %s.** Starts that fit equally well (objective within %v of the best) ended more than "+
			"%v%% apart in these parameters (see the starts below): the targets do not pin them down. Fix them from a stated "+
			"assumption, or add targets that inform them.\n", backticks(f.Unidentified), f.ObjectiveTol, 100*f.ParameterTol)
	}
	if len(f.AtBound) > 0 {
		fmt.Fprintf(bw, "\n**At a bound: %s.** The best fit lies at the edge of the search: widen the bounds if they are not "+
			"a real limit.\n", backticks(f.AtBound))
	}

	fmt.Fprintf(bw, "\n## Targets\n\n")
	header = []string{"Target", "Published (study 95% CI)", "Before", "After (95% CI)", "Inside", "−log L before", "−log L after"}
	writeRow(bw, header)
	writeRule(bw, len(header))
	for i, a := range f.After {
		t := a.Target
		row := fit.CheckTarget(t, a.Simulated)
		p := row.Published
		show := func(v, lo, hi float64) string {
			if t.Measure == model.MeasureMedian {
				return mdEstimate(v, lo, hi) + " " + units
			}
			return mdProbability(v, lo, hi)
		}
		pub := show(p.Value, p.Lower, p.Upper)
		if p.Method == fit.FromApprox {
			pub += " ≈"
		}
		inside := "no"
		if row.Inside {
			inside = "yes"
		}
		b := f.Before[i]
		writeRow(bw, []string{"`" + t.Name + "`", pub, show(b.Simulated.Value, math.NaN(), math.NaN()),
			show(a.Simulated.Value, a.Simulated.Lower, a.Simulated.Upper), inside,
			mdFixed(b.Contribution, 3), mdFixed(a.Contribution, 3)})
	}
	fmt.Fprintf(bw, "\nThe objective, minus the log-likelihood ratio against a perfect fit (0 when every target is met; twice it "+
		"is the deviance), went from %s to %s. Before and after are simulated with the calibration's %d patients; "+
		"`blinasim check` runs the calibrated model at its own size.\n", mdFixed(f.Starts[0].InitialObjective, 3), mdFixed(f.Objective, 3), f.Patients)

	fmt.Fprintf(bw, "\n## Starts\n\n")
	header = []string{"Start", "From", "To", "Objective from", "Objective to", "Evaluations", "Status"}
	writeRow(bw, header)
	writeRule(bw, len(header))
	for k, st := range f.Starts {
		label := strconv.Itoa(k + 1)
		if k == 0 {
			label += " (file)"
		}
		if k == f.Best {
			label += " best"
		}
		writeRow(bw, []string{label, values(f.Free, st.Initial), values(f.Free, st.Final),
			mdFixed(st.InitialObjective, 3), mdFixed(st.Objective, 3), strconv.Itoa(st.Evaluations), st.Status})
	}

	var notes []string
	for i, fp := range f.Free {
		for _, p := range m.Parameters {
			if p.Name != fp.Name || p.Uncertainty == nil {
				continue
			}
			if r, ok := p.Uncertainty.Recentred(f.Values[i]); ok {
				if r != *p.Uncertainty {
					notes = append(notes, fmt.Sprintf("- `%s`: its uncertainty is re-centred on the fitted value in `model.yaml`: %s (was %s).",
						fp.Name, r.Describe(), p.Uncertainty.Describe()))
				}
			} else if mean := p.Uncertainty.Mean(); !math.IsNaN(mean) && math.Abs(mean/f.Values[i]-1) > 0.1 {
				notes = append(notes, fmt.Sprintf("- `%s`: its uncertainty (%s, mean %s) is not centred on the fitted value %s "+
					"and cannot be moved there keeping its shape; re-centre it by hand for a sensitivity analysis.",
					fp.Name, p.Uncertainty.Family, formatNumber(mean), formatNumber(f.Values[i])))
			}
		}
	}
	if len(notes) > 0 {
		fmt.Fprintf(bw, "\n## Uncertainty\n\n%s\n", strings.Join(notes, "\n"))
	}
	fmt.Fprintf(bw, "\nThe calibrated model is `model.yaml`: the fitted values, each with `source: calibrated to ...` that keeps the "+
		"former value and source.\n")
	return bw.Flush()
}

// values writes "name value, ..." for a start's parameters.
func values(free []model.FreeParameter, xs []float64) string {
	parts := make([]string, len(free))
	for i, fp := range free {
		parts[i] = fp.Name + " " + formatNumber(xs[i])
	}
	return strings.Join(parts, ", ")
}

func backticks(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "`" + n + "`"
	}
	return strings.Join(out, ", ")
}

// fitHeader is fit.csv's header: one row per start and free parameter.
var fitHeader = []string{"start", "parameter", "initial", "final", "initial_objective", "objective", "evaluations", "status", "best"}

func writeFitCSV(w io.Writer, f *fit.Fit) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(fitHeader); err != nil {
		return err
	}
	for k, st := range f.Starts {
		for i, fp := range f.Free {
			row := []string{strconv.Itoa(k + 1), fp.Name, formatNumber(st.Initial[i]), formatNumber(st.Final[i]),
				formatNumber(st.InitialObjective), formatNumber(st.Objective), strconv.Itoa(st.Evaluations), st.Status,
				formatBool(k == f.Best)}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// fitTargetsHeader is fit_targets.csv's header: one row per target.
var fitTargetsHeader = []string{"target", "measure", "of", "time", "n", "published", "published_lower", "published_upper",
	"interval", "before", "after", "after_lower", "after_upper", "inside", "contribution_before", "contribution_after"}

func writeFitTargetsCSV(w io.Writer, f *fit.Fit) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(fitTargetsHeader); err != nil {
		return err
	}
	for i, a := range f.After {
		t := a.Target
		row := fit.CheckTarget(t, a.Simulated)
		of, tm := t.Of(), math.NaN()
		if t.Measure != model.MeasureMedian && t.Time > 0 {
			tm = t.Time
		}
		p := row.Published
		rec := []string{t.Name, string(t.Measure), of, formatNumber(tm), strconv.Itoa(t.N), formatNumber(p.Value),
			formatNumber(p.Lower), formatNumber(p.Upper), string(p.Method), formatNumber(f.Before[i].Simulated.Value),
			formatNumber(a.Simulated.Value), formatNumber(a.Simulated.Lower), formatNumber(a.Simulated.Upper),
			formatBool(row.Inside), formatNumber(f.Before[i].Contribution), formatNumber(a.Contribution)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
