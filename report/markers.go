package report

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Marks on a curves figure: each landmark as a dot on its curve with its value
// beside it ("36%"), placed where it overlaps no other label or mark; and each
// published figure (a model target) as an open square with its 95% interval,
// vertical for a value at a time, horizontal for a median, so a reader sees
// the fit.

// landmarkMark is a landmark on a drawn curve; an empty label: a dot only.
type landmarkMark struct {
	x, y   float64
	label  string
	colour color.Color
}

// targetMark is a published figure: the point (x, y) and its interval lo–hi
// (along y, or along x for a median); NaN bounds: no bar.
type targetMark struct {
	x, y       float64
	lo, hi     float64
	horizontal bool
	colour     color.Color
}

// same reports whether m and o mark the same figure at the same place (NaN
// bounds alike).
func (m targetMark) same(o targetMark) bool {
	eq := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	return eq(m.x, o.x) && eq(m.y, o.y) && eq(m.lo, o.lo) && eq(m.hi, o.hi) && m.horizontal == o.horizontal
}

// percent writes a probability as a whole percentage: "36%".
func percent(p float64) string { return fmt.Sprintf("%.0f%%", 100*p) }

// marks is the plotter of a figure's landmarks and published figures; the
// labels that fit are drawn last, above everything, off the curves where they
// can be.
type marks struct {
	landmarks []landmarkMark
	targets   []targetMark
	curves    []plotter.XYs // the drawn lines, which labels avoid if they can
	style     figureStyle
}

// radius is the size of a landmark's dot and half a target's square.
func (m *marks) radius() vg.Length { return 1.6 * m.style.line }

// Plot implements plot.Plotter.
func (m *marks) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	st := m.style
	var taken []vg.Rectangle // what labels must not cover
	bar := draw.LineStyle{Width: 0.75 * st.line}
	r := m.radius()
	for _, t := range m.targets {
		pt := vg.Point{X: trX(t.x), Y: trY(t.y)}
		bar.Color = t.colour
		if finite(t.lo) && finite(t.hi) {
			if t.horizontal {
				a, b := trX(t.lo), trX(t.hi)
				c.StrokeLine2(bar, a, pt.Y, b, pt.Y)
				c.StrokeLine2(bar, a, pt.Y-r, a, pt.Y+r)
				c.StrokeLine2(bar, b, pt.Y-r, b, pt.Y+r)
				taken = append(taken, vg.Rectangle{Min: vg.Point{X: a, Y: pt.Y - r}, Max: vg.Point{X: b, Y: pt.Y + r}})
			} else {
				a, b := trY(t.lo), trY(t.hi)
				c.StrokeLine2(bar, pt.X, a, pt.X, b)
				c.StrokeLine2(bar, pt.X-r, a, pt.X+r, a)
				c.StrokeLine2(bar, pt.X-r, b, pt.X+r, b)
				taken = append(taken, vg.Rectangle{Min: vg.Point{X: pt.X - r, Y: a}, Max: vg.Point{X: pt.X + r, Y: b}})
			}
		}
		drawSquare(c, pt, 1.25*r, t.colour, st.line)
		taken = append(taken, box(pt, 1.5*r))
	}
	anchors := make([]vg.Point, len(m.landmarks))
	for i, l := range m.landmarks {
		anchors[i] = vg.Point{X: trX(l.x), Y: trY(l.y)}
		c.DrawGlyph(draw.GlyphStyle{Color: l.colour, Radius: r, Shape: draw.CircleGlyph{}}, anchors[i])
		taken = append(taken, box(anchors[i], r))
	}
	sty := st.text(0.875*st.font, draw.XLeft, draw.YBottom)
	var labelled []int // a label for each point, once for curves that coincide
	var at, sizes []vg.Point
	for i, l := range m.landmarks {
		if l.label == "" || slices.ContainsFunc(labelled, func(j int) bool {
			return m.landmarks[j].label == l.label && overlapsAny(box(anchors[i], r), []vg.Rectangle{box(anchors[j], r)})
		}) {
			continue
		}
		labelled = append(labelled, i)
		at = append(at, anchors[i])
		ext := sty.FontExtents()
		sizes = append(sizes, vg.Point{X: sty.Width(l.label), Y: ext.Ascent + ext.Descent}) // the text's whole box
	}
	lines := make([][]vg.Point, len(m.curves))
	for i, xy := range m.curves {
		for _, p := range xy {
			lines[i] = append(lines[i], vg.Point{X: trX(p.X), Y: trY(p.Y)})
		}
	}
	for k, rect := range placeLabels(at, sizes, r+st.line/2, c.Rectangle, taken, lines, st.line/2) {
		if rect != nil {
			l := m.landmarks[labelled[k]]
			sty.Color = l.colour
			// gonum's plain text puts the baseline at pt.Y + size − ascent;
			// this puts it at the box's bottom plus the descent.
			ext := sty.FontExtents()
			c.FillText(sty, rect.Min.Add(vg.Point{Y: ext.Descent + ext.Ascent - sty.Font.Size}), l.label)
		}
	}
}

// box is the square of half-side h around pt.
func box(pt vg.Point, h vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: pt.X - h, Y: pt.Y - h}, Max: vg.Point{X: pt.X + h, Y: pt.Y + h}}
}

