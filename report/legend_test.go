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
