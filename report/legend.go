package report

import (
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The legend never hides data: it goes in a column to the right of the plot
// if the plot's data area then keeps at least minDataFraction of the width (a
// wide figure), or else under the plot in as few rows as fit across.

// minDataFraction is the least share of the figure's width the data area keeps
// with the legend to its right.
const minDataFraction = 0.65

// legendEntry is a line of a legend: thumbnails, then a label.
type legendEntry struct {
	label  string
	thumbs []plot.Thumbnailer
}

// legendColumn is a column of a figure's legend and where it is drawn.
type legendColumn struct {
	entries []legendEntry
	area    draw.Canvas
}

// newLegend returns a legend of the entries in the figure's body text, drawn
// from the top left of its area.
func newLegend(entries []legendEntry, st figureStyle) plot.Legend {
	leg := plot.NewLegend()
	leg.TextStyle = st.body()
	// gonum's legend spaces entries by Padding plus the ascent less the line
	// gap, a line's full height less its descent and gap: rows' text boxes
	// overlapped by ~1 pt. The padding adds them back, so rows are a line
	// apart plus the figure's line width.
	ext := leg.TextStyle.FontExtents()
	leg.Padding = st.line + ext.Height - ext.Ascent
	leg.ThumbnailWidth = 5 * st.font / 2
	leg.Top, leg.Left = true, true
	for _, e := range entries {
		leg.Add(e.label, e.thumbs...)
	}
	return leg
}

// legendGap is the space between the legend's columns.
func (s figureStyle) legendGap() vg.Length { return 2 * s.font }

// dataFraction is the share of c's width that p's data area takes when p is
// drawn in area.
func dataFraction(p *plot.Plot, area, c draw.Canvas) float64 {
	return float64(p.DataCanvas(area).Size().X / c.Size().X)
}

// subCanvas is the part of c inside r.
func subCanvas(c draw.Canvas, r vg.Rectangle) draw.Canvas {
	return draw.Canvas{Canvas: c.Canvas, Rectangle: r}
}

// arrange lays out p and its legend on c: it returns the area left for p
// (and what goes under it) and the legend's columns. With cols > 1 the legend
// goes under the plot in at least that many columns, its labels cut to fit.
func arrange(c draw.Canvas, p *plot.Plot, entries []legendEntry, st figureStyle, cols int) (draw.Canvas, []legendColumn) {
	if len(entries) == 0 {
		return c, nil
	}
	pad := st.pad
	cols = max(cols, 1)
	entries = fitLabels(entries, (c.Size().X-2*pad-vg.Length(cols-1)*st.legendGap())/vg.Length(cols), st)
	all := newLegend(entries, st)
	size := all.Rectangle(c).Size()
	right := draw.Crop(c, 0, -(size.X + 2*pad), 0, 0)
	if cols == 1 && size.Y <= c.Size().Y-pad && dataFraction(p, right, c) >= minDataFraction {
		area := subCanvas(c, vg.Rectangle{
			Min: vg.Point{X: right.Max.X + pad, Y: c.Min.Y},
			Max: vg.Point{X: c.Max.X - pad, Y: c.Max.Y - pad},
		})
		return right, []legendColumn{{entries, area}}
	}
	// Under the plot: the fewest rows whose columns fit across c.
	var columns []legendColumn
	var widths []vg.Length
	for rows := 1; rows <= len(entries); rows++ {
		columns, widths = legendColumns(c, entries, rows, st)
		if sumWidths(widths, st) <= c.Size().X-2*pad {
			break
		}
	}
	var h vg.Length // the tallest column's height (labels may wrap in any)
	for _, col := range columns {
		leg := newLegend(col.entries, st)
		h = max(h, leg.Rectangle(c).Size().Y)
	}
	area := draw.Crop(c, 0, 0, h+2*pad, 0)
	da := p.DataCanvas(area)
	total := sumWidths(widths, st)
	x := (da.Min.X+da.Max.X)/2 - total/2 // centred under the data area, within c
	x = max(min(x, c.Max.X-pad-total), c.Min.X+pad)
	for i := range columns {
		columns[i].area = subCanvas(c, vg.Rectangle{
			Min: vg.Point{X: x, Y: c.Min.Y + pad},
			Max: vg.Point{X: x + widths[i], Y: c.Min.Y + pad + h},
		})
		x += widths[i] + st.legendGap()
	}
	return area, columns
}

// legendColumns splits the entries into columns of the given number of rows,
// filled top down, and returns them (not yet placed) with their widths.
func legendColumns(c draw.Canvas, entries []legendEntry, rows int, st figureStyle) ([]legendColumn, []vg.Length) {
	var cols []legendColumn
	var widths []vg.Length
	for i := 0; i < len(entries); i += rows {
		col := entries[i:min(i+rows, len(entries))]
		leg := newLegend(col, st)
		cols = append(cols, legendColumn{entries: col})
		widths = append(widths, leg.Rectangle(c).Size().X)
	}
	return cols, widths
}

// sumWidths is the width of legend columns of the given widths, a legend gap
// apart.
func sumWidths(widths []vg.Length, st figureStyle) vg.Length {
	var w vg.Length
	for i, x := range widths {
		if i > 0 {
			w += st.legendGap()
		}
		w += x
	}
	return w
}

// maxLegendLines is the most lines a legend label wraps to; only a label
// longer still is cut, with an ellipsis.
const maxLegendLines = 3

// fitLabels returns the entries with each label wrapped, between words, so
// that a one-column legend is no wider than width.
func fitLabels(entries []legendEntry, width vg.Length, st figureStyle) []legendEntry {
	leg := newLegend(nil, st)
	avail := width - leg.ThumbnailWidth - st.body().Width(" ")
	out := make([]legendEntry, len(entries))
	for i, e := range entries {
		out[i] = legendEntry{strings.Join(wrap(e.label, st.body(), avail, maxLegendLines), "\n"), e.thumbs}
	}
	return out
}