// drawSquare draws an open square of half-side h around pt, filled white.
func drawSquare(c draw.Canvas, pt vg.Point, h vg.Length, col color.Color, width vg.Length) {
	b := box(pt, h)
	var path vg.Path
	path.Move(b.Min)
	path.Line(vg.Point{X: b.Max.X, Y: b.Min.Y})
	path.Line(b.Max)
	path.Line(vg.Point{X: b.Min.X, Y: b.Max.Y})
	path.Close()
	c.SetColor(color.White)
	c.Fill(path)
	c.SetLineStyle(draw.LineStyle{Color: col, Width: width})
	c.Stroke(path)
}

// placeLabels places a label of size sizes[i] beside each anchor, at
// distance d: the first candidate position within bounds that overlaps neither
// a rectangle of taken nor a label placed before it, and that no segment of
// the lines comes within clear of. The candidates are, nearest first, above
// right, below left, above left, below right, above, below, right and left of
// the anchor, at d and then at d plus a half, one and two label heights, so a
// label moves a little away from its dot rather than onto a curve. Labels are
// placed in order, so earlier ones win; a label with no free position is left
// out (nil) and its dot stays: a value struck through by a curve is not
// readable, and the summary and estimates.csv still carry it.
func placeLabels(anchors, sizes []vg.Point, d vg.Length, bounds vg.Rectangle, taken []vg.Rectangle, lines [][]vg.Point, clear vg.Length) []*vg.Rectangle {
	out := make([]*vg.Rectangle, len(anchors))
	placed := append([]vg.Rectangle(nil), taken...)
	for i, a := range anchors {
		w, h := sizes[i].X, sizes[i].Y
		for _, r := range candidates(a, w, h, d) {
			if inside(r, bounds) && !overlapsAny(r, placed) && !crossesAny(grow(r, clear), lines) {
				out[i] = &r
				placed = append(placed, r)
				break
			}
		}
	}
	return out
}

// candidates lists the boxes of size w×h that placeLabels tries around a, in
// order of preference.
func candidates(a vg.Point, w, h, d vg.Length) []vg.Rectangle {
	var out []vg.Rectangle
	for _, e := range []vg.Length{0, h / 2, h, 2 * h} {
		g := d + e
		for _, corner := range []vg.Point{ // lower left of each position
			{X: a.X + g, Y: a.Y + g},
			{X: a.X - g - w, Y: a.Y - g - h},
			{X: a.X - g - w, Y: a.Y + g},
			{X: a.X + g, Y: a.Y - g - h},
			{X: a.X - w/2, Y: a.Y + g},
			{X: a.X - w/2, Y: a.Y - g - h},
			{X: a.X + g, Y: a.Y - h/2},
			{X: a.X - g - w, Y: a.Y - h/2},
		} {
			out = append(out, vg.Rectangle{Min: corner, Max: vg.Point{X: corner.X + w, Y: corner.Y + h}})
		}
	}
	return out
}

// grow is r with every side moved out by g.
func grow(r vg.Rectangle, g vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: r.Min.X - g, Y: r.Min.Y - g}, Max: vg.Point{X: r.Max.X + g, Y: r.Max.Y + g}}
}

// crossesAny reports whether a segment of any polyline enters r. The curves'
// segments are horizontal or vertical, so a segment enters r exactly when its
// bounding box overlaps it.
func crossesAny(r vg.Rectangle, lines [][]vg.Point) bool {
	for _, l := range lines {
		for j := 1; j < len(l); j++ {
			a, b := l[j-1], l[j]
			if min(a.X, b.X) <= r.Max.X && max(a.X, b.X) >= r.Min.X && min(a.Y, b.Y) <= r.Max.Y && max(a.Y, b.Y) >= r.Min.Y {
				return true
			}
		}
	}
	return false
}

// inside reports whether r lies within b.
func inside(r, b vg.Rectangle) bool {
	return r.Min.X >= b.Min.X && r.Min.Y >= b.Min.Y && r.Max.X <= b.Max.X && r.Max.Y <= b.Max.Y
}

// overlapsAny reports whether r overlaps any of rs (touching is not overlapping).
func overlapsAny(r vg.Rectangle, rs []vg.Rectangle) bool {
	for _, q := range rs {
		if r.Min.X < q.Max.X && q.Min.X < r.Max.X && r.Min.Y < q.Max.Y && q.Min.Y < r.Max.Y {
			return true
		}
	}
	return false
}

// targetThumb is the legend's thumbnail of a published figure: a square with
// a vertical bar, in black.
type targetThumb struct{ style figureStyle }

// Thumbnail implements plot.Thumbnailer.
func (t targetThumb) Thumbnail(c *draw.Canvas) {
	r := 1.6 * t.style.line
	mid := c.Center()
	h := math.Min(float64(c.Size().Y)/2, float64(3*r))
	bar := draw.LineStyle{Color: black, Width: 0.75 * t.style.line}
	c.StrokeLine2(bar, mid.X, mid.Y-vg.Length(h), mid.X, mid.Y+vg.Length(h))
	drawSquare(*c, mid, 1.25*r, black, t.style.line)
}
