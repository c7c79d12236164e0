package report

import (
	"image/color"
	"math"

	gpalette "gonum.org/v1/plot/palette"
)

// viridisAnchors are R's viridisLite::viridis(9) (van der Walt & Smith's
// matplotlib colour map): perceptually uniform, monotone in lightness, and
// readable with the common colour-vision deficiencies and in greyscale.
var viridisAnchors = []color.NRGBA{
	{0x44, 0x01, 0x54, 0xff}, {0x47, 0x2d, 0x7b, 0xff}, {0x3b, 0x52, 0x8b, 0xff},
	{0x2c, 0x72, 0x8e, 0xff}, {0x21, 0x90, 0x8c, 0xff}, {0x27, 0xad, 0x81, 0xff},
	{0x5d, 0xc8, 0x63, 0xff}, {0xaa, 0xdc, 0x32, 0xff}, {0xfd, 0xe7, 0x25, 0xff},
}

// viridisColors is how many colours the heat maps' palette has.
const viridisColors = 256

// viridis is the heat maps' palette: viridisColors colours interpolated
// linearly between the anchors. It implements palette.Palette.
type viridis struct{}

// Colors implements palette.Palette.
func (viridis) Colors() []color.Color {
	out := make([]color.Color, viridisColors)
	for i := range out {
		out[i] = viridisAt(float64(i) / (viridisColors - 1))
	}
	return out
}

// viridisAt returns the colour at f in [0, 1] (clipped).
func viridisAt(f float64) color.NRGBA {
	x := clip01(f) * float64(len(viridisAnchors)-1)
	i := min(int(x), len(viridisAnchors)-2)
	fr := x - float64(i)
	a, b := viridisAnchors[i], viridisAnchors[i+1]
	mix := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + fr*(float64(q)-float64(p)))) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}

// heatColor returns the colour plotter.HeatMap gives value v on [lo, hi] with
// the viridis palette (its rounding: index ⌊(v − lo)·(n − 1)/(hi − lo) + ½⌋).
func heatColor(v, lo, hi float64) color.NRGBA {
	i := int((v-lo)*float64(viridisColors-1)/(hi-lo) + 0.5)
	return viridisAt(float64(i) / (viridisColors - 1))
}

// isDark reports whether text on c should be white (relative luminance below
// about a half, ITU-R BT.709 weights on sRGB values).
func isDark(c color.NRGBA) bool {
	return 0.2126*float64(c.R)+0.7152*float64(c.G)+0.0722*float64(c.B) < 128
}

// heatScale is the heat map's colours on [lo, hi] as a gpalette.ColorMap, for
// the colour bar: the colour plotter.HeatMap gives each value (heatColor).
type heatScale struct {
	lo, hi, alpha float64
}

// At implements gpalette.ColorMap: values outside [lo, hi] take the end colours.
func (h *heatScale) At(v float64) (color.Color, error) {
	return heatColor(math.Min(math.Max(v, h.lo), h.hi), h.lo, h.hi), nil
}

// Max implements gpalette.ColorMap.
func (h *heatScale) Max() float64 { return h.hi }

// SetMax implements gpalette.ColorMap.
func (h *heatScale) SetMax(v float64) { h.hi = v }

// Min implements gpalette.ColorMap.
func (h *heatScale) Min() float64 { return h.lo }

// SetMin implements gpalette.ColorMap.
func (h *heatScale) SetMin(v float64) { h.lo = v }

// Alpha implements gpalette.ColorMap; the colours are opaque whatever it says.
func (h *heatScale) Alpha() float64 { return h.alpha }

// SetAlpha implements gpalette.ColorMap.
func (h *heatScale) SetAlpha(a float64) { h.alpha = a }

// Palette implements gpalette.ColorMap: n colours evenly from lo to hi.
func (h *heatScale) Palette(n int) gpalette.Palette {
	out := make(colorList, n)
	for i := range out {
		out[i], _ = h.At(h.lo + (h.hi-h.lo)*float64(i)/float64(max(n-1, 1)))
	}
	return out
}

// colorList is a gpalette.Palette of the given colours.
type colorList []color.Color

// Colors implements palette.Palette.
func (l colorList) Colors() []color.Color { return l }
