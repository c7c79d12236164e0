package report

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// lineText is gonum's plain text handler with one fix: gonum draws the lines
// of a multi-line text a font size apart (8 pt at 8 pt), while it measures
// them (Style.Height, Rectangle) a full line apart (ascent + descent + gap,
// 9.2 pt for Liberation Sans), so wrapped legend labels overprinted their
// neighbours' descenders. Here the lines are drawn a full line apart, within
// the box gonum measures; single lines are drawn by gonum's handler as before.
type lineText struct{ text.Plain }

// textHandler is the handler of every text of the figures.
var textHandler = lineText{plot.DefaultTextHandler.(text.Plain)}

// Draw implements text.Handler.
func (h lineText) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	lines := h.Lines(txt)
	if len(lines) <= 1 {
		h.Plain.Draw(c, txt, sty, pt)
		return
	}
	fnt := h.Fonts.Lookup(sty.Font, sty.Font.Size)
	ext := fnt.Extents()
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
		defer c.Pop()
	}
	sin64, cos64 := math.Sincos(sty.Rotation)
	cos, sin := vg.Length(cos64), vg.Length(sin64)
	pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin
	ht := sty.Height(txt)
	bottom := pt.Y + ht*vg.Length(sty.YAlign)
	for i, line := range lines {
		x := pt.X + vg.Length(sty.XAlign)*fnt.Width(line)
		y := bottom + ext.Descent + vg.Length(len(lines)-1-i)*ext.Height
		c.FillString(fnt, vg.Point{X: x, Y: y}, line)
	}
}
