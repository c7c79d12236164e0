package report

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os/exec"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/sim"
)

// The pixel comparison: figures drawn through gonum's vgsvg and through our
// SVG canvas, rasterised by librsvg's rsvg-convert, look the same.

// rasterZoom is rsvg-convert's zoom: 2 × 96/72 = 2.67 pixels a point (192
// dpi), fine enough that a text 0.25 pt out of place moves by 2/3 pixel.
const rasterZoom = "2"

// rasterise renders an SVG document to an image with rsvg-convert.
func rasterise(t *testing.T, tool string, doc []byte) image.Image {
	t.Helper()
	cmd := exec.Command(tool, "--zoom", rasterZoom, "--format", "png", "--background-color", "white")
	cmd.Stdin = bytes.NewReader(doc)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rsvg-convert: %v: %s", err, stderr.String())
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// pixelsApart returns the share of pixels whose largest channel difference
// between a and b exceeds an eighth of full scale (32 of 255), and why they
// cannot be compared if they differ in size.
func pixelsApart(a, b image.Image) (float64, error) {
	if a.Bounds() != b.Bounds() {
		return 1, fmt.Errorf("sizes %v and %v", a.Bounds(), b.Bounds())
	}
	r := a.Bounds()
	apart := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			d := max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2))
			if d > 0x2000 {
				apart++
			}
		}
	}
	return float64(apart) / float64(r.Dx()*r.Dy()), nil
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// maxPixelsApart is the share of pixels that may differ by more than an
// eighth of full scale (pixelsApart): one in 10 000. The two documents draw
// the same shapes, but vgsvg writes 5 significant digits of coordinates in
// nested, flipped groups and we two decimals of the page's, and it draws
// arcs as arcs and we as Béziers, so edges are anti-aliased a little
// differently. Measured on rasterFigures with librsvg 2.54 (Debian 12): no
// pixel apart, the largest difference of any pixel 26/255; 1-31% of the
// pixels differ at all, nearly all by under 16/255 (edges, translucent
// fills). Texts moved 0.25 pt put 3% of the pixels apart (the control in
// TestSVGLooksLikeVgsvg).
const maxPixelsApart = 0.0001

// vgsvgComparable makes vgsvg's document comparable with ours where we
// differ from it on purpose: it names Liberation Sans alone (we add
// fallbacks, which a machine without it resolves differently); and its
// images (the heat map's colour bar) are PNGs labelled image/jpg, which
// librsvg does not draw, and keep their aspect ratio, so that chromium,
// which does draw them, shows the 1-pixel wide bar as a thin strip; we
// label them image/png and stretch them to their rectangle, as the PNG does.
func vgsvgComparable(doc []byte) []byte {
	doc = bytes.ReplaceAll(doc, []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans', Arial, Helvetica, sans-serif;"))
	doc = bytes.ReplaceAll(doc, []byte("data:image/jpg;"), []byte("data:image/png;"))
	return bytes.ReplaceAll(doc, []byte("<image "), []byte(`<image preserveAspectRatio="none" `))
}

// rasterFigures are one figure of each kind: the curves, incidence and
// occupancy (small multiples) of three scenarios, and a sensitivity
// analysis's tornado, sweep line and heat map with its colour bar.
func rasterFigures(t *testing.T) map[string]func() (*figure, error) {
	t.Helper()
	var results []*sim.Result
	for _, s := range []string{"base", "second-hsct", "cart"} {
		r := testResult()
		r.Scenario = s
		results = append(results, r)
	}
	r := runOf(Figures{}, results...)
	if err := r.complete(); err != nil {
		t.Fatal(err)
	}
	s := Sensitivity{Title: "Blinatumomab after alloHSCT", OneWay: testOneWay(8), Sweeps: testSweeps(), ModelYAML: testYAML}
	out := map[string]func() (*figure, error){}
	for _, f := range append(r.files(), s.files()...) {
		if f.figure != nil && path.Ext(f.name) == ".svg" {
			out[strings.TrimSuffix(f.name, ".svg")] = f.figure
		}
	}
	for _, want := range []string{"survival", "incidence", "occupancy", "tornado", "sweep_line", "sweep_heat"} {
		if out[want] == nil {
			t.Fatalf("no figure %s among %v", want, out)
		}
	}
	return out
}

// TestSVGLooksLikeVgsvg: each figure rasterised from our SVG matches the
// same figure rasterised from gonum's vgsvg (within maxPixelsApart), and a
// copy of ours with every text moved down 0.25 pt does not (so the
// comparison can fail). It needs rsvg-convert and fails, never skips, without it.
func TestSVGLooksLikeVgsvg(t *testing.T) {
	tool, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Fatal("rsvg-convert is missing: apt-get install librsvg2-bin")
	}
	set := Figures{}.withDefaults()
	var survival []byte
	var survivalImage image.Image
	for name, build := range rasterFigures(t) {
		f, err := build()
		if err != nil {
			t.Fatal(err)
		}
		var ours bytes.Buffer
		if err := render(&ours, "svg", f, set); err != nil {
			t.Fatal(err)
		}
		ref, err := vgsvgOf(build, set)
		if err != nil {
			t.Fatal(err)
		}
		img := rasterise(t, tool, ours.Bytes())
		apart, err := pixelsApart(img, rasterise(t, tool, vgsvgComparable(ref)))
		t.Logf("%s: %.4f%% of pixels apart", name, 100*apart)
		if err != nil || apart > maxPixelsApart {
			t.Errorf("%s: %.4f%% of pixels apart from vgsvg's, at most %.4f%% allowed (%v)", name, 100*apart, 100*maxPixelsApart, err)
		}
		if name == "survival" {
			survival, survivalImage = ours.Bytes(), img
		}
	}
	// The control: every text 0.25 pt lower.
	moved := regexp.MustCompile(`<text x="[-0-9.]+" y="[-0-9.]+"`).ReplaceAllFunc(survival, func(m []byte) []byte {
		i := bytes.LastIndexByte(m[:len(m)-1], '"')
		y, _ := strconv.ParseFloat(string(m[i+1:len(m)-1]), 64)
		return append(m[:i+1:i+1], strconv.FormatFloat(y+0.25, 'f', -1, 64)+`"`...)
	})
	apart, err := pixelsApart(rasterise(t, tool, moved), survivalImage)
	t.Logf("control, survival with its texts 0.25 pt lower: %.4f%% of pixels apart", 100*apart)
	if err != nil || apart <= maxPixelsApart {
		t.Errorf("texts moved 0.25 pt pass the comparison: %.4f%% of pixels apart (%v)", 100*apart, err)
	}
}
