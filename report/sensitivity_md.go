package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// maxMatrixSide is the most values per parameter a two-parameter sweep may
// have to be written as a table in sensitivity.md (the CSV has every sweep).
const maxMatrixSide = 12

// writeSensitivityMarkdown writes sensitivity.md: the outcome and its base
// value, the one-way table by swing, and each sweep.
func writeSensitivityMarkdown(w io.Writer, s Sensitivity, label string) error {
	if s.OneWay.Scenario != "" {
		return writeDifferenceMarkdown(w, s)
	}
	bw := bufio.NewWriter(w)
	ow, base := s.OneWay, s.OneWay.BaseResult
	f := outcomeFormat(ow.Outcome)
	fmt.Fprintf(bw, "# %s: sensitivity analysis\n\n", strings.TrimSpace(s.Title))
	f.pastFollowUp = s.pastFollowUp()
	fmt.Fprintf(bw, "Outcome: %s, written `%s`. Every run simulates the same %d patients (seed %d, common random numbers), "+
		"so differences between runs show the parameters, not simulation noise. Base (every parameter at its value): %s.\n",
		label, ow.Outcome, base.Patients, base.Seed, f.estimate(ow.Base))
	if f.pastFollowUp {
		fmt.Fprintf(bw, "\n%s\n", pastFollowUpNote)
	}
	if len(ow.Rows) > 0 {
		fmt.Fprintf(bw, "\n## One-way sensitivity\n\n")
		header := []string{"Parameter", "Value", "Low", "High", "At low", "At high",
			"Change at low (95% CI)", "Change at high (95% CI)", "Swing"}
		writeRow(bw, header)
		writeRule(bw, len(header))
		bounds := false
		for _, r := range ow.Rows {
			name := "`" + r.Parameter + "`"
			if r.Ends == sim.EndsBounds {
				name += " †"
				bounds = true
			}
			writeRow(bw, []string{name, mdParam(r.Value), mdParam(r.Low), mdParam(r.High),
				f.value(r.AtLow.Value), f.value(r.AtHigh.Value), f.diff(r.DiffLow), f.diff(r.DiffHigh), f.swing(r.Swing)})
		}
		fmt.Fprintf(bw, "\nEach parameter at its low and at its high value, every other parameter at its value; "+
			"rows by swing |at high − at low|, the largest first (tornado.png; every figure with its interval in oneway.csv). "+
			"Low and high are the %g%% and %g%% quantiles of the parameter's uncertainty distribution", 100*sim.LowQuantile, 100*sim.HighQuantile)
		if bounds {
			fmt.Fprintf(bw, ", or (†) the bounds given in the model's `sensitivity:` section")
		}
		fmt.Fprintf(bw, ". Changes are from the base on the same patients%s; intervals are Monte Carlo only.\n", f.diffNote)
	}
	for _, sw := range s.Sweeps {
		writeSweepMarkdown(bw, sw, f)
	}
	return bw.Flush()
}

// writeSweepMarkdown writes a sweep's section: a table of the outcome by
// value, or for two parameters a matrix (if small enough).
func writeSweepMarkdown(w io.Writer, sw *sim.SweepResult, f outcomeFormatter) {
	fmt.Fprintf(w, "\n## Sweep: %s\n\n", sw.Name)
	if len(sw.Parameters) == 1 {
		header := []string{"`" + sw.Parameters[0] + "`", "Outcome (95% CI)"}
		writeRow(w, header)
		writeRule(w, len(header))
		for k, e := range sw.Cells {
			writeRow(w, []string{mdParam(sw.Values[0][k]), f.estimate(e)})
		}
		fmt.Fprintf(w, "\nEvery other parameter at its value; the model's own `%s` is %s. Figure: sweep_%s.png; data: sweep_%s.csv.\n",
			sw.Parameters[0], mdParam(sw.Base[0]), sw.Name, sw.Name)
		return
	}
	xs, ys := sw.Values[0], sw.Values[1]
	if len(xs) <= maxMatrixSide && len(ys) <= maxMatrixSide {
		header := []string{"`" + sw.Parameters[0] + "` \\ `" + sw.Parameters[1] + "`"}
		for _, y := range ys {
			header = append(header, mdParam(y))
		}
		writeRow(w, header)
		writeRule(w, len(header))
		for i, x := range xs {
			row := []string{mdParam(x)}
			for j := range ys {
				row = append(row, f.value(sw.At(i, j).Value))
			}
			writeRow(w, row)
		}
		fmt.Fprintf(w, "\nRows: `%s`; columns: `%s`. ", sw.Parameters[0], sw.Parameters[1])
	} else {
		fmt.Fprintf(w, "%d × %d grid: `%s` from %s to %s, `%s` from %s to %s. ", len(xs), len(ys),
			sw.Parameters[0], mdParam(xs[0]), mdParam(xs[len(xs)-1]), sw.Parameters[1], mdParam(ys[0]), mdParam(ys[len(ys)-1]))
	}
	fmt.Fprintf(w, "Every other parameter at its value; the model's own `%s` is %s and `%s` %s. Heat map: sweep_%s.png; "+
		"data with Monte Carlo intervals: sweep_%s.csv.\n", sw.Parameters[0], mdParam(sw.Base[0]), sw.Parameters[1], mdParam(sw.Base[1]), sw.Name, sw.Name)
}

// mdParam writes a parameter value with 4 significant digits.
func mdParam(x float64) string {
	if !finite(x) {
		return na
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

// outcomeFormatter writes an outcome's figures: probabilities as
// percentages (differences in percentage points), times with the decimals
// that show them to 3 significant digits.
type outcomeFormatter struct {
	probability bool
	diffNote    string
	// pastFollowUp writes every figure as not estimable: the outcome lies
	// past the end of follow-up (outcomePastFollowUp).
	pastFollowUp bool
}

func outcomeFormat(o model.Outcome) outcomeFormatter {
	if o.AtTime() {
		return outcomeFormatter{probability: true, diffNote: ", in percentage points, with paired intervals where the endpoint starts at time 0"}
	}
	return outcomeFormatter{diffNote: ", with paired intervals where the endpoint starts at time 0"}
}

func (f outcomeFormatter) estimate(e sim.Estimate) string {
	if f.pastFollowUp {
		return notEstimable
	}
	if f.probability {
		return mdProbability(e.Value, e.Lower, e.Upper)
	}
	return mdEstimate(e.Value, e.Lower, e.Upper)
}

func (f outcomeFormatter) value(x float64) string {
	if f.pastFollowUp {
		return notEstimable
	}
	if f.probability {
		if !finite(x) {
			return na
		}
		return mdPercent(x) + "%"
	}
	return mdFixed(x, timeDecimals(x))
}

func (f outcomeFormatter) diff(d sim.Difference) string {
	if f.pastFollowUp {
		return notEstimable
	}
	if f.probability {
		return mdSigned(d.Value, d.Lower, d.Upper, 100, 1)
	}
	return mdSigned(d.Value, d.Lower, d.Upper, 1, timeDecimals(d.Value))
}

func (f outcomeFormatter) swing(x float64) string {
	switch {
	case f.pastFollowUp:
		return notEstimable
	case !finite(x):
		return na
	case f.probability:
		return strconv.FormatFloat(100*x, 'f', 1, 64) + " pp"
	}
	return mdFixed(x, timeDecimals(x))
}
