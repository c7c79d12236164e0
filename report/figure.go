package report

import (
	"fmt"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A figure, top to bottom: the title, the plot, the number-at-risk table
// aligned with the plot's time axis, the legend (or the legend to the
// right of both on a wide figure), and the caption.

// figure is a figure ready to draw in any format.
type figure struct {
	style   figureStyle
	title   string // above the plot; "" for none
	caption string // under everything; "" for none
	plot    *plot.Plot
	bar     *plot.Plot // a colour bar right of the plot; nil for none
	// barLabel is the colour bar's label in full, wrapped to the bar's
	// height when the figure is laid out.
	barLabel string
	legend   []legendEntry
	table    *riskTable // under the plot; nil for none
	ylabel   string     // the probability axis's label in full ("": none)
	panels   []panel    // small multiples drawn in the plot's place (see panels.go); plot is the first
	height   vg.Length  // the canvas's height when not the settings' (small multiples grown to fit)
	xlabel   string     // the time axis's label under the panels
	ylabel2  string     // the probability axis's label left of the panels
	least    vg.Length  // the least side of a panel's data area, or of a grown figure's (0: minDataShare of the height)

	// What the figure plots, kept for tests.
	lines []plotted     // the curves' step lines
	marks *marks        // landmarks and published figures
	rings []plotter.XYs // the occupancy's stacked areas, bottom first
}

// minDataShare is the least share of the figure's height the data area must
// keep; a figure whose title, table, legend and caption leave less is an error.
const minDataShare = 0.25

// layout is where the parts of a figure go on a canvas.
type layout struct {
	title, caption []string    // wrapped lines
	titleTop       vg.Point    // centre top of the title's first line
	captionTop     vg.Point    // left top of the caption's first line
	plot           draw.Canvas // the area the plot draws in, axes included
	data           draw.Canvas // the plot's data area within it
	bar            draw.Canvas // the colour bar's area, axis included (if any)
	riskTable      *riskTable  // the table drawn, if any
	table          draw.Canvas // where it goes
	legend         []legendColumn
}

// layout places the figure's parts on c. If the plot would keep too little
// room, the number-at-risk table is left out (the caption says so), then the
// legend is set in two or three columns with its labels wrapped narrower; if
// the plot still would, layout fails. The probability axis's label runs
// along the data area's height: the parts are placed with a placeholder of
// one line for it (any label that fits is as thick), first so that the
// whole label fits, else with room for two lines, three, ... up to
// maxYLabelLines, wrapped into them; past those it is cut (a title of
// hundreds of characters).
func (f *figure) layout(c draw.Canvas) (layout, error) {
	y := &f.plot.Y.Label
	if f.ylabel == "" {
		return f.placeParts(c, false)
	}
	y.Text = "…"
	l, err := f.placeParts(c, true)
	if err == nil {
		y.Text = f.ylabel
		return l, nil
	}
	for n := 2; ; n++ {
		y.Text = strings.Repeat("…\n", n-1) + "…"
		l, err = f.placeParts(c, false)
		lines := wrapAll(f.ylabel, y.TextStyle, l.data.Size().Y)
		if len(lines) > n && n < maxYLabelLines && err == nil {
			continue
		}
		if len(lines) > n {
			lines = wrap(f.ylabel, y.TextStyle, l.data.Size().Y, n)
		}
		y.Text = strings.Join(lines, "\n")
		return l, err
	}
}

// maxYLabelLines bounds the lines of a probability axis's label (an
// endpoint's title in an overlay).
const maxYLabelLines = 6

// placeParts places the figure's parts on c (see layout); whole: only so
// that the axis's label fits whole.
func (f *figure) placeParts(c draw.Canvas, whole bool) (layout, error) {
	l, ok := f.place(c, f.table, f.caption, 1, whole)
	best := l // of the tries that do not fit, the one whose data area is highest
	try := func(table *riskTable, caption string, cols int) {
		l, ok = f.place(c, table, caption, cols, whole)
		if !ok && l.data.Size().Y > best.data.Size().Y {
			best = l
		}
	}
	caption := f.caption
	if !ok && f.table != nil {
		caption = sentences(f.caption, "Number at risk left out: the figure is too small for it")
		try(nil, caption, 1)
	}
	for cols := 2; !ok && cols <= 3 && len(f.legend) > cols; cols++ {
		try(nil, caption, cols)
	}
	if !ok {
		l = best
	}
	if !ok && len(f.panels) > 0 {
		return l, panelsError(len(f.panels), c.Size())
	}
	if !ok {
		left := "no room"
		if w, h := l.data.Size().X, l.data.Size().Y; w > 0 && h > 0 {
			left = formatMM(w) + " × " + formatMM(h)
		}
		return l, fmt.Errorf("a figure of %s × %s leaves %s for the plot, too little beside its title, legend and caption: "+
			"make it larger (--fig-width, --fig-height), the text smaller (--font-size), or leave out the title and caption (--fig-title=false)",
			formatMM(c.Size().X), formatMM(c.Size().Y), left)
	}
	return l, nil
}

// place lays out the figure with the given table (nil: none), caption and
// least number of legend columns, and reports whether the data area keeps
// minDataShare of the height (and as much width) and, if whole, is as high as
// the axis's label is long.
func (f *figure) place(c draw.Canvas, table *riskTable, caption string, cols int, whole bool) (layout, bool) {
	st := f.style
	l := layout{riskTable: table}
	inner := draw.Crop(c, st.pad, -st.pad, st.pad, -st.pad)
	if f.title != "" {
		ts := st.text(st.title, draw.XCenter, draw.YTop)
		l.title = wrapAll(f.title, ts, inner.Size().X) // whole: a figure that cannot hold it grows (fitHeight)
		l.titleTop = vg.Point{X: (inner.Min.X + inner.Max.X) / 2, Y: inner.Max.Y}
		h := vg.Length(len(l.title)) * ts.FontExtents().Height
		inner = draw.Crop(inner, 0, 0, 0, -(h + st.pad))
	}
	if caption != "" {
		l.caption = wrapAll(caption, st.body(), inner.Size().X)
		h := vg.Length(len(l.caption)) * st.lineHeight()
		l.captionTop = vg.Point{X: inner.Min.X, Y: inner.Min.Y + h}
		inner = draw.Crop(inner, 0, 0, h+st.pad, 0)
	}
	area, columns := arrange(inner, f.plot, f.legend, st, cols)
	l.legend = columns
	if table != nil {
		if len(columns) > 0 && columns[0].area.Max.Y <= area.Min.Y { // the legend is under the plot
			area = draw.Crop(area, 0, 0, st.pad, 0)
		}
		h := table.height(st)
		l.table = subCanvas(area, vg.Rectangle{Min: area.Min, Max: vg.Point{X: area.Max.X, Y: area.Min.Y + h}})
		area = draw.Crop(area, 0, 0, h+st.pad, 0)
		// Room left of the data area for the rows' labels.
		need := table.leftWidth(st)
		if have := f.plot.DataCanvas(area).Min.X - area.Min.X; have < need {
			area.Min.X += need - have
		}
	}
	full := area
	if f.bar != nil {
		f.wrapBarLabel(area.Size().Y)
		area, l.bar = f.barStrip(full)
	}
	l.plot = area
	var within bool
	l.data, within = dataCanvas(f.plot, area)
	if f.bar != nil && f.wrapBarLabel(l.data.Size().Y) { // wrapped to the bar's height: its axis is wider
		area, l.bar = f.barStrip(full)
		l.plot = area
		l.data, within = dataCanvas(f.plot, area)
	}
	if f.bar != nil { // the bar as high as the data area
		l.bar.Min.Y, l.bar.Max.Y = l.data.Min.Y, l.data.Max.Y
	}
	if len(f.panels) > 0 {
		return l, f.panelsFit(area, c.Size())
	}
	least := minDataShare * c.Size().Y
	if f.least > 0 { // a figure grown to fit its rows: the share of its height as set
		least = f.least
	}
	fits := !whole || f.plot.Y.Label.TextStyle.Width(f.ylabel) <= l.data.Size().Y
	if f.bar != nil { // a word of the bar's label longer than the bar: too small
		for _, line := range strings.Split(f.bar.Y.Label.Text, "\n") {
			fits = fits && f.bar.Y.Label.TextStyle.Width(line) <= l.data.Size().Y
		}
	}
	return l, within && l.data.Size().Y >= least && l.data.Size().X >= least && fits
}

// draw draws the figure on c.
func (f *figure) draw(c draw.Canvas) error {
	l, err := f.layout(c)
	if err != nil {
		return err
	}
	st := f.style
	ts := st.text(st.title, draw.XCenter, draw.YTop)
	for i, line := range l.title {
		c.FillText(ts, l.titleTop.Add(vg.Point{Y: -vg.Length(i) * ts.FontExtents().Height}), line)
	}
	if len(f.panels) > 0 {
		f.drawPanels(c, l.plot)
	} else {
		f.plot.Title.Text = ""
		f.plot.Draw(l.plot)
	}
	if f.bar != nil {
		f.bar.Draw(l.bar)
	}
	if l.riskTable != nil {
		l.riskTable.draw(c, l, f.plot, st)
	}
	for _, col := range l.legend {
		legendBox{col.entries, st}.draw(col.area)
	}
	cs := st.text(st.font, draw.XLeft, draw.YTop)
	for i, line := range l.caption {
		c.FillText(cs, l.captionTop.Add(vg.Point{Y: -vg.Length(i) * st.lineHeight()}), line)
	}
	return nil
}

// wrap breaks s into lines no wider than width in style sty, between words,
// at most maxLines of them; a last line that cannot hold the rest, or a word
// wider than a line, is cut and ends in an ellipsis.
func wrap(s string, sty text.Style, width vg.Length, maxLines int) []string {
	var lines []string
	line := ""
	words := strings.Fields(s)
	for i, w := range words {
		try := strings.TrimSpace(line + " " + w)
		if line == "" || sty.Width(try) <= width {
			line = try
			continue
		}
		if len(lines) == maxLines-1 {
			lines = append(lines, fitText(strings.Join(append([]string{line}, words[i:]...), " ")+"…", sty, width))
			return lines
		}
		lines = append(lines, fitText(line, sty, width))
		line = w
	}
	if line != "" {
		lines = append(lines, fitText(line, sty, width))
	}
	return lines
}

// fitText cuts s to the width, ending it in an ellipsis if it is cut.
func fitText(s string, sty text.Style, width vg.Length) string {
	if sty.Width(s) <= width {
		return s
	}
	r := []rune(strings.TrimSuffix(s, "…"))
	for n := len(r) - 1; n > 0; n-- {
		cut := strings.TrimRight(string(r[:n]), " ,;:/(–-") + "…"
		if sty.Width(cut) <= width {
			return cut
		}
	}
	return "…"
}

// wrapBarLabel wraps the colour bar's label (barLabel) into lines no longer
// than height, the bar's, and reports whether that changed it. gonum/plot pads
// a vertical axis's data area by half its label's length at either end, so a
// label longer than the bar made its height negative (and ColorBar panic).
func (f *figure) wrapBarLabel(height vg.Length) bool {
	y := &f.bar.Y.Label
	text := strings.Join(wrapAll(f.barLabel, y.TextStyle, height), "\n")
	if text == y.Text {
		return false
	}
	y.Text = text
	return true
}

// barStrip splits area into the plot's part and, on its right, a strip for
// the colour bar: the bar barWidth wide, its axis (ticks, labels) left of it.
func (f *figure) barStrip(area draw.Canvas) (draw.Canvas, draw.Canvas) {
	st := f.style
	thick := 1.5 * st.lineHeight()
	axis := area.Size().X - f.bar.DataCanvas(area).Size().X // the axis' width, whatever the canvas
	w := axis + thick
	strip := area
	strip.Min.X = area.Max.X - w
	area.Max.X = strip.Min.X - 2*st.pad
	return area, strip
}
