package report

// svgCanvas is a vg.Canvas that writes an SVG document an editor can work
// with. gonum/plot's vgsvg wraps the page in a scale(1,-1) group (vg's y
// axis points up, SVG's down) and gives every text its own scale(1,-1)
// transform to stand it upright again, and every rotation and translation
// of the drawing becomes a nested group: in Inkscape or Illustrator a text
// cannot be moved or retyped without fighting the flips, and a path's
// coordinates are not those of the page. Here the canvas keeps the current
// transform itself and writes everything in page coordinates (points, y
// down, the viewBox's unit): a path's d in page coordinates, a text as
// <text x y> at its baseline's left end with no transform, or a plain
// rotate(angle x y) when it is turned (the probability axis's label), and
// no groups. Styles are presentation attributes (fill, stroke, font-size ...),
// which editors show and change. Numbers are written with two decimals
// (0.01 pt, 0.0035 mm), so the same figure gives the same bytes.
//
// What is drawn matches vgsvg: line caps and joins are SVG's defaults (butt
// caps, miter joins), as vgsvg and the PDF canvas leave them; fills use the
// non-zero rule; arcs are written as cubic Béziers (arcBeziers), which any
// affine transform maps exactly. Images are PNG data URIs stretched to their rectangle
// (preserveAspectRatio="none"): vgsvg labels its PNGs image/jpg, which
// librsvg does not draw, and leaves SVG's default, which keeps the image's
// aspect ratio, so that chromium drew the heat map's colour bar, a 1-pixel
// wide image, as a thin strip.
//
// The elements are written by hand rather than through svgo (the library
// under vgsvg): what matters here is the transform, which svgo leaves to
// its caller, and svgo places a text at integer coordinates.

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// svgCanvas draws on one SVG page.
type svgCanvas struct {
	w, h   vg.Length
	body   []byte            // the elements drawn so far
	stack  []svgState        // the state of each Push, the current last
	family map[string]string // the font-family attribute of each face, by name
}

// svgState is the graphics state Push saves and Pop restores.
type svgState struct {
	m      affine2 // from the drawing's coordinates to vg's page coordinates (y up)
	color  color.NRGBA
	width  vg.Length
	dashes []vg.Length
	offset vg.Length
}

// newSVGCanvas returns an empty SVG canvas of the given size.
func newSVGCanvas(w, h vg.Length) *svgCanvas {
	c := &svgCanvas{w: w, h: h, stack: []svgState{{m: identity2}}, family: map[string]string{}}
	vg.Initialize(c)
	return c
}

func (c *svgCanvas) state() *svgState { return &c.stack[len(c.stack)-1] }

func (c *svgCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *svgCanvas) SetLineWidth(w vg.Length) { c.state().width = w }

func (c *svgCanvas) SetLineDash(dashes []vg.Length, offs vg.Length) {
	c.state().dashes = append([]vg.Length(nil), dashes...)
	c.state().offset = offs
}

func (c *svgCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.state().color = color.NRGBAModel.Convert(clr).(color.NRGBA) // un-premultiplied
}

func (c *svgCanvas) Rotate(r float64) {
	s, co := math.Sincos(r)
	c.state().m = c.state().m.then(affine2{a: co, b: s, c: -s, d: co})
}

func (c *svgCanvas) Translate(pt vg.Point) {
	c.state().m = c.state().m.then(affine2{a: 1, d: 1, e: float64(pt.X), f: float64(pt.Y)})
}

func (c *svgCanvas) Scale(x, y float64) { c.state().m = c.state().m.then(affine2{a: x, d: y}) }

func (c *svgCanvas) Push() { c.stack = append(c.stack, *c.state()) }

func (c *svgCanvas) Pop() { c.stack = c.stack[:len(c.stack)-1] }

// Stroke draws p's outline in the current colour, width and dashes.
func (c *svgCanvas) Stroke(p vg.Path) {
	st := c.state()
	if st.width <= 0 || st.color.A == 0 || len(p) == 0 {
		return
	}
	s := st.m.scale()
	b := append(c.body, `<path d="`...)
	b = c.appendPath(b, p)
	b = append(b, `" fill="none" stroke="`...)
	b = appendColor(b, st.color)
	b = appendOpacity(b, " stroke-opacity", st.color)
	b = append(b, `" stroke-width="`...)
	b = appendNum(b, float64(st.width)*s)
	if len(st.dashes) > 0 {
		b = append(b, `" stroke-dasharray="`...)
		for i, d := range st.dashes {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendNum(b, float64(d)*s)
		}
		if st.offset != 0 {
			b = append(b, `" stroke-dashoffset="`...)
			b = appendNum(b, float64(st.offset)*s)
		}
	}
	c.body = append(b, "\"/>\n"...)
}

// Fill fills p in the current colour.
func (c *svgCanvas) Fill(p vg.Path) {
	st := c.state()
	if st.color.A == 0 || len(p) == 0 {
		return
	}
	b := append(c.body, `<path d="`...)
	b = c.appendPath(b, p)
	b = append(b, `" fill="`...)
	b = appendColor(b, st.color)
	b = appendOpacity(b, " fill-opacity", st.color)
	c.body = append(b, "\"/>\n"...)
}

