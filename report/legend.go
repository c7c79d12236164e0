package report

import (
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
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

// legendBox is a column of legend entries, drawn from the top left of its
// area: each entry a thumbnail box as high as a line, then its label, and
// each entry as high as its own label's lines. This is our own drawer rather
// than gonum's plot.Legend, which gives every entry the height of the tallest
// (Legend.entryHeight, gonum/plot v0.17): one wrapped label spread all the
// rows of a legend apart.
type legendBox struct {
	entries []legendEntry
	st      figureStyle
}

// thumbWidth is the width of a legend entry's thumbnail.
func (s figureStyle) thumbWidth() vg.Length { return 5 * s.font / 2 }

// entryGap is the space between two legend entries' text boxes: one-line
// entries are a line's height plus the figure's line width apart.
func (s figureStyle) entryGap() vg.Length {
	ext := s.body().FontExtents()
	return ext.Height - ext.Ascent - ext.Descent + s.line
}

// labelStyle is the style of the entries' labels, aligned at their top left.
func (b legendBox) labelStyle() text.Style { return b.st.text(b.st.font, draw.XLeft, draw.YTop) }

// size is the legend's width and height.
func (b legendBox) size() vg.Point {
	sty := b.labelStyle()
	var sz vg.Point
	for i, e := range b.entries {
		sz.X = max(sz.X, b.st.thumbWidth()+sty.Width(" ")+sty.Width(e.label))
		if i > 0 {
			sz.Y += b.st.entryGap()
		}
		sz.Y += sty.Height(e.label)
	}
	return sz
}

// rectangle is where the legend is drawn in area: at its top left.
func (b legendBox) rectangle(area draw.Canvas) vg.Rectangle {
	sz := b.size()
	return vg.Rectangle{Min: vg.Point{X: area.Min.X, Y: area.Max.Y - sz.Y}, Max: vg.Point{X: area.Min.X + sz.X, Y: area.Max.Y}}
}

// draw draws the legend from the top left of area, within its rectangle:
// an entry's thumbnails in a box beside its first line (as high as the
// font's ascent, centred on the line), its label's lines a full line apart
// (lineText).
func (b legendBox) draw(area draw.Canvas) {
	sty := b.labelStyle()
	ext := sty.FontExtents()
	x := area.Min.X + b.st.thumbWidth() + sty.Width(" ")
	low := ext.Ascent + ext.Descent - sty.Font.Size // how far gonum draws a line below the box it measures (lineText): set off
	top := area.Max.Y
	for _, e := range b.entries {
		icon := draw.Canvas{Canvas: area.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: area.Min.X, Y: top - ext.Ascent - ext.Descent/2},
			Max: vg.Point{X: area.Min.X + b.st.thumbWidth(), Y: top - ext.Descent/2},
		}}
		for _, t := range e.thumbs {
			t.Thumbnail(&icon)
		}
		area.FillText(sty, vg.Point{X: x, Y: top + low}, e.label)
		top -= sty.Height(e.label) + b.st.entryGap()
	}
}

// legendGap is the space between the legend's columns.
func (s figureStyle) legendGap() vg.Length { return 2 * s.font }

// dataFraction is the share of c's width that p's data area takes when p is
// drawn in area; 0 if p does not fit in area (dataCanvas).
func dataFraction(p *plot.Plot, area, c draw.Canvas) float64 {
	da, ok := dataCanvas(p, area)
	if !ok {
		return 0
	}
	return float64(da.Size().X / c.Size().X)
}

// dataCanvas returns p's data area when p is drawn in area, and whether it
// lies within area with a positive size. gonum's Plot.DataCanvas solves for
// the data area's edges from the outermost glyphs (padX, padY); on an area
// narrower than the axes' labels need, it returns a rectangle inverted or
// many times wider than the area. Taken as it was, it let a tornado whose
// wrapped row titles left no room put its legend beside the plot, over it,
// and draw its bars across the whole figure.
func dataCanvas(p *plot.Plot, area draw.Canvas) (draw.Canvas, bool) {
	da := p.DataCanvas(area)
	const eps = 1e-6
	ok := da.Min.X >= area.Min.X-eps && da.Max.X <= area.Max.X+eps && da.Min.Y >= area.Min.Y-eps && da.Max.Y <= area.Max.Y+eps &&
		da.Size().X > 0 && da.Size().Y > 0
	return da, ok
}

