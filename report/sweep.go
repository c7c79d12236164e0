package report

import (
	"encoding/csv"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/blinasim/blinasim/sim"
)

// sweep_<name>.csv and sweep_<name>.png: a one-parameter sweep is a line of
// the outcome against the parameter with its Monte Carlo band; a
// two-parameter sweep a heat map (viridis) with a continuous colour bar.

// sweepPoint returns the parameter values of cell k of a sweep (the last
// parameter varies fastest).
func sweepPoint(sw *sim.SweepResult, k int) []float64 {
	out := make([]float64, len(sw.Values))
	for a := len(sw.Values) - 1; a >= 0; a-- {
		n := len(sw.Values[a])
		out[a] = sw.Values[a][k%n]
		k /= n
	}
	return out
}

// writeSweepCSV writes sweep_<name>.csv: a column per swept parameter, named
// after it, then the outcome (as written, e.g. os:s36), its value, SE and
// 95% interval, and whether the outcome lies past the end of follow-up
// (outcomePastFollowUp: the values are then kept, and not estimable); one row
// per grid point, the last parameter fastest.
func writeSweepCSV(w io.Writer, sw *sim.SweepResult, pastFU bool) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append(slices.Clone(sw.Parameters), "outcome", "value", "se", "lower", "upper", "past_followup")); err != nil {
		return err
	}
	for k, e := range sw.Cells {
		var row []string
		for _, x := range sweepPoint(sw, k) {
			row = append(row, formatNumber(x))
		}
		row = append(row, sw.Outcome.String(), formatNumber(e.Value), formatNumber(e.SE), formatNumber(e.Lower), formatNumber(e.Upper),
			formatBool(pastFU))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// sweepFigure builds a sweep's figure: a line for one parameter, a heat map
// for two, in the style st; title "" draws none.
func sweepFigure(sw *sim.SweepResult, label, title, caption string, st figureStyle) (*figure, error) {
	var p *plot.Plot
	var bar *plot.Plot
	var entries []legendEntry
	var err error
	if len(sw.Parameters) == 1 {
		p, entries, err = sweepLineFigure(sw, label)
	} else {
		p, bar, entries, err = heatFigure(sw, label, st.font)
	}
	if err != nil {
		return nil, err
	}
	st.apply(p)
	if bar != nil {
		st.apply(bar)
		bar.HideX() // after the style, which gives both axes their lines
	}
	f := &figure{style: st, title: title, caption: caption, plot: p, bar: bar, legend: entries}
	if bar != nil {
		f.barLabel = bar.Y.Label.Text
	}
	return f, nil
}

// sweepLine returns a one-parameter sweep as plotted: the parameter's values
// and the outcome with its interval, leaving out points whose outcome does
// not exist (a median not reached).
func sweepLine(sw *sim.SweepResult) curve {
	var c curve
	for k, e := range sw.Cells {
		if !finite(e.Value) {
			continue
		}
		lo, hi := e.Lower, e.Upper
		if !finite(lo) {
			lo = e.Value
		}
		if !finite(hi) {
			hi = e.Value
		}
		c.t = append(c.t, sw.Values[0][k])
		c.y, c.lo, c.hi = append(c.y, e.Value), append(c.lo, lo), append(c.hi, hi)
	}
	return c
}

// dashed is the line marking a parameter's own value.
var dashed = draw.LineStyle{Color: color.Black, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}

// sweepLineFigure plots the outcome against the parameter, the Monte Carlo
// band shaded and the parameter's own value dashed.
func sweepLineFigure(sw *sim.SweepResult, ylabel string) (*plot.Plot, []legendEntry, error) {
	c := sweepLine(sw)
	p := plot.New()
	p.Add(plotter.NewGrid())
	xs := sw.Values[0]
	p.X.Min, p.X.Max = xs[0], xs[len(xs)-1]
	p.X.Label.Text, p.Y.Label.Text = sw.Parameters[0], ylabel
	if sw.Outcome.AtTime() { // a probability: in percent, as the tables are
		p.Y.Tick.Marker = percentTicks{}
	}
	colour := paletteColor(0)
	var entries []legendEntry
	if len(c.t) > 0 {
		ring := make(plotter.XYs, 0, 2*len(c.t))
		for i := range c.t {
			ring = append(ring, plotter.XY{X: c.t[i], Y: c.hi[i]})
		}
		for i := len(c.t) - 1; i >= 0; i-- {
			ring = append(ring, plotter.XY{X: c.t[i], Y: c.lo[i]})
		}
		band, err := plotter.NewPolygon(ring)
		if err != nil {
			return nil, nil, err
		}
		band.Color, band.LineStyle.Width = withAlpha(colour, bandAlpha), 0
		pts := make(plotter.XYs, len(c.t))
		for i := range c.t {
			pts[i] = plotter.XY{X: c.t[i], Y: c.y[i]}
		}
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, nil, err
		}
		line.LineStyle = draw.LineStyle{Color: colour, Width: vg.Points(1.5)}
		points.Shape, points.Color, points.Radius = draw.CircleGlyph{}, colour, vg.Points(2)
		p.Add(band, line, points)
		lo, hi := slices.Min(c.lo), slices.Max(c.hi)
		pad := 0.05 * math.Max(hi-lo, 1e-9)
		p.Y.Min, p.Y.Max = lo-pad, hi+pad
		entries = append(entries, legendEntry{ylabel, []plot.Thumbnailer{line, points}}, legendEntry{mcBandNote, []plot.Thumbnailer{band}})
	}
	if b := sw.Base[0]; b >= xs[0] && b <= xs[len(xs)-1] {
		ymin, ymax := p.Y.Min, p.Y.Max
		mark, err := plotter.NewLine(plotter.XYs{{X: b, Y: ymin}, {X: b, Y: ymax}})
		if err != nil {
			return nil, nil, err
		}
		mark.LineStyle = dashed
		p.Add(mark)
		entries = append(entries, legendEntry{"Model's value: " + strconv.FormatFloat(b, 'g', 4, 64), []plot.Thumbnailer{mark}})
	}
	return p, entries, nil
}