// FillString writes str with its baseline's left end at pt (gonum's text
// handler has placed and aligned it; draw.Canvas.FillText calls it so).
func (c *svgCanvas) FillString(f font.Face, pt vg.Point, str string) {
	if f.Font.Size <= 0 || str == "" {
		return
	}
	st := c.state()
	p := c.page(st.m.then(affine2{a: 1, d: 1, e: float64(pt.X), f: float64(pt.Y)}))
	size := float64(f.Font.Size)
	b := append(c.body, `<text x="`...)
	if p.similar() { // upright, or turned: a plain rotation about the baseline's start
		size *= p.scale()
		b = appendNum(b, p.e)
		b = append(b, `" y="`...)
		b = appendNum(b, p.f)
		if angle := roundNum(math.Atan2(p.b, p.a) * 180 / math.Pi); angle != 0 {
			b = append(b, `" transform="rotate(`...)
			b = appendNum(b, angle)
			b = append(b, ' ')
			b = appendNum(b, p.e)
			b = append(b, ' ')
			b = appendNum(b, p.f)
			b = append(b, ')')
		}
	} else { // skewed or mirrored by the drawing (no figure does so)
		b = append(b, `0" y="0" transform="`...)
		b = appendMatrix(b, p)
	}
	b = append(b, `" font-family="`...)
	b = append(b, c.fontFamily(f)...)
	b = append(b, `" font-size="`...)
	b = appendNum(b, size)
	if w := f.Font.Weight; w != xfont.WeightNormal {
		b = append(b, `" font-weight="`...)
		b = appendNum(b, float64(400+100*int(w))) // x/image/font: WeightThin (-3) is CSS 100 ... WeightBlack (5) 900
	}
	switch f.Font.Style {
	case xfont.StyleItalic:
		b = append(b, `" font-style="italic`...)
	case xfont.StyleOblique:
		b = append(b, `" font-style="oblique`...)
	}
	b = append(b, `" fill="`...)
	b = appendColor(b, st.color)
	b = appendOpacity(b, " fill-opacity", st.color)
	b = append(b, `">`...)
	b = appendEscaped(b, str)
	c.body = append(b, "</text>\n"...)
}

// DrawImage draws img, as a PNG data URI, stretched into rect.
func (c *svgCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(fmt.Sprintf("report: encoding an image for an SVG: %v", err))
	}
	// The image's own space has its origin at rect's top left, y down.
	p := c.page(c.state().m.then(affine2{a: 1, d: 1, e: float64(rect.Min.X), f: float64(rect.Max.Y)}))
	w, h := float64(rect.Max.X-rect.Min.X), float64(rect.Max.Y-rect.Min.Y)
	b := append(c.body, `<image x="`...)
	if p.b == 0 && p.c == 0 && p.a > 0 && p.d > 0 { // only moved and scaled
		b = appendNum(b, p.e)
		b = append(b, `" y="`...)
		b = appendNum(b, p.f)
		b = append(b, `" width="`...)
		b = appendNum(b, w*p.a)
		b = append(b, `" height="`...)
		b = appendNum(b, h*p.d)
	} else {
		b = append(b, `0" y="0" width="`...)
		b = appendNum(b, w)
		b = append(b, `" height="`...)
		b = appendNum(b, h)
		b = append(b, `" transform="`...)
		b = appendMatrix(b, p)
	}
	b = append(b, `" preserveAspectRatio="none" xlink:href="data:image/png;base64,`...)
	b = base64.StdEncoding.AppendEncode(b, buf.Bytes())
	c.body = append(b, "\"/>\n"...)
}

// page returns m, which maps a drawing's coordinates (y up) to vg's page,
// as a map from coordinates with y down (a text's, an image's) to the SVG
// page (y down from the top): m between two flips of y.
func (c *svgCanvas) page(m affine2) affine2 {
	return affine2{a: m.a, b: -m.b, c: -m.c, d: m.d, e: m.e, f: float64(c.h) - m.f}
}

// fontFamily returns the font-family of f's face: its family name, then
// faces metrically equal to it and a generic family, so that a machine
// without it neither falls back to a serif face nor clips the text.
func (c *svgCanvas) fontFamily(f font.Face) string {
	key := f.Name()
	if s, ok := c.family[key]; ok {
		return s
	}
	var buf sfnt.Buffer
	name, err := f.Face.Name(&buf, sfnt.NameIDFamily)
	if err != nil {
		name = string(f.Font.Typeface) // the embedded Liberation fonts always have a name
	}
	s := string(appendEscaped(nil, "'"+name+"'"+svgFallbacks[name]))
	c.family[key] = s
	return s
}

// svgFallbacks are what follows a face's name in its font-family: the faces
// metrically compatible with it (the Liberation fonts were made to be), then
// the generic family.
var svgFallbacks = map[string]string{
	"Liberation Sans":  ", Arial, Helvetica, sans-serif",
	"Liberation Serif": ", 'Times New Roman', Times, serif",
	"Liberation Mono":  ", 'Courier New', Courier, monospace",
}

// svgHeader opens an SVG document of w × h points whose user unit is the
// point.
func svgHeader(w, h vg.Length) []byte {
	b := []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg width=\"")
	b = appendNum(b, float64(w))
	b = append(b, `pt" height="`...)
	b = appendNum(b, float64(h))
	b = append(b, `pt" viewBox="0 0 `...)
	b = appendNum(b, float64(w))
	b = append(b, ' ')
	b = appendNum(b, float64(h))
	return append(b, `" version="1.1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xml:space="preserve">`+"\n"...)
}

// WriteTo writes the document to w; the canvas stays as it is.
func (c *svgCanvas) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	for _, p := range [][]byte{svgHeader(c.w, c.h), c.body, []byte("</svg>\n")} {
		if _, err := cw.Write(p); err != nil {
			return cw.n, err
		}
	}
	return cw.n, nil
}
