package report

import (
	"bytes"
	"image"
	"image/color"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// svgBody draws on a 100 × 50 pt SVG canvas and returns what it wrote
// between the header and </svg>.
func svgBody(t *testing.T, draw func(c *svgCanvas)) string {
	t.Helper()
	c := newSVGCanvas(100, 50)
	draw(c)
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	head := string(svgHeader(100, 50))
	s, ok := strings.CutPrefix(b.String(), head)
	if !ok {
		t.Fatalf("the document does not start with its header:\n%s", b.String())
	}
	return strings.TrimSuffix(s, "</svg>\n")
}

// TestSVGCanvasWrites: what the canvas writes for each kind of drawing, in
// page coordinates (y down from the top of the 50 pt page), computed by
// hand: no transform but a text's plain rotation.
func TestSVGCanvasWrites(t *testing.T) {
	face := font.DefaultCache.Lookup(figureFont, 8)
	fam := `font-family="'Liberation Sans', Arial, Helvetica, sans-serif"`
	square := vg.Path{{Type: vg.MoveComp, Pos: vg.Point{X: 0, Y: 0}}, {Type: vg.LineComp, Pos: vg.Point{X: 10, Y: 0}},
		{Type: vg.LineComp, Pos: vg.Point{X: 10, Y: 10}}, {Type: vg.CloseComp}}
	for _, tc := range []struct {
		name string
		draw func(c *svgCanvas)
		want string
	}{
		{"text, moved", func(c *svgCanvas) {
			c.Translate(vg.Point{X: 10, Y: 5})
			c.FillString(face, vg.Point{X: 2, Y: 3}, "Months since CR/CRh")
		}, `<text x="12" y="42" ` + fam + ` font-size="8" fill="#000000">Months since CR/CRh</text>` + "\n"},
		{"text, turned a quarter (an axis label) and escaped", func(c *svgCanvas) {
			c.Translate(vg.Point{X: 20, Y: 25})
			c.Rotate(math.Pi / 2)
			c.SetColor(color.NRGBA{0x00, 0x72, 0xb2, 0xff})
			c.FillString(face, vg.Point{X: 1, Y: 0}, "P(a < b & c) ≥ 1")
		}, `<text x="20" y="24" transform="rotate(-90 20 24)" ` + fam + ` font-size="8" fill="#0072b2">P(a &lt; b &amp; c) ≥ 1</text>` + "\n"},
		{"text, scaled twice: the font size doubles", func(c *svgCanvas) {
			c.Scale(2, 2)
			c.FillString(face, vg.Point{X: 1.5, Y: 1}, "x")
		}, `<text x="3" y="48" ` + fam + ` font-size="16" fill="#000000">x</text>` + "\n"},
		{"translucent fill, un-premultiplied", func(c *svgCanvas) {
			c.Translate(vg.Point{X: 5, Y: 5})
			c.SetColor(withAlpha(color.NRGBA{0x00, 0x72, 0xb2, 0xff}, 0x33))
			c.Fill(square)
		}, `<path d="M5 45L15 45L15 35Z" fill="#0072b2" fill-opacity="0.2"/>` + "\n"},
		{"dashed stroke, pushed and popped", func(c *svgCanvas) {
			c.Push()
			c.Translate(vg.Point{X: 100, Y: 100})
			c.Pop()
			c.SetLineWidth(0.5)
			c.SetLineDash([]vg.Length{4, 3}, 1)
			c.Stroke(square)
		}, `<path d="M0 50L10 50L10 40Z" fill="none" stroke="#000000" stroke-width="0.5" stroke-dasharray="4 3" stroke-dashoffset="1"/>` + "\n"},
		{"nothing for a zero width or a transparent colour", func(c *svgCanvas) {
			c.SetLineWidth(0)
			c.Stroke(square)
			c.SetLineWidth(1)
			c.SetColor(color.Transparent)
			c.Stroke(square)
			c.Fill(square)
		}, ""},
		{"a circle: four quarter-turn Béziers (k = 4/3·tan(π/8) = 0.55228)", func(c *svgCanvas) {
			c.Fill(vg.Path{{Type: vg.MoveComp, Pos: vg.Point{X: 60, Y: 25}},
				{Type: vg.ArcComp, Pos: vg.Point{X: 50, Y: 25}, Radius: 10, Start: 0, Angle: 2 * math.Pi}, {Type: vg.CloseComp}})
		}, `<path d="M60 25C60 19.48 55.52 15 50 15C44.48 15 40 19.48 40 25C40 30.52 44.48 35 50 35C55.52 35 60 30.52 60 25Z" fill="#000000"/>` + "\n"},
		{"an image, stretched into its rectangle", func(c *svgCanvas) {
			img := image.NewNRGBA(image.Rect(0, 0, 1, 2))
			c.DrawImage(vg.Rectangle{Min: vg.Point{X: 10, Y: 10}, Max: vg.Point{X: 20, Y: 40}}, img)
		}, `<image x="10" y="10" width="10" height="30" preserveAspectRatio="none" xlink:href="data:image/png;base64,`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := svgBody(t, tc.draw)
			if !strings.HasPrefix(got, tc.want) || (tc.want == "" && got != "") || (!strings.Contains(tc.want, "<image") && got != tc.want) {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestSVGFlipsFindsVgsvg: the flip check finds gonum's vgsvg's flips (so it
// can fail), and none in ours.
func TestSVGFlipsFindsVgsvg(t *testing.T) {
	build := func() (*figure, error) { return survivalOf(testResult())(newFigureRun(runOf(Figures{}, testResult()))) }
	ref, err := vgsvgOf(build, Figures{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if flips := svgFlips(ref); len(flips) < 10 {
		t.Errorf("vgsvg's survival figure: %d mirrored elements found, want its page group and every text: %v", len(flips), flips)
	}
	if flips := svgFlips(renderOne(t, "svg", Figures{}, survivalOf(testResult()), testResult())); len(flips) > 0 {
		t.Errorf("ours: %v", flips)
	}
}

// TestSVGTextPlaced: the survival figure's texts, the probability axis's
// label turned a quarter among them, are where the recording canvas draws
// them; and a text moved by 0.01 pt, or turned the other way, is found.
func TestSVGTextPlaced(t *testing.T) {
	set := Figures{}.withDefaults()
	build := func() (*figure, error) { return survivalOf(testResult())(newFigureRun(runOf(Figures{}, testResult()))) }
	f, _ := build()
	var b bytes.Buffer
	if err := render(&b, "svg", f, set); err != nil {
		t.Fatal(err)
	}
	doc := b.String()
	f, _ = build()
	w, h := f.size(set)
	want, err := recordedTexts(f, w, h)
	if err != nil {
		t.Fatal(err)
	}
	if p := textProblems([]byte(doc), want); len(p) > 0 {
		t.Errorf("%d texts: %v", len(want), p)
	}
	m := regexp.MustCompile(`<text x="[0-9.]+" y="([0-9.]+)" transform="rotate\((-90) `).FindStringSubmatchIndex(doc)
	if m == nil {
		t.Fatalf("no text turned a quarter (the probability axis's label):\n%s", doc)
	}
	y, _ := strconv.ParseFloat(doc[m[2]:m[3]], 64)
	for name, bad := range map[string]string{
		"moved by 0.01 pt":     doc[:m[2]] + strconv.FormatFloat(y+0.01, 'f', -1, 64) + doc[m[3]:],
		"turned the other way": doc[:m[4]] + "90" + doc[m[5]:],
	} {
		if p := textProblems([]byte(bad), want); len(p) != 1 {
			t.Errorf("the axis label %s: %d problems found, want 1: %v", name, len(p), p)
		}
	}
}

// TestSVGWriteToTwice: writing leaves the canvas as it was.
func TestSVGWriteToTwice(t *testing.T) {
	c := newSVGCanvas(10, 10)
	c.Fill(vg.Path{{Type: vg.MoveComp}, {Type: vg.LineComp, Pos: vg.Point{X: 1}}, {Type: vg.LineComp, Pos: vg.Point{Y: 1}}, {Type: vg.CloseComp}})
	var a, b bytes.Buffer
	n, err := c.WriteTo(&a)
	if err != nil || n != int64(a.Len()) {
		t.Fatalf("WriteTo: %d, %v; wrote %d", n, err, a.Len())
	}
	c.WriteTo(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("a second WriteTo writes something else")
	}
	if _, err := c.WriteTo(io.Discard); err != nil {
		t.Error(err)
	}
}

// TestSVGFontFallback: every SVG text names fallbacks after Liberation Sans,
// so that a machine without it uses a metrically equal face rather than a
// serif one.
func TestSVGFontFallback(t *testing.T) {
	const family = `font-family="'Liberation Sans', Arial, Helvetica, sans-serif"`
	svg := string(renderOne(t, "svg", Figures{}, survivalOf(testResult()), testResult()))
	texts := strings.Count(svg, "<text")
	if n := strings.Count(svg, family); texts == 0 || n != texts {
		t.Errorf("%d of %d texts have the font fallbacks %s", n, texts, family)
	}
}
