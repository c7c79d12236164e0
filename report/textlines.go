package report

import (
	"math"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// lineText is gonum's plain text handler with one fix: gonum draws the lines
// of a multi-line text a font size apart (8 pt at 8 pt), while it measures
// them (Style.Height, Rectangle) a full line apart (ascent + descent + gap,
// 9.2 pt for Liberation Sans), so wrapped legend labels overprinted their
// neighbours' descenders. Here the lines are drawn a full line apart; single
// lines are drawn by gonum's handler as before, and the last line of a
// multi-line text where gonum draws a single line (its baseline a font size
// above the foot of the box gonum measures, less the ascent: the text 0.94
// pt below that box for Liberation Sans at 8 pt), so that one-line and
// wrapped texts side by side (a number-at-risk table's rows) line up.
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
		y := bottom + sty.Font.Size - ext.Ascent + vg.Length(len(lines)-1-i)*ext.Height
		c.FillString(fnt, vg.Point{X: x, Y: y}, line)
	}
}

// wrapAll breaks s into lines no wider than width in style sty, keeping
// its own line breaks, between words where it can: a word wider than a line
// is broken within it, after its last '_', '-' or '/' that fits, else after
// the last character that fits. Nothing is cut: the text takes as many
// lines as it needs.
func wrapAll(s string, sty text.Style, width vg.Length) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, wrapParagraph(para, sty, width)...)
	}
	return lines
}

// wrapParagraph is wrapAll of a text without line breaks.
func wrapParagraph(s string, sty text.Style, width vg.Length) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" {
			if try := line + " " + w; sty.Width(try) <= width {
				line = try
				continue
			}
			lines = append(lines, line)
		}
		// w starts a line: broken while it is wider than one.
		for utf8.RuneCountInString(w) > 1 && sty.Width(w) > width {
			head, rest := breakWord(w, sty, width)
			lines = append(lines, head)
			w = rest
		}
		line = w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// breakWord splits a word wider than width into a head that fits (at least
// one character) and the rest: after the last '_', '-' or '/' that fits, if
// any, else after the last character that fits.
func breakWord(w string, sty text.Style, width vg.Length) (string, string) {
	r := []rune(w)
	n := 1
	for n < len(r) && sty.Width(string(r[:n+1])) <= width {
		n++
	}
	for k := n; k > 1; k-- {
		if c := r[k-1]; c == '_' || c == '-' || c == '/' {
			return string(r[:k]), string(r[k:])
		}
	}
	return string(r[:n]), string(r[n:])
}
