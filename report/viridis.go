package report

import (
	"image/color"
	"math"
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
