package report

// pdfCanvas is a vg.Canvas that draws to a PDF through codeberg.org/go-pdf/fpdf,
// written after gonum/plot's vgpdf (Copyright ©2015 The Gonum Authors,
// BSD-3-Clause) with three of its defects fixed at their root, which vgpdf
// does not let a caller reach (its document is private):
//
//   - Text: vgpdf embeds each font as a single-byte TrueType font in code page
//     1252 and hands fpdf the UTF-8 bytes, so every non-ASCII character
//     ("–", "≥", "×", "…") prints as two or three wrong glyphs. Here each
//     font is added with fpdf's AddUTF8FontFromBytes: a Type0 font with
//     Identity-H encoding, a ToUnicode map (text is searchable and copies
//     out intact) and only the glyphs used embedded (fpdf subsets it), so a
//     figure carries ~20 KB of font rather than the whole face.
//   - Colour: vgpdf passes color.Color's premultiplied RGBA to SetFillColor, so
//     a translucent band (blue at 20% opacity) becomes a dark colour at 20%
//     opacity, which reads grey (gonum/plot issue #421). Here the colour is
//     un-premultiplied first.
//   - Reproducibility: fonts are registered under one fixed name per face, in
//     the order they are first used, so the same figure gives the same bytes.

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pdfDPI is the nominal resolution of a PDF: its unit is the point.
const pdfDPI = 72

// pdfCanvas draws on a one-page PDF.
type pdfCanvas struct {
	doc    *fpdf.Fpdf
	w, h   vg.Length
	widths []vg.Length     // the line width of each pushed state
	fonts  map[string]bool // the faces added to doc, by name
	images int
}

// newPDFCanvas returns an empty PDF canvas of the given size.
func newPDFCanvas(w, h vg.Length) *pdfCanvas {
	pdfDefaults()
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: w.Points(), Ht: h.Points()}})
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.SetCompression(true)
	doc.AddPage()
	c := &pdfCanvas{doc: doc, w: w, h: h, widths: []vg.Length{1}, fonts: map[string]bool{}}
	// vg's origin is the bottom left corner, fpdf's the top left.
	c.Push()
	c.doc.TransformTranslate(0, h.Points())
	c.doc.TransformScale(100, -100, 0, 0)
	vg.Initialize(c)
	return c
}

func (c *pdfCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *pdfCanvas) SetLineWidth(w vg.Length) {
	c.widths[len(c.widths)-1] = w
	c.doc.SetLineWidth(w.Points())
}

func (c *pdfCanvas) SetLineDash(dashes []vg.Length, offs vg.Length) {
	ds := make([]float64, len(dashes))
	for i, d := range dashes {
		ds[i] = d.Points()
	}
	c.doc.SetDashPattern(ds, offs.Points())
}

func (c *pdfCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	n := color.NRGBAModel.Convert(clr).(color.NRGBA) // un-premultiplied
	r, g, b := int(n.R), int(n.G), int(n.B)
	c.doc.SetFillColor(r, g, b)
	c.doc.SetDrawColor(r, g, b)
	c.doc.SetTextColor(r, g, b)
	c.doc.SetAlpha(float64(n.A)/0xff, "Normal")
}

func (c *pdfCanvas) Rotate(r float64) { c.doc.TransformRotate(-r*180/math.Pi, 0, 0) }

func (c *pdfCanvas) Translate(pt vg.Point) { c.doc.TransformTranslate(pt.X.Points(), pt.Y.Points()) }

func (c *pdfCanvas) Scale(x, y float64) { c.doc.TransformScale(x*100, y*100, 0, 0) }

func (c *pdfCanvas) Push() {
	c.widths = append(c.widths, c.widths[len(c.widths)-1])
	c.doc.TransformBegin()
}

func (c *pdfCanvas) Pop() {
	c.doc.TransformEnd()
	c.widths = c.widths[:len(c.widths)-1]
}

