package report

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/blinasim/blinasim/fit"
)

// PosteriorReport is what WritePosterior renders: an IMIS posterior sample
// and the parameter file that draws from it.
type PosteriorReport struct {
	Posterior *fit.Posterior
	File      string // the model file calibrated, as named in sources
	ModelYAML []byte // the posterior parameter file (fit.Posterior.Apply)
	Version   string
	Warn      io.Writer // receives the write's warnings; nil: none are shown
}

// WritePosterior writes model.yaml (the posterior parameter file, usable with
// run --psa), posterior.csv (the sample, one row per draw) and posterior.md
// into dir, atomically as the other writers do.
func WritePosterior(ctx context.Context, dir string, r PosteriorReport, force bool) (string, error) {
	return writeDir(ctx, dir, []file{
		{name: "model.yaml", write: func(w io.Writer) error { _, err := w.Write(r.ModelYAML); return err }},
		{name: "posterior.csv", write: func(w io.Writer) error { return writePosteriorCSV(w, r.Posterior) }},
		{name: "posterior.md", write: func(w io.Writer) error { return WritePosteriorMarkdown(w, r) }},
	}, force, r.Warn)
}

func writePosteriorCSV(w io.Writer, p *fit.Posterior) error {
	cw := csv.NewWriter(w)
	header := []string{"draw"}
	for _, fp := range p.Free {
		header = append(header, fp.Name)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for k, row := range p.Sample {
		rec := []string{fmt.Sprint(k + 1)}
		for _, x := range row {
			rec = append(rec, formatNumber(x))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WritePosteriorMarkdown writes posterior.md: the method, each parameter's
// posterior, IMIS's diagnostics and each target's posterior predictive check.
func WritePosteriorMarkdown(w io.Writer, r PosteriorReport) error {
	p := r.Posterior
	m := p.Model
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Bayesian calibration: %s\n\n", m.Name)
	fmt.Fprintf(bw, "Posterior of %d free parameters of `%s` given %d targets, by Incremental Mixture Importance Sampling "+
		"(IMIS: Raftery and Bao 2010, Biometrics 66:1162; as in DARTH's calibration materials). Priors: %s. Likelihood: binomial for proportions, normal on the log "+
		"scale for medians. Every evaluation simulates the same %d patients (seed %d). %d prior draws, then %d stages of %d; "+
		"%d evaluations in %s. blinasim %s.\n\n", len(p.Free), r.File, len(m.Targets), priorsNote(p), p.Patients, p.Seed, p.Initial, p.Stages, p.Batch,
		p.Evaluations, p.Elapsed.Round(10*time.Millisecond), r.Version)
	if p.Converged {
		fmt.Fprintf(bw, "**Converged:** the resample of %d is expected to hold %.0f distinct points (the stopping rule asks for (1 − 1/e)·J = %.0f). "+
			"Effective sample size of the weights %.0f; largest weight %.3g.\n\n", p.Resample, p.ExpectedUnique, (1-1/2.718281828459045)*float64(p.Resample), p.ESS, p.MaxWeight)
	} else {
		fmt.Fprintf(bw, "**Not converged:** after %d stages the resample of %d is expected to hold only %.0f distinct points; the sample leans on "+
			"few points (effective sample size %.0f, largest weight %.3g). Raise the stages or the prior draws.\n\n", p.Stages, p.Resample, p.ExpectedUnique, p.ESS, p.MaxWeight)
	}
	fmt.Fprintf(bw, "## Posterior\n\n")
	header := []string{"Parameter", "Prior (bounds)", "Posterior mean", "Median (95% interval)", "In model.yaml"}
	writeRow(bw, header)
	writeRule(bw, len(header))
	col := make([]float64, len(p.Sample))
	for i, fp := range p.Free {
		mean := 0.0
		for k, row := range p.Sample {
			col[k] = row[i]
			mean += row[i]
		}
		mean /= float64(len(col))
		b := fit.SampleBand(col)
		prior := priorCell(fp, p.Priors[i])
		writeRow(bw, []string{"`" + fp.Name + "`", prior, mdParam(mean), fmt.Sprintf("%s (%s to %s)", mdParam(b.Median), mdParam(b.Lower), mdParam(b.Upper)),
			mdParam(p.Best[i])})
	}
	writeDoubleCounting(bw, p)
	fmt.Fprintf(bw, "\n`model.yaml` gives each free parameter the sample as its uncertainty (`dist: sample, group: %s`), so `blinasim run "+
		"model.yaml --psa N` draws whole rows of the posterior (keeping its correlations); its value is the sample's row of largest likelihood. "+
		"posterior.csv has the %d rows.\n", fit.PosteriorGroup, len(p.Sample))
	fmt.Fprintf(bw, "\n## Posterior predictive check\n\n")
	header = []string{"Target", "Published", "Simulated (posterior 95%)", "A new study of its size (95%)", "Covers"}
	writeRow(bw, header)
	writeRule(bw, len(header))
	for _, t := range p.Targets {
		covers := "no"
		if t.Covers {
			covers = "yes"
		}
		writeRow(bw, []string{"`" + t.Target.Name + "`", mdParam(t.Target.Value),
			fmt.Sprintf("%s (%s to %s)", mdParam(t.Predicted.Median), mdParam(t.Predicted.Lower), mdParam(t.Predicted.Upper)),
			fmt.Sprintf("%s (%s to %s)", mdParam(t.Predictive.Median), mdParam(t.Predictive.Lower), mdParam(t.Predictive.Upper)), covers})
	}
	fmt.Fprintf(bw, "\nThe simulated figure across the posterior sample, and the figure a study of the target's size would publish "+
		"(the simulated figure plus the study's sampling error: binomial for proportions, log-normal for medians). %s\n",
		strings.TrimSpace(coverNote(p)))
	return bw.Flush()
}

func coverNote(p *fit.Posterior) string {
	var miss []string
	for _, t := range p.Targets {
		if !t.Covers {
			miss = append(miss, t.Target.Name)
		}
	}
	if len(miss) == 0 {
		return "Every published figure lies in its predictive interval."
	}
	return fmt.Sprintf("Outside their predictive interval: %s: the model cannot reproduce them together with the other targets.", strings.Join(miss, ", "))
}
