package report

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The model's own values on a heat map. A cross at the point struck
// through the value written in that cell; when the point is a cell of the
// grid (as it is when the sweep includes the model's values), the cell is
// outlined instead, clear of its label. A point between the grid's values
// keeps the cross.

// modelColor marks the model's own values: Okabe-Ito vermillion, apart from
// every viridis colour.
var modelColor = color.NRGBA{0xd5, 0x5e, 0x00, 0xff}

// cellOutline outlines a heat map's cell from (x0, y0) to (x1, y1), in data
// units, just inside its edges.
type cellOutline struct {
	x0, x1, y0, y1 float64
	line           draw.LineStyle
}

// Plot implements plot.Plotter.
func (o cellOutline) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	in := o.line.Width // inside the cell, clear of its neighbours
	r := vg.Rectangle{Min: vg.Point{X: trX(o.x0) + in, Y: trY(o.y0) + in}, Max: vg.Point{X: trX(o.x1) - in, Y: trY(o.y1) - in}}
	c.StrokeLines(o.line, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min})
}

// Thumbnail implements plot.Thumbnailer: an outlined square.
func (o cellOutline) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	x := (c.Min.X + c.Max.X - h) / 2
	c.StrokeLines(o.line, []vg.Point{{X: x, Y: c.Min.Y}, {X: x + h, Y: c.Min.Y}, {X: x + h, Y: c.Max.Y}, {X: x, Y: c.Max.Y}, {X: x, Y: c.Min.Y}})
}

// cellIndex returns the index of v among the grid's values (within a
// billionth of their range), or -1.
func cellIndex(values []float64, v float64) int {
	span := math.Abs(values[len(values)-1] - values[0])
	for i, x := range values {
		if math.Abs(x-v) <= 1e-9*math.Max(span, math.Abs(v)) {
			return i
		}
	}
	return -1
}

// cellEdges returns the edges of cell i of a heat map whose cells are
// centred on values: halfway to each neighbour, the end cells as wide on
// their outer side as on their inner (as plotter.HeatMap draws them).
func cellEdges(values []float64, i int) (lo, hi float64) {
	n := len(values)
	if n == 1 {
		return values[0] - 0.5, values[0] + 0.5
	}
	if i > 0 {
		lo = (values[i-1] + values[i]) / 2
	} else {
		lo = values[0] - (values[1]-values[0])/2
	}
	if i < n-1 {
		hi = (values[i] + values[i+1]) / 2
	} else {
		hi = values[n-1] + (values[n-1]-values[n-2])/2
	}
	return lo, hi
}

// modelMarker returns the mark of the model's values b on a heat map of the
// grid xs × ys: the outline of its cell if b is one, else a cross.
func modelMarker(xs, ys []float64, b []float64) (plot.Plotter, plot.Thumbnailer, error) {
	if i, j := cellIndex(xs, b[0]), cellIndex(ys, b[1]); i >= 0 && j >= 0 {
		x0, x1 := cellEdges(xs, i)
		y0, y1 := cellEdges(ys, j)
		o := cellOutline{x0, x1, y0, y1, draw.LineStyle{Color: modelColor, Width: vg.Points(1.5)}}
		return o, o, nil
	}
	s, err := plotter.NewScatter(plotter.XYs{{X: b[0], Y: b[1]}})
	if err != nil {
		return nil, nil, err
	}
	s.GlyphStyle = draw.GlyphStyle{Color: modelColor, Radius: vg.Points(5), Shape: draw.CrossGlyph{}}
	return s, s, nil
}
