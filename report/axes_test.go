package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

func TestTickStep(t *testing.T) {
	for _, tc := range []struct {
		span  float64
		steps []float64
		n     int
		want  float64
	}{
		{60, timeSteps[model.Month], 10, 6},
		{60, timeSteps[model.Month], 9, 12},
		{120, timeSteps[model.Month], 10, 12},
		{1826, timeSteps[model.Day], 10, 365},
		{5, timeSteps[model.Year], 10, 0.5},
		{5, timeSteps[model.Year], 9, 1},
		{5000, timeSteps[model.Month], 10, 1200},
		{0, timeSteps[model.Month], 10, 1},
	} {
		if got := tickStep(tc.span, tc.steps, tc.n); got != tc.want {
			t.Errorf("tickStep(%v, %d) = %v, want %v", tc.span, tc.n, got, tc.want)
		}
	}
}

// TestTimeTickCount: a single column at 8 points holds 9 labelled intervals
// (a 60-month axis is labelled every 12 months), a double column 10, large
// text fewer.
func TestTimeTickCount(t *testing.T) {
	for _, tc := range []struct {
		width, font vg.Length
		want        int
	}{
		{DefaultWidth, 8, 9},
		{183 * vg.Millimeter, 8, maxTimeTicks},
		{DefaultWidth, 14, 5},
		{minSide, maxFontSize, minTimeTicks},
	} {
		if got := timeTickCount(tc.width, tc.font); got != tc.want {
			t.Errorf("timeTickCount(%v, %v) = %d, want %d", tc.width, tc.font, got, tc.want)
		}
	}
}

// longResult is a result over 60 months whose endpoints and states have the
// long titles and names of a real study.
func longResult(scenario string) *sim.Result {
	r := testResult()
	r.Scenario, r.Horizon = scenario, 60
	r.Grid = make([]float64, 61)
	curve := make([]sim.Estimate, len(r.Grid))
	for i := range r.Grid {
		r.Grid[i] = float64(i)
		s := math.Exp(-float64(i) / 20)
		curve[i] = est(s, 0.98*s, math.Min(1, 1.02*s))
	}
	r.Endpoints = nil
	for i, title := range []string{"Overall survival",
		"Event-free survival from the start of blinatumomab (no CR/CRh counts as an event at day 0)",
		"Relapse-free survival from CR/CRh",
		"Relapse-free survival from CR/CRh with complete MRD response"} {
		r.Endpoints = append(r.Endpoints, sim.EndpointResult{
			Name: fmt.Sprintf("endpoint_%d", i), Title: title, Kind: model.Survival, Curve: curve})
	}
	r.States = nil
	for i := range 8 {
		r.States = append(r.States, sim.StateResult{
			Name: fmt.Sprintf("state_%d_with_a_rather_long_descriptive_name", i), Occupancy: curve})
	}
	return r
}

// testFigures are settings that differ from the defaults in each way that
// matters for the layout.
var testFigures = map[string]Figures{
	"default":       {},
	"double column": {Width: 183 * vg.Millimeter, Height: 120 * vg.Millimeter},
	"small text":    {FontSize: minFontSize},
	"large text":    {FontSize: maxFontSize, Height: 160 * vg.Millimeter},
	"bare":          {Bare: true},
}

// runOf is a run of the results with the given settings and a long title.
func runOf(set Figures, results ...*sim.Result) Run {
	r := testRun()
	r.Results, r.Figures = results, set
	r.Title = strings.Repeat("A long study title ", 8)
	return r
}

// TestTickLabelsApart: at every size and font size, on axes in months,
// years and days, the time axis's labels keep 4 points apart.
func TestTickLabelsApart(t *testing.T) {
	for name, set := range testFigures {
		for _, unit := range []model.Unit{model.Month, model.Year, model.Day} {
			r := longResult("a")
			r.Unit = unit
			fr := newFigureRun(runOf(set, r))
			f, err := fr.curves([]*sim.Result{r}, model.Survival, "", fr.title, mcBandNote)
			if err != nil {
				t.Fatal(err)
			}
			l, err := f.layout(fittedCanvas(f, fr.set))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if msg := tickOverlap(f.plot, l.data); msg != "" {
				t.Errorf("%s, %s: %s", name, unit, msg)
			}
		}
	}
}

// fittedCanvas is a canvas that records what is drawn, of the size of f
// grown to fit its text with the settings set (fitHeight), as it is written.
func fittedCanvas(f *figure, set Figures) draw.Canvas {
	set = set.withDefaults()
	f.fitHeight(set)
	w, h := f.size(set)
	return draw.Canvas{Canvas: new(recorder.Canvas), Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: h}}}
}

// testCanvas is a canvas of the settings' size that records what is drawn.
func testCanvas(set Figures) draw.Canvas {
	set = set.withDefaults()
	rec := new(recorder.Canvas)
	return draw.Canvas{Canvas: rec, Rectangle: vg.Rectangle{Max: vg.Point{X: set.Width, Y: set.Height}}}
}

// labels returns the entries' labels.
func labels(entries []legendEntry) []string {
	var l []string
	for _, e := range entries {
		l = append(l, e.label)
	}
	return l
}

// tickOverlap describes the first neighbouring labels of p's time axis that,
// drawn in the data area da, come closer than 4 points; "" if none do.
func tickOverlap(p *plot.Plot, da draw.Canvas) string {
	var prev vg.Length = -1e9
	for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if tk.IsMinor() {
			continue
		}
		w := p.X.Tick.Label.Width(tk.Label)
		x := da.X(p.X.Norm(tk.Value))
		if x-w/2 < prev+vg.Points(4) {
			return fmt.Sprintf("tick label %q starts at %.1f, the one before ends at %.1f", tk.Label, x-w/2, prev)
		}
		prev = x + w/2
	}
	return ""
}

// TestTickOverlap: tickOverlap sees labels squeezed together: the ticker
// counts ticks, not space (0, 12, ..., 60 whatever the width).
func TestTickOverlap(t *testing.T) {
	fr := newFigureRun(runOf(Figures{}, longResult("a")))
	f, err := fr.curves([]*sim.Result{longResult("a")}, model.Survival, "", "", mcBandNote)
	if err != nil {
		t.Fatal(err)
	}
	c := testCanvas(fr.set)
	for _, tc := range []struct {
		width   vg.Length
		overlap bool
	}{{vg.Points(30), true}, {0.65 * DefaultWidth, false}} {
		da := draw.Crop(c, 0, tc.width-c.Size().X, 0, 0)
		if got := tickOverlap(f.plot, da); (got != "") != tc.overlap {
			t.Errorf("%.0f points wide: overlap %q, want overlap %v", tc.width, got, tc.overlap)
		}
	}
}

// TestPercentTicks: percent ticks carry the fewest decimals that write them
// exactly (gonum wrote "2.50%" and "25.00%").
func TestPercentTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   []string
	}{
		{0.2, 0.8, []string{"20%", "40%", "60%", "80%"}},
		{0, 0.05, []string{"0.0%", "2.5%", "5.0%"}}, // gonum's labels: 0.00%, 2.50%, 5.00%
		{0.02, 0.13, []string{"2.5%", "7.5%", "12.5%"}},
	} {
		var got []string
		for _, tk := range (percentTicks{}).Ticks(tc.lo, tc.hi) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("ticks of [%v, %v]: %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
}
