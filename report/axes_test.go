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
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

func TestTickStep(t *testing.T) {
	for _, tc := range []struct {
		span  float64
		steps []float64
		want  float64
	}{
		{60, timeSteps[model.Month], 6},
		{120, timeSteps[model.Month], 12},
		{1826, timeSteps[model.Day], 365},
		{5, timeSteps[model.Year], 0.5},
		{5000, timeSteps[model.Month], 1200},
		{0, timeSteps[model.Month], 1},
	} {
		if got := tickStep(tc.span, tc.steps); got != tc.want {
			t.Errorf("tickStep(%v) = %v, want %v", tc.span, got, tc.want)
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

// figureCanvas is the canvas renderPNG lays a figure out on, under a long title.
func figureCanvas(p *plot.Plot) draw.Canvas {
	c := draw.New(vgimg.New(plotWidth, plotHeight))
	return drawTitle(c, strings.Repeat("A long study title ", 8), p.Title.TextStyle)
}

// TestArrange: whatever the labels, the data area keeps minDataFraction of the
// width, the legend lies within the figure and off the plot, and the time
// axis's labels do not overlap.
func TestArrange(t *testing.T) {
	long := strings.Repeat("a-very-long-scenario-name-", 4)
	for _, tc := range []struct {
		name      string
		fig       func() (*plot.Plot, []legendEntry, error)
		wantRight bool // legend in a column to the right of the plot
	}{
		{"long titles", func() (*plot.Plot, []legendEntry, error) {
			return curvesFigure([]*sim.Result{longResult("a")}, model.Survival, mcBandNote)
		}, false},
		{"two scenarios", func() (*plot.Plot, []legendEntry, error) {
			return curvesFigure([]*sim.Result{longResult("a"), longResult(long)}, model.Survival, mcBandNote)
		}, false},
		{"long state names", func() (*plot.Plot, []legendEntry, error) {
			return occupancyFigure(longResult("a"))
		}, false},
		{"short state names", func() (*plot.Plot, []legendEntry, error) {
			return occupancyFigure(testResult())
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, entries, err := tc.fig()
			if err != nil {
				t.Fatal(err)
			}
			c := figureCanvas(p)
			area, cols := arrange(c, p, entries)
			if f := dataFraction(p, area, c); f < minDataFraction {
				t.Errorf("data area is %.2f of the width, want at least %.2f", f, minDataFraction)
			}
			if right := len(cols) == 1 && cols[0].area.Min.X >= area.Max.X; right != tc.wantRight {
				t.Errorf("legend to the right: %v, want %v", right, tc.wantRight)
			}
			var shown []string
			for _, col := range cols {
				leg := newLegend(col.entries)
				r := leg.Rectangle(col.area)
				if r.Min.X < c.Min.X || r.Max.X > c.Max.X || r.Min.Y < c.Min.Y || r.Max.Y > c.Max.Y {
					t.Errorf("legend column %v is outside the figure %v", r, c.Rectangle)
				}
				if r.Min.X < area.Max.X && r.Max.Y > area.Min.Y {
					t.Errorf("legend column %v overlaps the plot %v", r, area.Rectangle)
				}
				for _, e := range col.entries {
					shown = append(shown, e.label)
				}
			}
			if want := labels(entries); !slices.Equal(shown, want) {
				t.Errorf("legend shows %q, want %q", shown, want)
			}
			if msg := tickOverlap(p, p.DataCanvas(area)); msg != "" {
				t.Error(msg)
			}
		})
	}
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

// TestTickOverlap: the time ticker counts ticks, not space (0, 6, ..., 60
// whatever the width), so a squeezed data area, as the legend once made,
// overlaps its labels.
func TestTickOverlap(t *testing.T) {
	p, _, err := curvesFigure([]*sim.Result{longResult("a")}, model.Survival, mcBandNote)
	if err != nil {
		t.Fatal(err)
	}
	c := figureCanvas(p)
	for _, tc := range []struct {
		width   vg.Length
		overlap bool
	}{{vg.Points(30), true}, {0.65 * plotWidth, false}} {
		da := draw.Crop(c, 0, tc.width-c.Size().X, 0, 0)
		if got := tickOverlap(p, da); (got != "") != tc.overlap {
			t.Errorf("%.0f points wide: overlap %q, want overlap %v", tc.width, got, tc.overlap)
		}
	}
}
