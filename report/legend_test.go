package report

import (
	"math"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// TestLegendEntriesTakeTheirOwnHeight: in a legend with one wrapped label,
// every line is a line's height below the one above it, plus the figure's
// line width between entries; gonum's plot.Legend gives every entry the
// wrapped one's height.
func TestLegendEntriesTakeTheirOwnHeight(t *testing.T) {
	st := newStyle(8)
	entries := []legendEntry{{"one", swatch(black)}, {"two\nlines", swatch(black)}, {"three", swatch(black)}, {"four", swatch(black)}}
	b := legendBox{entries, st}
	rec := &recorder.Canvas{}
	area := draw.Canvas{Canvas: rec, Rectangle: vg.Rectangle{Max: vg.Point{X: 200, Y: 100}}}
	b.draw(area)
	boxes, _ := textBoxes(rec.Actions)
	lh := st.lineHeight()
	want := []vg.Length{lh + st.line, lh, lh + st.line, lh + st.line} // one → two → lines → three → four
	if len(boxes) != 5 {
		t.Fatalf("%d lines drawn, want 5", len(boxes))
	}
	for i := 1; i < len(boxes); i++ {
		if got := boxes[i-1].box.Min.Y - boxes[i].box.Min.Y; math.Abs(float64(got-want[i-1])) > 1e-9 {
			t.Errorf("%q is %v below %q, want %v", boxes[i].s, got, boxes[i-1].s, want[i-1])
		}
	}
	if r := b.rectangle(area); boxes[0].box.Max.Y > r.Max.Y+0.5 || boxes[4].box.Min.Y < r.Min.Y-0.5 {
		t.Errorf("lines %v to %v outside the legend's rectangle %v", boxes[0].box, boxes[4].box, r)
	}
	gonum := plot.NewLegend()
	gonum.TextStyle = st.body()
	for _, e := range entries {
		gonum.Add(e.label, e.thumbs...)
	}
	if ours, theirs := b.size().Y, gonum.Rectangle(area).Size().Y; ours >= theirs {
		t.Errorf("legend %v high, gonum's %v: want ours shorter", ours, theirs)
	}
}

// TestDataCanvasTooNarrow: on an area narrower than the axes' labels need,
// gonum's DataCanvas returns a data area outside the area (here many times
// wider, or inverted); dataCanvas says so, and a legend beside such a plot
// leaves it no share (the 16-parameter tornado drew across the figure).
func TestDataCanvasTooNarrow(t *testing.T) {
	st := newStyle(8)
	p := plot.New()
	st.apply(p)
	p.X.Min, p.X.Max = 0, 1
	p.Y.Min, p.Y.Max = -0.5, 1.5
	p.Y.Tick.Marker = rowTicker{"A parameter title wider than the area", "Another"}
	p.X.Label.Text = "An axis label as wide as the area is, or wider than that"
	area := draw.Canvas{Canvas: &recorder.Canvas{}, Rectangle: vg.Rectangle{Max: vg.Point{X: 160, Y: 200}}}
	if da, ok := dataCanvas(p, area); ok {
		t.Errorf("data area %v on an area %v: want it reported as not fitting", da.Rectangle, area.Rectangle)
	}
	if f := dataFraction(p, area, area); f != 0 {
		t.Errorf("data fraction %v, want 0", f)
	}
	wide := area
	wide.Max.X = 600
	if da, ok := dataCanvas(p, wide); !ok || da.Size().X <= 0 {
		t.Errorf("data area %v on an area %v: want it inside", da.Rectangle, wide.Rectangle)
	}
}
