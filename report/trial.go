package report

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"

	"github.com/blinasim/blinasim/sim"
)

// TrialRun is what WriteTrial renders: the simulated trials of a design and
// what reproduces them.
type TrialRun struct {
	Name, Title   string
	Trial         *sim.Trial
	EndpointTitle string // the endpoint's readable title ("" : its name)
	Trials        int
	Seed          uint64
	Summaries     []sim.DesignSummary
	Outcomes      *sim.TrialOutcomes
	Assurance     *sim.Assurance // nil without a PSA
	Example       *sim.TrialData // the exported trial (patients.csv, km figure)
	States        [][]string     // per arm, its model's state names, for the patients' paths
	TrialYAML     []byte         // the trial file as read
	ModelYAML     []byte         // the arms' resolved models
	Manifest      Manifest
	Figures       Figures
}

// WriteTrial writes a trial run's outputs into dir (see Write for how the
// folder is chosen and written atomically) and returns the folder used.
func WriteTrial(ctx context.Context, dir string, r TrialRun, force bool) (string, error) {
	if r.Trial == nil || r.Outcomes == nil || len(r.Summaries) == 0 || r.Example == nil {
		return "", errors.New("report: incomplete trial run")
	}
	m := &r.Manifest
	if m.Program == "" {
		m.Program = DefaultProgram
	}
	m.GoVersion, m.Platform = runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH
	m.Seed, m.Scenarios, m.ModelHash = r.Seed, r.Trial.ArmNames, ModelHash(r.ModelYAML)
	set := r.Figures.withDefaults()
	files := []file{
		{"trial.yaml", func(w io.Writer) error { _, err := w.Write(r.TrialYAML); return err }},
		{"model.yaml", func(w io.Writer) error { _, err := w.Write(r.ModelYAML); return err }},
		{"power.csv", func(w io.Writer) error { return writePowerCSV(w, r) }},
		{"trials.csv", func(w io.Writer) error { return writeTrialsCSV(w, r) }},
		{"patients.csv", func(w io.Writer) error { return WritePatientsCSV(w, r.Trial.ArmNames, r.States, r.Example) }},
	}
	if r.Assurance != nil {
		files = append(files, file{"assurance.csv", func(w io.Writer) error { return writeAssuranceCSV(w, r.Assurance) }})
	}
	files = append(files, figureFiles("power_curve", set, func() (*figure, error) { return powerFigure(r, set) })...)
	files = append(files, figureFiles("km", set, func() (*figure, error) { return kmFigure(r, set) })...)
	files = append(files,
		file{"summary.md", func(w io.Writer) error { return WriteTrialMarkdown(w, r) }},
		file{"manifest.json", func(w io.Writer) error { return writeJSON(w, r.Manifest) }})
	return writeDir(ctx, dir, files, force)
}

// powerHeader is power.csv's header: one row per design (sample size) and
// comparison (arm against the control).
var powerHeader = []string{"size", "arm", "trials", "power", "power_se", "cox_power", "cox_power_se", "rmst_power", "rmst_power_se",
	"reached", "hr_median", "hr_lower", "hr_upper", "hr_infinite", "events_mean", "events_median", "events_lower", "events_upper",
	"enrolled_mean", "duration_mean", "duration_median", "duration_lower", "duration_upper",
	"rmst_diff_mean", "rmst_diff_lower", "rmst_diff_upper"}

func writePowerCSV(w io.Writer, r TrialRun) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(powerHeader); err != nil {
		return err
	}
	for _, s := range r.Summaries {
		rp, rse := math.NaN(), math.NaN()
		if s.RMSTPower.N > 0 {
			rp, rse = s.RMSTPower.Value, s.RMSTPower.SE
		}
		row := []string{strconv.Itoa(s.Size), s.Arm, strconv.Itoa(s.Trials)}
		for _, x := range []float64{s.Power.Value, s.Power.SE, s.CoxPower.Value, s.CoxPower.SE, rp, rse, s.Reached.Value,
			s.HR.Median, s.HR.Lower, s.HR.Upper, float64(s.Infinite), s.Events.Mean, s.Events.Median, s.Events.Lower, s.Events.Upper,
			s.Enrolled.Mean, s.Duration.Mean, s.Duration.Median, s.Duration.Lower, s.Duration.Upper,
			s.RMSTDiff.Mean, s.RMSTDiff.Lower, s.RMSTDiff.Upper} {
			row = append(row, formatNumber(x))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// trialsHeader is trials.csv's header: one row per trial, design and
// comparison (arm against the control), the
// full precision of each analysis (for R: hist(exp(log_hr)), ...).
var trialsHeader = []string{"trial", "size", "arm", "enrolled", "events", "duration", "reached", "logrank_z", "log_hr", "se_log_hr",
	"rmst_diff", "rmst_se", "rejected"}

func writeTrialsCSV(w io.Writer, r TrialRun) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(trialsHeader); err != nil {
		return err
	}
	o := r.Outcomes
	crit := r.Trial.Critical()
	for j := o.Range.Lo; j < o.Range.Hi; j++ {
		for d, size := range r.Trial.Sizes {
			for c := range o.Comparisons {
				x := o.At(j, d, c)
				row := []string{strconv.Itoa(j), strconv.Itoa(size), r.Trial.ArmNames[c+1], strconv.Itoa(int(x.Enrolled)),
					strconv.Itoa(int(x.Events)), exact(x.Duration), strconv.FormatBool(x.Reached), exact(x.LogRankZ), exact(x.LogHR),
					exact(x.SE), exact(x.RMSTDiff), exact(x.RMSTSE), strconv.FormatBool(crit.Rejects(x.LogRankZ))}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// exact writes x so that it reads back to the same float64 (NA if not finite).
func exact(x float64) string {
	if !finite(x) {
		return na
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// patientsHeader is patients.csv's header: one row per patient of the
// exported trial, times in model units, status 1 = event (survival's Surv
// convention), path the states from randomisation as state@time;...
var patientsHeader = []string{"id", "arm", "entry", "time", "status", "path"}

// WritePatientsCSV writes a trial's patients as R's survival package reads
// them: read.csv then Surv(time, status) ~ arm. Times are written exactly
// (shortest round-trip form).
func WritePatientsCSV(w io.Writer, arms []string, states [][]string, td *sim.TrialData) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(patientsHeader); err != nil {
		return err
	}
	var b strings.Builder
	for _, p := range td.Patients {
		b.Reset()
		for i, v := range p.Path {
			if i > 0 {
				b.WriteByte(';')
			}
			name := strconv.Itoa(v.State)
			if p.Arm < len(states) && v.State < len(states[p.Arm]) {
				name = states[p.Arm][v.State]
			}
			b.WriteString(name + "@" + strconv.FormatFloat(v.Entry, 'g', -1, 64))
		}
		status := "0"
		if p.Event {
			status = "1"
		}
		row := []string{strconv.Itoa(p.ID), arms[p.Arm], exact(p.Entry), exact(p.Time), status, b.String()}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

var assuranceHeader = []string{"size", "arm", "draws", "trials_per_draw", "assurance", "assurance_se", "power_median", "power_lower", "power_upper"}

func writeAssuranceCSV(w io.Writer, a *sim.Assurance) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(assuranceHeader); err != nil {
		return err
	}
	for _, d := range a.Designs {
		row := []string{strconv.Itoa(d.Size), d.Arm, strconv.Itoa(a.Draws), strconv.Itoa(a.TrialsPerDraw)}
		for _, x := range []float64{d.Assurance, d.SE, d.Band.Median, d.Band.Lower, d.Band.Upper} {
			row = append(row, formatNumber(x))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

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
