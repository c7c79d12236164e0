package report

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The look of every figure: colours, line styles, fonts and the sizes that
// follow from the font size, so that a figure keeps its proportions from a
// single journal column at 8 points to a slide at 14.

// palette is the Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008), black
// last. Curves take its colours in order, one per endpoint.
var palette = []color.NRGBA{
	{0x00, 0x72, 0xb2, 0xff}, // blue
	{0xd5, 0x5e, 0x00, 0xff}, // vermillion
	{0x00, 0x9e, 0x73, 0xff}, // bluish green
	{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
	{0xe6, 0x9f, 0x00, 0xff}, // orange
	{0x56, 0xb4, 0xe9, 0xff}, // sky blue
	{0xf0, 0xe4, 0x42, 0xff}, // yellow
	{0x00, 0x00, 0x00, 0xff}, // black
}

// statePalette is the same eight colours in the order the occupancy figure
// stacks them, neighbours alternating dark and light (relative luminance in
// brackets, WCAG 2.0; neighbours differ by at least 0.07), so that adjacent
// areas stay apart in grey print; white lines between the areas do the rest.
var statePalette = []color.NRGBA{
	{0x00, 0x9e, 0x73, 0xff}, // bluish green (0.26)
	{0xf0, 0xe4, 0x42, 0xff}, // yellow (0.74)
	{0x00, 0x72, 0xb2, 0xff}, // blue (0.15)
	{0xe6, 0x9f, 0x00, 0xff}, // orange (0.42)
	{0x00, 0x00, 0x00, 0xff}, // black (0)
	{0x56, 0xb4, 0xe9, 0xff}, // sky blue (0.41)
	{0xd5, 0x5e, 0x00, 0xff}, // vermillion (0.22)
	{0xcc, 0x79, 0xa7, 0xff}, // reddish purple (0.29)
}

// paletteColor returns the i-th curve colour, cycling through the palette.
func paletteColor(i int) color.NRGBA { return palette[i%len(palette)] }

// stateColor returns the i-th state's colour: the palette, then (past eight
// states) its colours mixed halfway with white, then again, so that up to
// sixteen states have colours of their own.
func stateColor(i int) color.NRGBA {
	c := statePalette[i%len(statePalette)]
	if (i/len(statePalette))%2 == 1 {
		mix := func(v uint8) uint8 { return uint8((uint16(v) + 0xff) / 2) }
		c.R, c.G, c.B = mix(c.R), mix(c.G), mix(c.B)
	}
	return c
}

// withAlpha returns c with opacity a.
func withAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}

var (
	black = color.NRGBA{A: 0xff}
	grey  = color.NRGBA{0x80, 0x80, 0x80, 0xff}
)

// figureFont is the typeface of every text: Liberation Sans, metrically
// compatible with Arial and Helvetica, as journals ask.
var figureFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// figureStyle holds the sizes of a figure, all derived from its font size.
type figureStyle struct {
	font  vg.Length // axis labels, tick labels, legend, table, caption
	title vg.Length // the title
	line  vg.Length // width of a curve
	pad   vg.Length // space between the figure's parts
}

// defaultFontSize is the font size of a figure by default: 8 points, the
// usual minimum of a printed journal figure.
const defaultFontSize = 8 * vg.Length(1)

// newStyle returns the sizes of a figure with text of the given size.
func newStyle(size vg.Length) figureStyle {
	k := size / defaultFontSize
	return figureStyle{font: size, title: 1.125 * size, line: k, pad: 4 * k}
}

// text is the figure's text style at the given size, in black, aligned as given.
func (s figureStyle) text(size vg.Length, x draw.XAlignment, y draw.YAlignment) text.Style {
	return text.Style{Color: black, Font: font.From(figureFont, size), XAlign: x, YAlign: y,
		Handler: textHandler}
}

// body is the style of ordinary text, left and bottom aligned.
func (s figureStyle) body() text.Style { return s.text(s.font, draw.XLeft, draw.YBottom) }

// lineHeight is the height of a line of body text.
func (s figureStyle) lineHeight() vg.Length { return s.body().FontExtents().Height }

// dashes returns the i-th dash pattern, scaled with the line width: solid,
// long dashes, short dashes, dots, dash-dot, ... (plotutil.DefaultDashes).
func (s figureStyle) dashes(i int) []vg.Length {
	d := plotutil.Dashes(i)
	out := make([]vg.Length, len(d))
	for j, x := range d {
		out[j] = x * s.line
	}
	return out
}

// curveLine is the line of a curve in colour c with the i-th dash pattern.
func (s figureStyle) curveLine(c color.Color, dash int) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: s.line, Dashes: s.dashes(dash)}
}

// apply gives p's axes the figure's fonts, line widths and tick lengths.
func (s figureStyle) apply(p *plot.Plot) {
	k := s.line
	p.Title.TextStyle = s.text(s.title, draw.XCenter, draw.YTop)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(figureFont, s.font)
		a.Label.TextStyle.Handler = textHandler // multi-line labels a full line apart
		a.Tick.Label.Handler = textHandler
		a.Label.Padding = 2 * k
		a.Tick.Label.Font = font.From(figureFont, s.font)
		a.Width = 0.5 * k
		a.Tick.Width = 0.5 * k
		a.Tick.Length = 3 * k
		a.Padding = 2 * k
	}
	// gonum sets the time axis's tick labels with the top of their box
	// (the font's ascent) 0.4 pt into the ticks above them: they are moved
	// down by a line width, and the axis's label as much further.
	ext := p.X.Tick.Label.FontExtents()
	p.X.Tick.Label.YAlign = draw.YTop - text.YAlignment(k/(ext.Ascent+ext.Descent))
	p.X.Label.Padding += k
}
