package report

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// trialRun simulates a small trial of two exponential arms and returns it as
// WriteTrial takes it.
func trialRun(t *testing.T, psa bool) TrialRun {
	t.Helper()
	var arms []*sim.Program
	for _, rate := range []float64{0.05, 0.035} {
		r := model.Num(rate)
		if psa {
			r = model.Ref("r")
		}
		m := &model.Model{Name: "exp", Unit: model.Month, Horizon: 60, States: []model.State{
			{Name: "alive", Initial: model.Num(1), Exits: []model.Exit{{To: "dead", Dist: model.DistSpec{Family: model.FamExponential, Rate: &r}}}},
			{Name: "dead"}}}
		if psa {
			m.Parameters = []model.Parameter{{Name: "r", Value: rate, Source: "assumption: test",
				Uncertainty: &model.Uncertainty{Family: model.UncUniform, A: 0.8 * rate, B: 1.2 * rate}}}
		}
		p, err := sim.Compile(m, nil)
		if err != nil {
			t.Fatal(err)
		}
		arms = append(arms, p)
	}
	tr := &sim.Trial{Arms: arms, ArmNames: []string{"control", "treated"}, Allocation: []int{1, 1}, Sizes: []int{40, 80},
		Accrual: sim.Accrual{Period: 12}, Analysis: sim.Analysis{Time: 36}, Endpoint: "os", Alpha: 0.05, RMST: 24}
	o, err := tr.Simulate(context.Background(), sim.TrialRange{Lo: 0, Hi: 30}, sim.TrialOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := tr.Data(context.Background(), 1, 2, 80)
	if err != nil {
		t.Fatal(err)
	}
	run := TrialRun{Name: "t", Trial: tr, Trials: 30, Seed: 1, Summaries: tr.Summarise(o), Outcomes: o, Example: ex,
		States: [][]string{{"alive", "dead"}, {"alive", "dead"}}, TrialYAML: []byte("trial: {}\n"), ModelYAML: []byte("name: exp\n")}
	if psa {
		if run.Assurance, err = tr.Assurance(context.Background(), 3, 10, sim.TrialOptions{Seed: 1}); err != nil {
			t.Fatal(err)
		}
	}
	return run
}

// TestKMFigurePlotsTheTrial: the Kaplan-Meier figure's step lines end at
// the arms' Kaplan-Meier values, and its number-at-risk table starts with
// each arm's patients.
func TestKMFigurePlotsTheTrial(t *testing.T) {
	r := trialRun(t, false)
	f, err := kmFigure(r, Figures{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	var recs []sim.TrialRecord
	for _, p := range r.Example.Patients {
		recs = append(recs, p.TrialRecord)
	}
	sim.SortRecords(recs)
	for a, pl := range f.lines {
		km := sim.KaplanMeier(recs, uint8(a))
		xy := pl.line.XYs
		if got, want := xy[len(xy)-1].Y, km[len(km)-1].Surv; math.Abs(got-want) > 1e-15 {
			t.Errorf("arm %d: curve ends at %v, Kaplan-Meier %v", a, got, want)
		}
		if f.table.rows[a].counts[0] != 40 {
			t.Errorf("arm %d: %d at risk at time 0, want 40", a, f.table.rows[a].counts[0])
		}
	}
}

// TestWriteTrial writes every file, draws both figures in every format, and
// the power curve with a PSA has the assurance's entries.
func TestWriteTrial(t *testing.T) {
	r := trialRun(t, true)
	r.Figures = Figures{Formats: []string{"png", "svg", "pdf"}}
	dir := filepath.Join(t.TempDir(), "out")
	final, err := WriteTrial(context.Background(), dir, r, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"power.csv", "trials.csv", "patients.csv", "assurance.csv", "summary.md", "manifest.json",
		"km.png", "km.svg", "km.pdf", "power_curve.png", "power_curve.svg", "power_curve.pdf"} {
		if st, err := os.Stat(filepath.Join(final, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: missing or empty (%v)", f, err)
		}
	}
	f, err := powerFigure(r, r.Figures.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, e := range f.legend {
		labels = append(labels, e.label)
	}
	if got := strings.Join(labels, "|"); !strings.Contains(got, "Assurance") || !strings.Contains(got, "80% power") {
		t.Errorf("power curve legend: %s", got)
	}
	var b bytes.Buffer
	if err := WriteTrialMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	if s := b.String(); !strings.Contains(s, "| 40 | ") || !strings.Contains(s, "## Assurance") || !strings.Contains(s, "RMST diff. to 24 months") {
		t.Errorf("summary.md:\n%s", s)
	}
}

// TestTrialMarkdownThreeArms: with three arms every table row names the arm
// compared with the control, and the example names each comparison.
func TestTrialMarkdownThreeArms(t *testing.T) {
	var arms []*sim.Program
	for _, rate := range []float64{0.05, 0.04, 0.03} {
		r := model.Num(rate)
		p, err := sim.Compile(&model.Model{Name: "exp", Unit: model.Month, Horizon: 60, States: []model.State{
			{Name: "alive", Initial: model.Num(1), Exits: []model.Exit{{To: "dead", Dist: model.DistSpec{Family: model.FamExponential, Rate: &r}}}},
			{Name: "dead"}}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		arms = append(arms, p)
	}
	tr := &sim.Trial{Arms: arms, ArmNames: []string{"control", "mid", "best"}, Allocation: []int{1, 1, 1}, Sizes: []int{30, 60},
		Accrual: sim.Accrual{Period: 12}, Analysis: sim.Analysis{Events: 25}, Endpoint: "os", Alpha: 0.05}
	o, err := tr.Simulate(context.Background(), sim.TrialRange{Lo: 0, Hi: 20}, sim.TrialOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := tr.Data(context.Background(), 1, 0, 60)
	if err != nil {
		t.Fatal(err)
	}
	r := TrialRun{Name: "t", Trial: tr, Trials: 20, Seed: 1, Summaries: tr.Summarise(o), Outcomes: o, Example: ex}
	var b bytes.Buffer
	if err := WriteTrialMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{"| N | arm |", "| 30 | mid |", "| 30 | best |", "| 60 | best |", "mid: ", "best: ", "at the 25th event"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary.md lacks %q:\n%s", want, s)
		}
	}
	if _, err := powerFigure(r, Figures{}.withDefaults()); err != nil {
		t.Fatal(err)
	}
	f, err := kmFigure(r, Figures{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.lines) != 3 || len(f.table.rows) != 3 {
		t.Errorf("%d curves and %d number-at-risk rows, want 3", len(f.lines), len(f.table.rows))
	}
}
