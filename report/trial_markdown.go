package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/blinasim/blinasim/sim"
)

// WriteTrialMarkdown writes the trial run's summary: the design, then power
// per sample size with its Monte Carlo SE, and the distributions of the
// hazard ratio, events and study duration.
func WriteTrialMarkdown(w io.Writer, r TrialRun) error {
	t := r.Trial
	u := t.Arms[0].Model.Unit
	units := plural(u.String())
	title := r.Title
	if title == "" {
		title = r.Name
	}
	ep := r.EndpointTitle
	if ep == "" {
		ep = t.Endpoint
	}
	fmt.Fprintf(w, "# Simulated trial: %s\n\n", title)
	fmt.Fprintf(w, "%s vs %s (control), allocation %s; endpoint %s, from randomisation. ", strings.Join(t.ArmNames[1:], ", "),
		t.ArmNames[0], joinInts(t.Allocation, ":"), ep)
	fmt.Fprintf(w, "Accrual %s; dropout hazard %s per %s; analysis %s. ", accrualWords(t.Accrual, units), formatNumber(t.Dropout), u, analysisWords(t.Analysis, units))
	sides := "two-sided"
	if t.OneSided {
		sides = "one-sided (a benefit of the arm against the control)"
	}
	fmt.Fprintf(w, "Log-rank test, %s, α = %s; hazard ratio arm/%s from the Cox model (Efron ties)", sides, formatNumber(t.Alpha), t.ArmNames[0])
	if t.Comparisons() > 1 {
		fmt.Fprintf(w, "; each arm is compared with %s on the two arms' patients, at α each (no multiplicity adjustment)", t.ArmNames[0])
	}
	fmt.Fprint(w, ".\n\n")
	fmt.Fprintf(w, "%s simulated trials per design, seed %d. Power ± its Monte Carlo SE; other figures are the median (2.5–97.5 percentiles) across trials.\n\n", groupThousands(r.Trials), r.Seed)
	multi := t.Comparisons() > 1
	head := []string{"N", "power (log-rank)", "power (Cox Wald)", "hazard ratio", "events", "study duration (" + units + ")"}
	if t.Analysis.Events > 0 {
		head = append(head, "reached D (%)")
	}
	if t.RMST > 0 {
		head = append(head, "RMST diff. to "+formatNumber(t.RMST)+" "+units, "power (RMST)")
	}
	if multi {
		head = append([]string{head[0], "arm"}, head[1:]...)
	}
	writeRow(w, head)
	writeRule(w, len(head))
	for _, s := range r.Summaries {
		row := []string{strconv.Itoa(s.Size), pm(s.Power), pm(s.CoxPower),
			fmt.Sprintf("%.3f (%.3f–%.3f)", s.HR.Median, s.HR.Lower, s.HR.Upper),
			fmt.Sprintf("%.0f (%.0f–%.0f)", s.Events.Median, s.Events.Lower, s.Events.Upper),
			fmt.Sprintf("%.1f (%.1f–%.1f)", s.Duration.Median, s.Duration.Lower, s.Duration.Upper)}
		if t.Analysis.Events > 0 {
			row = append(row, mdPercent(s.Reached.Value))
		}
		if t.RMST > 0 {
			row = append(row, fmt.Sprintf("%.2f (%.2f–%.2f)", s.RMSTDiff.Median, s.RMSTDiff.Lower, s.RMSTDiff.Upper), pm(s.RMSTPower))
		}
		if multi {
			row = append([]string{row[0], s.Arm}, row[1:]...)
		}
		writeRow(w, row)
	}
	if a := r.Assurance; a != nil {
		fmt.Fprintf(w, "\n## Assurance\n\nPower averaged over %d parameter draws (%s trials each, the same trials in every draw), ± its SE across draws, and the power band: the median and 2.5–97.5 percentiles of the draws' power.\n\n",
			a.Draws, groupThousands(a.TrialsPerDraw))
		writeRow(w, []string{"N", "arm", "assurance", "power band"})
		writeRule(w, 4)
		for _, d := range a.Designs {
			writeRow(w, []string{strconv.Itoa(d.Size), d.Arm, fmt.Sprintf("%.3f ± %.3f", d.Assurance, d.SE),
				fmt.Sprintf("%.3f (%.3f–%.3f)", d.Band.Median, d.Band.Lower, d.Band.Upper)})
		}
	}
	ex := r.Example
	fmt.Fprintf(w, "\nExample trial %d (N = %d, patients.csv, km figure): analysed %.1f %s after the first enrolment; %s. Kaplan-Meier median %s (%s): %s.\n",
		ex.Trial, ex.Size, ex.Analysis, units, exampleResults(r, "%s: %d events, log-rank z = %.3f, HR %.3f"), t.Endpoint, units, exampleMedians(r))
	return nil
}

// exampleResults writes each comparison of the example trial with format
// (arm, events, z, HR), joined by "; ".
func exampleResults(r TrialRun, format string) string {
	var parts []string
	for c, o := range r.Example.Outcomes {
		parts = append(parts, fmt.Sprintf(format, r.Trial.ArmNames[c+1], o.Events, o.LogRankZ, math.Exp(o.LogHR)))
	}
	return strings.Join(parts, "; ")
}

// exampleMedians writes each arm's Kaplan-Meier median in the example trial
// ("not reached" when the curve stays above 0.5).
func exampleMedians(r TrialRun) string {
	recs := make([]sim.TrialRecord, len(r.Example.Patients))
	for i, p := range r.Example.Patients {
		recs[i] = p.TrialRecord
	}
	sim.SortRecords(recs)
	var parts []string
	for a, name := range r.Trial.ArmNames {
		m := sim.KMMedian(sim.KaplanMeier(recs, uint8(a)))
		v := "not reached"
		if finite(m) {
			v = fmt.Sprintf("%.1f", m)
		}
		parts = append(parts, name+" "+v)
	}
	return strings.Join(parts, ", ")
}

func pm(s sim.Share) string {
	if s.N == 0 {
		return na
	}
	return fmt.Sprintf("%.3f ± %.3f", s.Value, s.SE)
}

func joinInts(xs []int, sep string) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, sep)
}

func accrualWords(a sim.Accrual, units string) string {
	s := ""
	if a.Period > 0 {
		s = "uniform over " + formatNumber(a.Period) + " " + units
	} else {
		s = formatNumber(a.Rate) + " patients per " + strings.TrimSuffix(units, "s")
	}
	if a.Ramp > 0 {
		s += ", ramping up over the first " + formatNumber(a.Ramp) + " " + units
	}
	return s
}

func analysisWords(a sim.Analysis, units string) string {
	if a.Events > 0 {
		return "at the " + ordinal(a.Events) + " event"
	}
	return formatNumber(a.Time) + " " + units + " after the first enrolment"
}

func ordinal(n int) string {
	suf := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suf = "st"
	case n%10 == 2:
		suf = "nd"
	case n%10 == 3:
		suf = "rd"
	}
	return strconv.Itoa(n) + suf
}
