package report

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"testing"

	"gonum.org/v1/plot/vg/draw"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// TestEncodePNG: image/png decodes a figure's PNG (checking every chunk's
// CRC) to exactly the canvas's pixels; the file says its resolution in pHYs
// (300 dpi: round(300 / 0.0254) = 11811 pixels per metre); an image with
// transparency goes through image/png whole.
func TestEncodePNG(t *testing.T) {
	set := goldenFigures.withDefaults()
	fr := newFigureRun(runOf(set, testResult()))
	f, err := fr.curves([]*sim.Result{testResult()}, model.Survival, "", fr.title, mcBandNote)
	if err != nil {
		t.Fatal(err)
	}
	for _, dpi := range []int{150, 300} {
		c, err := newCanvas("png", set.Width, set.Height, dpi)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.draw(draw.New(c)); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := c.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		want := c.(pngCanvas).Image().(*image.RGBA)
		rgba, ok := got.(*image.RGBA) // image/png decodes 8-bit RGB so
		if !ok || rgba.Bounds() != want.Bounds() {
			t.Fatalf("%d dpi: decoded %T %v, drawn %v", dpi, got, got.Bounds(), want.Bounds())
		}
		for y := want.Bounds().Min.Y; y < want.Bounds().Max.Y; y++ {
			g := rgba.Pix[rgba.PixOffset(0, y):][:4*want.Bounds().Dx()]
			w := want.Pix[want.PixOffset(0, y):][:4*want.Bounds().Dx()]
			if !bytes.Equal(g, w) {
				t.Fatalf("%d dpi: row %d decoded differs from the one drawn", dpi, y)
			}
		}
		ppm := map[int]uint32{150: 5906, 300: 11811}[dpi]
		if x, y, unit, ok := pngPHYs(b.Bytes()); !ok || x != ppm || y != ppm || unit != 1 {
			t.Errorf("%d dpi: pHYs %d × %d per unit %d (found %v), want %d per metre", dpi, x, y, unit, ok, ppm)
		}
	}

	clear := image.NewRGBA(image.Rect(0, 0, 3, 2))
	clear.Set(1, 1, color.NRGBA{R: 200, A: 100})
	var b bytes.Buffer
	if err := encodePNG(&b, clear, 300); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := color.NRGBAModel.Convert(got.At(1, 1)), color.NRGBAModel.Convert(clear.At(1, 1)); g != w {
		t.Errorf("a translucent pixel decoded as %v, want %v", g, w)
	}
}

// pngPHYs returns the pHYs chunk of a PNG file: pixels per unit along x and
// y, and the unit (1: the metre).
func pngPHYs(b []byte) (x, y uint32, unit byte, ok bool) {
	for i := len(pngSignature); i+8 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		if string(b[i+4:i+8]) == "pHYs" && n == 9 && i+17 <= len(b) {
			d := b[i+8:]
			return binary.BigEndian.Uint32(d), binary.BigEndian.Uint32(d[4:]), d[8], true
		}
		i += 12 + n
	}
	return 0, 0, 0, false
}
