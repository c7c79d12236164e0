package report

import (
	"image/color"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// The figures: survival.png and incidence.png (this file), occupancy.png
// (stack.go). Curves are drawn from at most maxPlotPoints grid times: very long
// polylines have drawn badly in PNG.

const (
	maxPlotPoints = 400
	plotWidth     = 7 * vg.Inch
	plotHeight    = 4.5 * vg.Inch
	plotDPI       = 144
	bandAlpha     = 0x40         // opacity of a 95% band, out of 0xff
	minTitleSize  = vg.Length(7) // points: the smallest font a long title shrinks to
)

// palette is the Okabe-Ito colour-blind-safe palette, black last.
var palette = []color.NRGBA{
	{0x00, 0x72, 0xb2, 0xff}, // blue
	{0xd5, 0x5e, 0x00, 0xff}, // vermillion
	{0x00, 0x9e, 0x73, 0xff}, // bluish green
	{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
	{0xe6, 0x9f, 0x00, 0xff}, // orange
	{0x56, 0xb4, 0xe9, 0xff}, // sky blue
	{0xf0, 0xe4, 0x42, 0xff}, // yellow
	{0x00, 0x00, 0x00, 0xff}, // black
}

// paletteColor returns the i-th colour, cycling through the palette.
func paletteColor(i int) color.NRGBA { return palette[i%len(palette)] }

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

// mcBandNote is the legend's note for Monte Carlo bands.
const mcBandNote = "Shaded: Monte Carlo 95% interval"

// writeCurvesPNG draws every endpoint of the given kind with its band: one
// colour per endpoint, one line style per scenario; bandNote says what the
// shading is.
func writeCurvesPNG(w io.Writer, title string, results []*sim.Result, kind model.EndpointKind, bandNote string) error {
	p, entries, err := curvesFigure(results, kind, bandNote)
	if err != nil {
		return err
	}
	return renderPNG(w, title, p, entries)
}

// curvesFigure returns the plot of writeCurvesPNG and its legend: one entry per
// endpoint (its colour), one per scenario if there are several (its line
// style), and one for the shaded bands.
func curvesFigure(results []*sim.Result, kind model.EndpointKind, bandNote string) (*plot.Plot, []legendEntry, error) {
	p := plot.New()
	p.Add(plotter.NewGrid())
	var endpoints []legendEntry // in order of first appearance, index = colour
	colours := map[string]int{} // endpoint name → colour index
	var lines []*plotter.Line
	xmax := 0.0
	for si, r := range results {
		xmax = math.Max(xmax, r.Horizon)
		for _, e := range r.Endpoints {
			if e.Kind != kind {
				continue
			}
			ci, ok := colours[e.Name]
			if !ok {
				ci = len(colours)
				colours[e.Name] = ci
				endpoints = append(endpoints, legendEntry{label: legendLabel(e.Name, e.Title)})
			}
			c := newCurve(r.Grid, e.Curve)
			if len(c.t) == 0 {
				continue
			}
			xmax = math.Max(xmax, c.t[len(c.t)-1])
			band, err := plotter.NewPolygon(bandRing(c.t, c.lo, c.hi))
			if err != nil {
				return nil, nil, err
			}
			band.Color = withAlpha(paletteColor(ci), bandAlpha)
			band.LineStyle.Width = 0
			p.Add(band) // bands first, under every line
			line, err := plotter.NewLine(stepXY(c.t, c.y))
			if err != nil {
				return nil, nil, err
			}
			line.LineStyle = curveStyle(paletteColor(ci), si)
			lines = append(lines, line)
			if endpoints[ci].thumbs == nil {
				endpoints[ci].thumbs = []plot.Thumbnailer{&plotter.Line{LineStyle: curveStyle(paletteColor(ci), 0)}}
			}
		}
	}
	for _, l := range lines {
		p.Add(l)
	}
	var entries []legendEntry
	for _, e := range endpoints {
		if e.thumbs != nil { // drawn in at least one scenario
			entries = append(entries, e)
		}
	}
	if len(results) > 1 {
		black := color.NRGBA{A: 0xff}
		for si, r := range results {
			entries = append(entries, legendEntry{
				label:  "Scenario: " + truncate(scenarioLabel(r), maxLabelRunes),
				thumbs: []plot.Thumbnailer{&plotter.Line{LineStyle: curveStyle(black, si)}},
			})
		}
	}
	shade, err := plotter.NewPolygon()
	if err != nil {
		return nil, nil, err
	}
	shade.Color = withAlpha(color.NRGBA{0x80, 0x80, 0x80, 0xff}, bandAlpha)
	shade.LineStyle.Width = 0
	entries = append(entries, legendEntry{bandNote, []plot.Thumbnailer{shade}})

	ylabel := "Survival probability"
	if kind == model.Incidence {
		ylabel = "Cumulative incidence"
	}
	setAxes(p, results[0].Unit, xmax, ylabel)
	return p, entries, nil
}

// curveStyle is the line of a curve in colour c for the si-th scenario.
func curveStyle(c color.Color, si int) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: vg.Points(1.5), Dashes: plotutil.Dashes(si)}
}

// maxLabelRunes is the most characters of a title or scenario name a legend
// shows; longer ones are cut, with an ellipsis.
const maxLabelRunes = 45

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

// withAlpha returns c with opacity a.
func withAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}
