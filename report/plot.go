package report

import (
	"math"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot/plotter"

	"github.com/blinasim/blinasim/sim"
)

// The data of the figures' curves: each curve on at most maxPlotPoints grid
// times (very long polylines have drawn badly in PNG), as a step function with
// its band as a polygon around it.

const (
	maxPlotPoints = 400
	bandAlpha     = 0x40 // opacity of a 95% band, out of 0xff
)

// curve is a plottable curve: times, values and 95% band, all finite and
// thinned to at most maxPlotPoints points.
type curve struct {
	t, y, lo, hi []float64
}

// newCurve makes a plottable curve of estimates on a grid. The curve stops
// at the first time or value that is not finite; a bound that is not finite
// is replaced by the value; values and bounds are clipped to [0, 1].
func newCurve(grid []float64, est []sim.Estimate) curve {
	n := min(len(grid), len(est))
	for i := 0; i < n; i++ {
		if !finite(grid[i]) || !finite(est[i].Value) {
			n = i
			break
		}
	}
	var c curve
	for _, i := range thin(n, maxPlotPoints) {
		e := est[i]
		lo, hi := e.Lower, e.Upper
		if !finite(lo) {
			lo = e.Value
		}
		if !finite(hi) {
			hi = e.Value
		}
		c.t = append(c.t, grid[i])
		c.y = append(c.y, clip01(e.Value))
		c.lo = append(c.lo, clip01(lo))
		c.hi = append(c.hi, clip01(hi))
	}
	return c
}

// clip01 clips x to [0, 1].
func clip01(x float64) float64 { return math.Min(1, math.Max(0, x)) }

// thin returns the indices of at most max points of n, evenly spaced, the
// first and the last included; all n if n ≤ max.
func thin(n, max int) []int {
	if n <= max {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	idx := make([]int, max)
	for i := range idx {
		idx[i] = int(math.Round(float64(i) * float64(n-1) / float64(max-1)))
	}
	return idx
}

// stepXY returns the vertices of the step function through (t[i], y[i]):
// each value holds until the next time, where the curve drops (or rises)
// vertically. n points give 2n-1 vertices.
func stepXY(t, y []float64) plotter.XYs {
	if len(t) == 0 {
		return nil
	}
	xy := make(plotter.XYs, 0, 2*len(t)-1)
	for i := range t {
		if i > 0 {
			xy = append(xy, plotter.XY{X: t[i], Y: y[i-1]})
		}
		xy = append(xy, plotter.XY{X: t[i], Y: y[i]})
	}
	return xy
}

// bandRing returns the polygon of a step band: the upper step function
// forwards, then the lower one backwards.
func bandRing(t, lo, hi []float64) plotter.XYs {
	ring := stepXY(t, hi)
	low := stepXY(t, lo)
	for i := len(low) - 1; i >= 0; i-- {
		ring = append(ring, low[i])
	}
	return ring
}

// mcBandNote says what a curves figure's shading is.
const mcBandNote = "Shaded: Monte Carlo 95% interval"

// maxLabelRunes bounds a title or scenario name in a legend (a guard against
// pathological input: the legend wraps labels, fitLabels).
const maxLabelRunes = 200

// legendLabel is an endpoint's legend label: its short name, then its title
// cut to maxLabelRunes (the full title is in summary.md).
func legendLabel(name, title string) string {
	title = truncate(title, maxLabelRunes)
	if title == "" || title == name {
		return name
	}
	return name + ": " + title
}

// truncate returns s on one line, cut to at most n characters ending in an
// ellipsis if it is longer; the cut falls between words if that loses at
// most a third of the characters.
func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n || n < 1 {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > 0 && utf8.RuneCountInString(cut[:i]) >= 2*n/3 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:/(–-") + "…"
}
