package report

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// TestCurvesFiles: one scenario gives one figure of each kind with every
// endpoint; several give survival.* for the first survival endpoint and
// survival_<endpoint>.* for each further one (likewise incidence and the PSA's),
// in every format.
func TestCurvesFiles(t *testing.T) {
	a, b := fineResult("base", 20), fineResult("better", 30) // os, efs survival; cir incidence
	names := func(fs []file) string {
		var out []string
		for _, f := range fs {
			out = append(out, f.name)
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		name    string
		results []*sim.Result
		stem    string
		kind    model.EndpointKind
		want    string
	}{
		{"one scenario", []*sim.Result{a}, "survival", model.Survival, "survival.png survival.svg"},
		{"one scenario, incidence", []*sim.Result{a}, "incidence", model.Incidence, "incidence.png incidence.svg"},
		{"two", []*sim.Result{a, b}, "survival", model.Survival, "survival.png survival.svg survival_efs.png survival_efs.svg"},
		{"two, incidence", []*sim.Result{a, b}, "incidence", model.Incidence, "incidence.png incidence.svg"},
		{"two PSAs", psaResults([]*sim.Result{a, b}, []*sim.PSA{psaOf(a), psaOf(b)}), "psa_survival", model.Survival,
			"psa_survival.png psa_survival.svg psa_survival_efs.png psa_survival_efs.svg"},
		{"one PSA of two", psaResults([]*sim.Result{a, b}, []*sim.PSA{nil, psaOf(b)}), "psa_survival", model.Survival,
			"psa_survival.png psa_survival.svg"},
	} {
		fr := newFigureRun(runOf(Figures{}, a, b))
		if got := names(fr.curvesFiles(tc.stem, tc.results, tc.kind, "", mcBandNote)); got != tc.want {
			t.Errorf("%s: files %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestOverlayTargets: in an overlay the base scenario's published figures are
// drawn in its colour, once: a later scenario's identical figures are not
// drawn again, its own ones are, in its colour.
func TestOverlayTargets(t *testing.T) {
	a, b := fineResult("base", 20), fineResult("better", 30)
	os12 := model.Target{Name: "os12", Measure: model.MeasureSurvival, Endpoint: "os", Time: 12, Value: 0.55, N: 64}
	os24 := model.Target{Name: "os24", Measure: model.MeasureSurvival, Endpoint: "os", Time: 24, Value: 0.5, N: 40}
	efs := model.Target{Name: "efs12", Measure: model.MeasureSurvival, Endpoint: "efs", Time: 12, Value: 0.7, N: 64}
	a.Targets = []sim.TargetResult{{Target: os12}, {Target: efs}}
	b.Targets = []sim.TargetResult{{Target: os12}, {Target: efs}, {Target: os24}}
	results := []*sim.Result{a, b}
	fr := newFigureRun(runOf(Figures{}, results...))
	for _, tc := range []struct {
		endpoint string
		want     []model.Target
		colours  []color.Color
	}{
		{"os", []model.Target{os12, os24}, []color.Color{palette[0], palette[1]}},
		{"efs", []model.Target{efs}, []color.Color{palette[0]}},
	} {
		f, err := fr.curves(results, model.Survival, tc.endpoint, "", mcBandNote)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.marks.targets) != len(tc.want) {
			t.Fatalf("%s: %d targets drawn, want %d", tc.endpoint, len(f.marks.targets), len(tc.want))
		}
		for i, tg := range tc.want {
			m := f.marks.targets[i]
			if m.x != tg.Time || m.y != tg.Value || m.colour != tc.colours[i] {
				t.Errorf("%s: target %s drawn at (%v, %v) in %v, want (%v, %v) in %v", tc.endpoint, tg.Name, m.x, m.y, m.colour,
					tg.Time, tg.Value, tc.colours[i])
			}
		}
	}
}

// TestOverlayLandmarkLabels: drawn on a recording canvas, an overlay labels
// the landmark values of its first maxLabelledScenarios scenarios (each in
// its scenario's colour, as the value of one of its landmarks) and no later
// one's; no two labels overlap. Two scenarios whose curves lie apart have
// every value labelled.
func TestOverlayLandmarkLabels(t *testing.T) {
	many := manyScenarios()
	for _, tc := range []struct {
		name    string
		results []*sim.Result
		set     Figures
		all     bool // every landmark labelled
	}{
		{"two scenarios", []*sim.Result{fineResult("base", 20), fineResult("better", 30)}, Figures{}, true},
		{"five scenarios", many[:5], Figures{}, false},
		{"20 scenarios, double column", many, Figures{Width: 183 * vg.Millimeter, Height: 150 * vg.Millimeter}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fr := newFigureRun(runOf(tc.set, tc.results...))
			f, err := fr.curves(tc.results, model.Survival, "os", fr.title, mcBandNote)
			if err != nil {
				t.Fatal(err)
			}
			values := map[color.Color][]string{} // a labelled scenario's colour → its landmark values
			for si, r := range tc.results[:min(maxLabelledScenarios, len(tc.results))] {
				for _, l := range r.Endpoints[0].Landmarks {
					values[palette[si]] = append(values[palette[si]], percent(l.Value))
				}
			}
			labels := recordLabels(t, f, tc.set)
			n := 0
			for i, l := range labels {
				if !slices.Contains(values[l.colour], l.text) {
					t.Errorf("label %q in %v is not a landmark of a labelled scenario", l.text, l.colour)
				}
				for _, o := range labels[:i] {
					if overlapsAny(l.box, []vg.Rectangle{o.box}) {
						t.Errorf("labels %q at %v and %q at %v overlap", l.text, l.box, o.text, o.box)
					}
				}
				n++
			}
			if tc.all && n != 2*len(tc.results) {
				t.Errorf("%d labels drawn, want each scenario's 2 landmarks", n)
			}
			if n == 0 {
				t.Error("no landmark labelled")
			}
		})
	}
}

// label is a landmark label as drawn: its text, colour and box (baseline up
// to the ascent).
type label struct {
	text   string
	colour color.Color
	box    vg.Rectangle
}

// recordLabels draws f on a recording canvas and returns the percentages it
// wrote inside the data area: the landmark labels.
func recordLabels(t *testing.T, f *figure, set Figures) []label {
	t.Helper()
	c := testCanvas(set)
	l, err := f.layout(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.draw(c); err != nil {
		t.Fatal(err)
	}
	var out []label
	var col color.Color
	for _, a := range c.Canvas.(*recorder.Canvas).Actions {
		switch a := a.(type) {
		case *recorder.SetColor:
			col = a.Color
		case *recorder.FillString:
			if !strings.HasSuffix(a.String, "%") || a.Point.Y < l.data.Min.Y || a.Point.Y > l.data.Max.Y {
				continue
			}
			sty := f.style.text(a.Size, 0, 0)
			box := vg.Rectangle{Min: a.Point, Max: vg.Point{X: a.Point.X + sty.Width(a.String), Y: a.Point.Y + sty.FontExtents().Ascent}}
			out = append(out, label{a.String, col, box})
		}
	}
	return out
}

// TestOverlayAxis: an overlay's probability axis names its endpoint, by its
// title (cut to the data area's height when drawn, the full title being in
// summary.md) or else its name; the caption of one scenario's figure in a run
// of several (a PSA of one scenario) names the scenario.
func TestOverlayAxis(t *testing.T) {
	a, b := testResult(), testResult() // os "Overall survival", cir "Cumulative incidence of relapse"
	b.Scenario = "other"
	long := strings.Repeat("Relapse-free survival from CR/CRh with complete MRD response ", 3)
	a.Endpoints[0].Title, b.Endpoints[0].Title = long, long
	c, d := fineResult("base", 20), fineResult("better", 30) // no titles
	for _, tc := range []struct {
		name     string
		results  []*sim.Result
		kind     model.EndpointKind
		endpoint string
		want     string
	}{
		{"title", []*sim.Result{a, b}, model.Incidence, "cir", "Cumulative incidence of relapse"},
		{"long title", []*sim.Result{a, b}, model.Survival, "os", long},
		{"no title", []*sim.Result{c, d}, model.Survival, "efs", "Survival probability (efs)"},
		{"no title, incidence", []*sim.Result{c, d}, model.Incidence, "cir", "Cumulative incidence (cir)"},
		{"one scenario", []*sim.Result{a}, model.Survival, "", "Survival probability"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fr := newFigureRun(runOf(Figures{}, tc.results...))
			f, err := fr.curves(tc.results, tc.kind, tc.endpoint, fr.title, mcBandNote)
			if err != nil {
				t.Fatal(err)
			}
			if f.plot.Y.Label.Text != tc.want {
				t.Errorf("axis %q, want %q", f.plot.Y.Label.Text, tc.want)
			}
			c := testCanvas(Figures{})
			l, err := f.layout(c)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.draw(c); err != nil {
				t.Fatal(err)
			}
			y := f.plot.Y.Label
			lines := strings.Split(y.Text, "\n")
			for _, line := range lines {
				if w := y.TextStyle.Width(line); w > l.data.Size().Y {
					t.Errorf("axis line %q is %v long beside a data area %v high", line, w, l.data.Size().Y)
				}
			}
			if strings.Join(lines, " ") != strings.Join(strings.Fields(tc.want), " ") || len(lines) > maxYLabelLines {
				t.Errorf("axis drawn as %q, want %q wrapped, whole, into at most %d lines", y.Text, tc.want, maxYLabelLines)
			}
			if tc.want == long && len(lines) < 2 {
				t.Errorf("a long title not wrapped: %q", y.Text)
			}
		})
	}

	results := []*sim.Result{a, b}
	fr := newFigureRun(runOf(Figures{}, results...))
	psa := psaResults(results, []*sim.PSA{nil, psaOf(b)})
	f, err := fr.curves(psa, model.Survival, "", fr.title, "PSA")
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%s Scenario other. PSA.", fr.caption); f.caption != want {
		t.Errorf("caption %q, want %q", f.caption, want)
	}
}
