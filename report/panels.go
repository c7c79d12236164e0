package report

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// Small multiples: one panel per scenario (or subgroup), on the same axes,
// in a grid that fills the figure's plot area; the figure's legend, title and
// caption are shared (Tufte's small multiples; Cleveland, The Elements of
// Graphing Data, on shared scales).

// panel is one plot of a figure of small multiples and its title.
type panel struct {
	plot  *plot.Plot
	title string
}

// minPanelShare is the least share of the figure's height as set (and as
// much width) the data area of each panel must keep; a figure whose panels
// keep less grows, up to maxFigureHeight.
const minPanelShare = 0.12

// maxFigureHeight is the most a figure grows to (small multiples, a
// tornado's rows, text that does not fit at the set height): a
// journal page's type area is about 240 mm high.
const maxFigureHeight = 240 * vg.Millimeter

// size returns the figure's canvas size with the settings set.
func (f *figure) size(set Figures) (w, h vg.Length) {
	if f.height > 0 {
		return set.Width, f.height
	}
	return set.Width, set.Height
}

// growToFit sets the figure's height to the least one, from the set height
// up in steps of 10 mm to maxFigureHeight, at which its panels fit; if none,
// it keeps the set height (and drawing it fails, naming the options).
func (f *figure) growToFit(set Figures) {
	f.least = vg.Length(minPanelShare) * set.Height
	for h := set.Height; h <= max(set.Height, maxFigureHeight); h += 10 * vg.Millimeter {
		c := draw.Canvas{Canvas: &recorder.Canvas{}, Rectangle: vg.Rectangle{Max: vg.Point{X: set.Width, Y: h}}}
		if _, err := f.layout(c); err == nil {
			if h > set.Height {
				f.height = h
			}
			return
		}
	}
}

// panelGrid returns the number of columns and rows of n panels on an area of
// the given size: the grid whose cells, a little wider than high, are
// largest.
func panelGrid(n int, size vg.Point) (cols, rows int) {
	best := -1.0
	for c := 1; c <= n; c++ {
		r := (n + c - 1) / c
		if (c-1)*r >= n { // a whole empty column
			continue
		}
		w, h := float64(size.X)/float64(c), float64(size.Y)/float64(r)
		if s := math.Min(w, 1.3*h); s > best {
			best, cols, rows = s, c, r
		}
	}
	return cols, rows
}

// panelTiles returns the tiles of the grid and its panels' plots in rows,
// nil where the grid has no panel. The panels carry no axis labels: the
// figure draws each once, along the grid (drawAxisLabels).
func (f *figure) panelTiles(cols, rows int) (draw.Tiles, [][]*plot.Plot) {
	st := f.style
	t := draw.Tiles{Cols: cols, Rows: rows, PadX: 2 * st.pad, PadY: st.pad}
	plots := make([][]*plot.Plot, rows)
	for r := range plots {
		plots[r] = make([]*plot.Plot, cols)
		for c := range plots[r] {
			if i := r*cols + c; i < len(f.panels) {
				p := f.panels[i].plot
				p.X.Label.Text, p.Y.Label.Text = "", ""
				plots[r][c] = p
			}
		}
	}
	return t, plots
}

// gridArea returns the part of area the panels go in: area less the lines
// of the time axis's label under it and of the probability axis's left of
// it (sharedLabels).
func (f *figure) gridArea(area draw.Canvas) draw.Canvas {
	x, y := f.sharedLabels(area)
	lh, gap := f.style.lineHeight(), f.style.pad/2
	return draw.Crop(area, vg.Length(len(y))*lh+gap, 0, vg.Length(len(x))*lh+gap, 0)
}

// sharedLabels returns the shared axes' labels wrapped, never cut: the time
// axis's to area's width less a line for the probability axis's label and
// four ems for the first panel's tick labels (the labels span the panels'
// data areas), the probability axis's to half area's height (the panels'
// titles and time axes take the rest).
func (f *figure) sharedLabels(area draw.Canvas) (x, y []string) {
	st := f.style
	xs := st.text(st.font, draw.XCenter, draw.YBottom)
	x = wrapAll(f.xlabel, xs, area.Size().X-st.lineHeight()-st.pad/2-4*st.font)
	y = wrapAll(f.ylabel2, xs, area.Size().Y/2)
	return max1(x), max1(y)
}

// max1 is lines, or one empty line if there are none (a strip is kept).
func max1(lines []string) []string {
	if len(lines) == 0 {
		return []string{""}
	}
	return lines
}