// subCanvas is the part of c inside r.
func subCanvas(c draw.Canvas, r vg.Rectangle) draw.Canvas {
	return draw.Canvas{Canvas: c.Canvas, Rectangle: r}
}

// arrange lays out p and its legend on c: it returns the area left for p
// (and what goes under it) and the legend's columns. With cols > 1 the legend
// goes under the plot in at least that many columns, its labels wrapped to fit.
func arrange(c draw.Canvas, p *plot.Plot, entries []legendEntry, st figureStyle, cols int) (draw.Canvas, []legendColumn) {
	if len(entries) == 0 {
		return c, nil
	}
	pad := st.pad
	cols = max(cols, 1)
	entries = fitLabels(entries, (c.Size().X-2*pad-vg.Length(cols-1)*st.legendGap())/vg.Length(cols), st)
	size := legendBox{entries, st}.size()
	right := draw.Crop(c, 0, -(size.X + 2*pad), 0, 0)
	if cols == 1 && size.Y <= c.Size().Y-pad && dataFraction(p, right, c) >= minDataFraction {
		area := subCanvas(c, vg.Rectangle{
			Min: vg.Point{X: right.Max.X + pad, Y: c.Min.Y},
			Max: vg.Point{X: c.Max.X - pad, Y: c.Max.Y - pad},
		})
		return right, []legendColumn{{entries, area}}
	}
	// Under the plot: the fewest rows whose columns fit across c.
	sizes := make([]vg.Point, len(entries)) // each entry's, measured once
	for i := range entries {
		sizes[i] = legendBox{entries[i : i+1], st}.size()
	}
	var columns []legendColumn
	var widths, heights []vg.Length
	for rows := 1; rows <= len(entries); rows++ {
		columns, widths, heights = legendColumns(entries, sizes, rows, st)
		if sumWidths(widths, st) <= c.Size().X-2*pad {
			break
		}
	}
	var h vg.Length // the tallest column's height (labels may wrap in any)
	for _, ch := range heights {
		h = max(h, ch)
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

// legendColumns splits the entries, of the given sizes, into columns of the
// given number of rows, filled top down, and returns them (not yet placed)
// with their widths and heights (as legendBox measures them).
func legendColumns(entries []legendEntry, sizes []vg.Point, rows int, st figureStyle) ([]legendColumn, []vg.Length, []vg.Length) {
	var cols []legendColumn
	var widths, heights []vg.Length
	for i := 0; i < len(entries); i += rows {
		j := min(i+rows, len(entries))
		var w, h vg.Length
		for k := i; k < j; k++ {
			w = max(w, sizes[k].X)
			h += sizes[k].Y
		}
		cols = append(cols, legendColumn{entries: entries[i:j]})
		widths, heights = append(widths, w), append(heights, h+vg.Length(j-i-1)*st.entryGap())
	}
	return cols, widths, heights
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

// fitLabels returns the entries with each label wrapped so that a one-column
// legend is no wider than width: between words, and within a word only if it
// is wider than a line. No label is cut: a long one takes more lines, and the
// legend grows (only the guard maxLabelRunes bounds a label's length).
func fitLabels(entries []legendEntry, width vg.Length, st figureStyle) []legendEntry {
	avail := width - st.thumbWidth() - st.body().Width(" ")
	out := make([]legendEntry, len(entries))
	for i, e := range entries {
		out[i] = legendEntry{strings.Join(wrapAll(e.label, st.body(), avail), "\n"), e.thumbs}
	}
	return out
}