// sweepGrid is a two-parameter sweep as plotter.GridXYZ: columns are the
// first parameter's values, rows the second's.
type sweepGrid struct{ sw *sim.SweepResult }

// Dims implements plotter.GridXYZ.
func (g sweepGrid) Dims() (c, r int) { return len(g.sw.Values[0]), len(g.sw.Values[1]) }

// Z implements plotter.GridXYZ.
func (g sweepGrid) Z(c, r int) float64 { return g.sw.At(c, r).Value }

// X implements plotter.GridXYZ.
func (g sweepGrid) X(c int) float64 { return g.sw.Values[0][c] }

// Y implements plotter.GridXYZ.
func (g sweepGrid) Y(r int) float64 { return g.sw.Values[1][r] }

// The heat map's details.
const (
	maxCellLabels = 100 // cells labelled with their value up to this many
)

// notReachedColor fills cells whose outcome does not exist (a median not reached).
var notReachedColor = color.NRGBA{0xbb, 0xbb, 0xbb, 0xff}

// heatFigure plots a two-parameter sweep as a heat map: the first parameter
// across, the second up, the outcome in colour with its value written in
// each cell (up to maxCellLabels cells), and the parameters' own values
// marked. It returns the map, its colour bar (the outcome's scale, labelled
// with label, in percent for a probability) and the legend's entries.
func heatFigure(sw *sim.SweepResult, label string, size vg.Length) (*plot.Plot, *plot.Plot, []legendEntry, error) {
	g := sweepGrid{sw}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, e := range sw.Cells {
		if finite(e.Value) {
			lo, hi = math.Min(lo, e.Value), math.Max(hi, e.Value)
		}
	}
	if !(lo < hi) { // one value (or none): a range around it, so the palette is defined
		if !finite(lo) {
			lo, hi = 0, 1
		}
		lo, hi = lo-0.5*math.Max(math.Abs(lo), 1e-9), hi+0.5*math.Max(math.Abs(hi), 1e-9)
	}
	h := plotter.NewHeatMap(g, viridis{})
	h.Min, h.Max = lo, hi
	h.NaN, h.Overflow, h.Underflow = notReachedColor, notReachedColor, notReachedColor
	p := plot.New()
	p.Add(h)
	p.X.Label.Text, p.Y.Label.Text = sw.Parameters[0], sw.Parameters[1]
	p.X.Tick.Marker, p.Y.Tick.Marker = valueTicker(sw.Values[0]), valueTicker(sw.Values[1])
	nc, nr := g.Dims()
	if nc*nr <= maxCellLabels {
		var dark, light labelSet
		for c := range nc {
			for r := range nr {
				v := g.Z(c, r)
				s := strconv.FormatFloat(v, 'g', 3, 64)
				if sw.Outcome.AtTime() {
					s = mdPercent(v) + "%"
				}
				if !finite(v) {
					light.add(g.X(c), g.Y(r), "NR")
					continue
				}
				if isDark(heatColor(v, lo, hi)) {
					dark.add(g.X(c), g.Y(r), s)
				} else {
					light.add(g.X(c), g.Y(r), s)
				}
			}
		}
		for _, set := range []struct {
			labels labelSet
			c      color.Color
		}{{dark, color.White}, {light, color.Black}} {
			l, err := set.labels.plotter(draw.XCenter, 0, size)
			if err != nil {
				return nil, nil, nil, err
			}
			if l != nil {
				for i := range l.TextStyle {
					l.TextStyle[i].Color = set.c
				}
				p.Add(cellLabels{l, minGap(sw.Values[0]), minGap(sw.Values[1])})
			}
		}
	}
	var entries []legendEntry
	if slices.ContainsFunc(sw.Cells, func(e sim.Estimate) bool { return !finite(e.Value) }) {
		entries = append(entries, legendEntry{"not reached (NR)", swatch(notReachedColor)})
	}
	if b := sw.Base; b[0] >= g.X(0) && b[0] <= g.X(nc-1) && b[1] >= g.Y(0) && b[1] <= g.Y(nr-1) {
		mark, thumb, err := modelMarker(sw.Values[0], sw.Values[1], b)
		if err != nil {
			return nil, nil, nil, err
		}
		p.Add(mark)
		entries = append(entries, legendEntry{"Model's values", []plot.Thumbnailer{thumb}})
	}
	return p, colorBar(sw, label, lo, hi), entries, nil
}

