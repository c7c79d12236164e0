package report

import (
	"context"
	"encoding/csv"
	"errors"
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
	// Warn receives warnings (a figure left out, stale temporary folders
	// removed); nil: none.
	Warn io.Writer
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
	return writeDir(ctx, dir, r.files(), force, r.Warn)
}

// files lists the trial run's output files in the order they are written.
func (r TrialRun) files() []file {
	set := r.Figures.withDefaults()
	files := []file{
		{name: "trial.yaml", write: func(w io.Writer) error { _, err := w.Write(r.TrialYAML); return err }},
		{name: "model.yaml", write: func(w io.Writer) error { _, err := w.Write(r.ModelYAML); return err }},
		{name: "power.csv", write: func(w io.Writer) error { return writePowerCSV(w, r) }},
		{name: "trials.csv", write: func(w io.Writer) error { return writeTrialsCSV(w, r) }},
		{name: "patients.csv", write: func(w io.Writer) error { return WritePatientsCSV(w, r.Trial.ArmNames, r.States, r.Example) }},
	}
	if r.Assurance != nil {
		files = append(files, file{name: "assurance.csv", write: func(w io.Writer) error { return writeAssuranceCSV(w, r.Assurance) }})
	}
	files = append(files, figureFiles("power_curve", set, func() (*figure, error) { return powerFigure(r, set) })...)
	files = append(files, figureFiles("km", set, func() (*figure, error) { return kmFigure(r, set) })...)
	return append(files,
		file{name: "summary.md", write: func(w io.Writer) error { return WriteTrialMarkdown(w, r) }},
		file{name: "manifest.json", write: func(w io.Writer) error { return writeJSON(w, r.Manifest) }})
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
