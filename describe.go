package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/blinasim/blinasim/model"
)

// describe writes the model as readable tables.
func describe(w io.Writer, m *model.Model) error {
	fmt.Fprintf(w, "%s — %s\n", m.Name, m.Title)
	if d := strings.TrimSpace(m.Description); d != "" {
		fmt.Fprintf(w, "%s\n", d)
	}
	cohort := ""
	if m.Cohort > 0 {
		cohort = fmt.Sprintf("; cohort: %d", m.Cohort)
	}
	fmt.Fprintf(w, "time unit: %s; horizon: %g; landmarks: %v%s\n\n", m.Unit, m.Horizon, m.Landmarks, cohort)

	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATE\tINITIAL\tEXIT\tTO\tDISTRIBUTION\tCLOCK\tHR\tTR")
	for _, s := range m.States {
		if s.Absorbing() {
			fmt.Fprintf(tw, "%s\t%s\t(absorbing)\t\t\t\t\t\n", s.Name, s.Initial)
			continue
		}
		for i, e := range s.Exits {
			name, init := "", ""
			if i == 0 {
				name, init = s.Name, s.Initial.String()
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, init, e.ExitName(), destinations(e),
				distString(e.Dist), e.Clock, optQ(e.HazardRatio), optQ(e.TimeRatio))
		}
	}
	tw.Flush()
	describeAttributes(w, m)

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ENDPOINT\tKIND\tSTART\tEVENTS\tCOMPETING\tRMST TO\tTITLE")
	for _, e := range m.AllEndpoints() {
		start := strings.Join(e.Start, ", ")
		if start == "" {
			start = "(simulation start)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Name, e.Kind, start, strings.Join(e.Events, ", "),
			strings.Join(e.Competing, ", "), strconv.FormatFloat(m.TauOf(e), 'g', 6, 64), e.Title)
	}
	tw.Flush()

	if len(m.Parameters) > 0 {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "PARAMETER\tVALUE\tUNCERTAINTY\tSOURCE")
		vals := m.Values()
		for _, p := range m.Parameters {
			unc := "fixed"
			if p.Uncertainty != nil {
				unc = fmt.Sprintf("%s(%g, %g)", p.Uncertainty.Family, p.Uncertainty.A, p.Uncertainty.B)
				switch p.Uncertainty.Family {
				case model.UncFixed:
					unc = "fixed"
				case model.UncSample:
					unc = fmt.Sprintf("sample(%d values, mean %.4g; group %s)", len(p.Uncertainty.Sample.Values), p.Uncertainty.Mean(), p.Uncertainty.Group)
				case model.UncDirichlet:
					unc = fmt.Sprintf("dirichlet(%g; group %s)", p.Uncertainty.A, p.Uncertainty.Group)
				}
			}
			if p.IsDerived() {
				unc = "derived (below)"
			}
			fmt.Fprintf(tw, "%s\t%g\t%s\t%s\n", p.Name, vals[p.Name], unc, p.Source)
		}
		tw.Flush()
		describeDerived(w, m)
	}
	if len(m.Targets) > 0 {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "TARGET\tMEASURE\tOF\tTIME\tVALUE\tN\tSOURCE")
		for _, t := range m.Targets {
			of, tm := t.Of(), fmt.Sprint(t.Time)
			if t.Measure == model.MeasureMedian || t.Measure == model.MeasureShareEntering && t.Time == 0 {
				tm = ""
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%g\t%d\t%s\n", t.Name, t.Measure, of, tm, t.Value, t.N, t.Source)
		}
		tw.Flush()
	}
	if c := m.Calibrate; c != nil {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "FREE PARAMETER\tLOWER\tUPPER\tSCALE")
		for _, f := range c.Parameters {
			fmt.Fprintf(tw, "%s\t%g\t%g\t%s\n", f.Name, f.Lower, f.Upper, f.Scale())
		}
		tw.Flush()
	}
	describeSensitivity(w, m)
	return nil
}

// describeSensitivity writes the model's sensitivity section: the outcome
// `blinasim sensitivity` records, declared bounds and sweeps.
func describeSensitivity(w io.Writer, m *model.Model) {
	s := m.Sensitivity
	if s.IsZero() {
		return
	}
	o := m.DefaultOutcome().String() + " (default)"
	if s.Outcome != nil {
		o = s.Outcome.String()
	}
	fmt.Fprintf(w, "\nsensitivity outcome: %s\n", o)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SENSITIVITY\tPARAMETER\tVALUES")
	for _, b := range s.Parameters {
		fmt.Fprintf(tw, "bounds\t%s\t%.4g to %.4g\n", b.Name, b.Low, b.High)
	}
	for _, sw := range s.Sweeps {
		for _, a := range sw.Axes {
			vals := fmt.Sprintf("%.4g to %.4g, %d values", a.From, a.To, a.Steps)
			if len(a.Values) > 0 {
				vs := make([]string, len(a.Values))
				for i, x := range a.Values {
					vs[i] = fmt.Sprintf("%.4g", x)
				}
				vals = strings.Join(vs, ", ")
			}
			fmt.Fprintf(tw, "sweep %s\t%s\t%s\n", sw.Name, a.Name, vals)
		}
	}
	tw.Flush()
}

func destinations(e model.Exit) string {
	if e.To != "" {
		return e.To
	}
	parts := make([]string, len(e.Branch))
	for i, a := range e.Branch {
		p := a.Prob.String()
		if a.Rest {
			p = "rest"
		}
		parts[i] = fmt.Sprintf("%s %s", a.To, p)
	}
	return strings.Join(parts, " | ")
}

func distString(d model.DistSpec) string {
	var args []string
	d.Quantities(func(key string, q model.Quantity) { args = append(args, key+"="+q.String()) })
	return fmt.Sprintf("%s(%s)", d.Family, strings.Join(args, ", "))
}

func optQ(q *model.Quantity) string {
	if q == nil {
		return "1"
	}
	return q.String()
}