// cellLabels are the heat map's values in its cells, drawn only if every one
// fits its cell (gap, gapY: the least distance between columns and between
// rows, in data units); else none, and the colour bar alone tells the values.
type cellLabels struct {
	*plotter.Labels
	gap, gapY float64
}

// Plot implements plot.Plotter.
func (l cellLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	width := trX(p.X.Min+l.gap) - trX(p.X.Min)
	height := trY(p.Y.Min+l.gapY) - trY(p.Y.Min)
	for i, s := range l.Labels.Labels {
		if l.gap > 0 && l.TextStyle[i].Width(s) > 0.95*width || l.gapY > 0 && l.TextStyle[i].Height(s) > 0.95*height {
			return
		}
	}
	l.Labels.Plot(c, p)
}

// minGap returns the least distance between consecutive values, 0 for fewer
// than two.
func minGap(v []float64) float64 {
	gap := 0.0
	for i := 1; i < len(v); i++ {
		if d := math.Abs(v[i] - v[i-1]); i == 1 || d < gap {
			gap = d
		}
	}
	return gap
}

// colorBar returns the heat map's scale as a vertical bar from lo to hi, its
// axis labelled with label, in percent if the outcome is a probability.
func colorBar(sw *sim.SweepResult, label string, lo, hi float64) *plot.Plot {
	bar := plot.New()
	bar.Add(&plotter.ColorBar{ColorMap: &heatScale{lo: lo, hi: hi}, Vertical: true})
	bar.Y.Min, bar.Y.Max = lo, hi
	bar.Y.Label.Text = label
	if sw.Outcome.AtTime() { // a probability: in percent, as the tables are
		bar.Y.Tick.Marker = percentTicks{}
	}
	return bar
}

// swatch is a legend thumbnail filled with c.
func swatch(c color.Color) []plot.Thumbnailer {
	s, _ := plotter.NewPolygon()
	s.Color, s.LineStyle.Width = c, 0
	return []plot.Thumbnailer{s}
}

// valueTicker labels an axis at a sweep's values, at most 10 of them evenly
// chosen, the first and last included.
type valueTicker []float64

// Ticks implements plot.Ticker.
func (v valueTicker) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for _, i := range thin(len(v), 10) {
		ticks = append(ticks, plot.Tick{Value: v[i], Label: strconv.FormatFloat(v[i], 'g', 4, 64)})
	}
	return ticks
}