func (c *pdfCanvas) Stroke(p vg.Path) {
	if c.widths[len(c.widths)-1] > 0 {
		c.path(p, "D")
	}
}

func (c *pdfCanvas) Fill(p vg.Path) { c.path(p, "F") }

// FillString draws str with its baseline's left end at pt.
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, str string) {
	if f.Font.Size == 0 || str == "" {
		return
	}
	name := f.Name()
	if !c.fonts[name] {
		var raw bytes.Buffer
		if _, err := f.Face.WriteSourceTo(nil, &raw); err != nil {
			panic(fmt.Sprintf("report: font %q has no source to embed: %v", name, err)) // the embedded Liberation fonts always do
		}
		c.doc.AddUTF8FontFromBytes(name, "", raw.Bytes())
		c.fonts[name] = true
	}
	c.doc.SetFont(name, "", f.Font.Size.Points())
	c.Push()
	defer c.Pop()
	c.Translate(pt)
	c.Scale(1, -1) // text upright in fpdf's top-down space
	c.doc.Text(0, 0, str)
}

// DrawImage draws img, as a PNG, into rect.
func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(fmt.Sprintf("report: encoding an image for a PDF: %v", err))
	}
	c.images++
	name := fmt.Sprintf("image_%03d.png", c.images)
	opts := fpdf.ImageOptions{ImageType: "png"}
	c.doc.RegisterImageOptionsReader(name, opts, &buf)
	sz := rect.Size()
	c.Push()
	defer c.Pop()
	// Images are placed top-down: flip about the rectangle.
	c.Translate(vg.Point{X: rect.Min.X, Y: rect.Max.Y})
	c.Scale(1, -1)
	c.doc.ImageOptions(name, 0, 0, sz.X.Points(), sz.Y.Points(), false, opts, 0, "")
}

// path adds p to the page and strokes ("D") or fills ("F") it.
func (c *pdfCanvas) path(p vg.Path, style string) {
	var start vg.Point
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			start = comp.Pos
			c.doc.MoveTo(comp.Pos.X.Points(), comp.Pos.Y.Points())
		case vg.LineComp:
			c.doc.LineTo(comp.Pos.X.Points(), comp.Pos.Y.Points())
		case vg.ArcComp:
			c.arc(comp)
		case vg.CurveComp:
			x, y := comp.Pos.X.Points(), comp.Pos.Y.Points()
			switch len(comp.Control) {
			case 1:
				c.doc.CurveTo(comp.Control[0].X.Points(), comp.Control[0].Y.Points(), x, y)
			case 2:
				c.doc.CurveBezierCubicTo(comp.Control[0].X.Points(), comp.Control[0].Y.Points(),
					comp.Control[1].X.Points(), comp.Control[1].Y.Points(), x, y)
			default:
				panic("report: a curve with more than two control points")
			}
		case vg.CloseComp:
			c.doc.LineTo(start.X.Points(), start.Y.Points())
			c.doc.ClosePath()
		default:
			panic(fmt.Sprintf("report: unknown path component %d", comp.Type))
		}
	}
	c.doc.DrawPath(style)
}

// arc continues the current path with an arc, as cubic Béziers
// (arcBeziers).
func (c *pdfCanvas) arc(comp vg.PathComp) {
	start, curves := arcBeziers(comp)
	c.doc.LineTo(start.X.Points(), start.Y.Points())
	for _, cv := range curves {
		c.doc.CurveBezierCubicTo(cv[0].X.Points(), cv[0].Y.Points(), cv[1].X.Points(), cv[1].Y.Points(), cv[2].X.Points(), cv[2].Y.Points())
	}
}

// WriteTo closes the document and writes it to w.
func (c *pdfCanvas) WriteTo(w io.Writer) (int64, error) {
	c.Pop()
	var buf bytes.Buffer
	if err := c.doc.Output(&buf); err != nil {
		return 0, fmt.Errorf("report: writing a PDF: %w", err)
	}
	return buf.WriteTo(w)
}