// drawAxisLabels draws the shared axes' labels (sharedLabels) centred along
// the grid's data areas (from the first panel's left to the last column's
// right, the top row's top to the bottom row's bottom).
func (f *figure) drawAxisLabels(c, area draw.Canvas, cans [][]draw.Canvas) {
	st := f.style
	first := f.panels[0].plot.DataCanvas(cans[0][0])
	var last draw.Canvas
	for r := range cans {
		for col := range cans[r] {
			if i := r*len(cans[r]) + col; i < len(f.panels) {
				d := f.panels[i].plot.DataCanvas(cans[r][col])
				if r == 0 {
					last.Max.X = max(last.Max.X, d.Max.X)
				}
				if col == 0 {
					last.Min.Y = d.Min.Y
				}
			}
		}
	}
	x, y := f.sharedLabels(area)
	xs := st.text(st.font, draw.XCenter, draw.YBottom)
	c.FillText(xs, vg.Point{X: (first.Min.X + last.Max.X) / 2, Y: area.Min.Y}, strings.Join(x, "\n"))
	ys := st.text(st.font, draw.XCenter, draw.YTop)
	ys.Rotation = math.Pi / 2
	c.FillText(ys, vg.Point{X: area.Min.X, Y: (first.Max.Y + last.Min.Y) / 2}, strings.Join(y, "\n"))
}

// placePanels places the panels on the grid's part of area and returns the
// smallest data area of a panel; the panels' titles are wrapped to their
// width, never cut (a figure whose titles leave its panels too little room
// grows: growToFit).
func (f *figure) placePanels(area draw.Canvas) (cans [][]draw.Canvas, least vg.Point) {
	area = f.gridArea(area)
	cols, rows := panelGrid(len(f.panels), area.Size())
	t, plots := f.panelTiles(cols, rows)
	ts := f.style.text(f.style.font, draw.XCenter, draw.YTop)
	for _, pn := range f.panels {
		w := area.Size().X/vg.Length(cols) - f.style.pad
		pn.plot.Title.Text = strings.Join(wrapAll(pn.title, ts, w), "\n")
	}
	cans = plot.Align(plots, t, area)
	// Ticks as many as each panel's data area holds, the same on every panel.
	d := plots[0][0].DataCanvas(cans[0][0]).Size()
	for _, pn := range f.panels {
		if tt, ok := pn.plot.X.Tick.Marker.(timeTicker); ok {
			tt.max = timeTickCount(d.X/0.8, f.style.font)
			pn.plot.X.Tick.Marker = tt
		}
		pn.plot.Y.Tick.Marker = probabilityTicker{label: probabilityLabels(d.Y, f.style)}
	}
	cans = plot.Align(plots, t, area)
	least = vg.Point{X: vg.Length(math.Inf(1)), Y: vg.Length(math.Inf(1))}
	for r := range plots {
		for c, p := range plots[r] {
			if p == nil {
				continue
			}
			d := p.DataCanvas(cans[r][c]).Size()
			least.X, least.Y = min(least.X, d.X), min(least.Y, d.Y)
		}
	}
	return cans, least
}

// drawPanels draws the panels and the axes' labels on area of c.
func (f *figure) drawPanels(c, area draw.Canvas) {
	cans, _ := f.placePanels(area)
	cols := len(cans[0])
	for i, pn := range f.panels {
		pn.plot.Draw(cans[i/cols][i%cols])
	}
	f.drawAxisLabels(c, area, cans)
}

// panelsFit reports whether every panel on area keeps f.least (else
// minPanelShare of the canvas height c) in data area.
func (f *figure) panelsFit(area draw.Canvas, c vg.Point) bool {
	_, least := f.placePanels(area)
	need := f.least
	if need == 0 {
		need = vg.Length(minPanelShare) * c.Y
	}
	return least.X >= need && least.Y >= need
}

// panelsError is the error of small multiples that do not fit.
func panelsError(n int, c vg.Point) error {
	return fmt.Errorf("%d panels do not fit on a figure of %s × %s (grown to at most %s high): make it larger (--fig-height, --fig-width), the text smaller (--font-size), or leave out the title and caption (--fig-title=false)",
		n, formatMM(c.X), formatMM(c.Y), formatMM(maxFigureHeight))
}

// probabilityLabels returns how many twentieths apart the labels of a
// probability axis of the given height go: 0.1 apart if they fit with a
// half a line between them, else 0.2, 0.5 or only 0 and 1.
func probabilityLabels(height vg.Length, st figureStyle) int {
	for _, every := range []int{2, 4, 10} {
		if vg.Length(20/every)*1.5*st.lineHeight() <= height {
			return every
		}
	}
	return 20
}
