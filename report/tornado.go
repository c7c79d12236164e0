package report

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/blinasim/blinasim/sim"
)

// tornado.png: one row per parameter, largest swing on top; from the base
// outcome (a dashed line) a bar to the outcome with the parameter at its low
// value (upper half of the row) and one to the outcome at its high value
// (lower half), each labelled with the parameter value used. Rows are
// labelled with the parameters' titles, wrapped, never cut; the figure grows
// in height with its rows (tornado_fit.go). gonum/plot has no tornado chart;
// the bars are plotter.Polygons.

// defaultTornadoRows is how many parameters the tornado shows by default
// (Figures.Top, --top); oneway.csv has all.
const defaultTornadoRows = 15

// The colours of the bars: Okabe-Ito blue for the low end, vermillion for the high.
var (
	lowColor  = palette[0]
	highColor = palette[1]
)

// tornadoBar is one parameter's row of the figure.
type tornadoBar struct {
	name                string
	lowValue, highValue float64    // the parameter's values at its ends
	atLow, atHigh       float64    // the outcome there
	lowCI, highCI       [2]float64 // their 95% intervals (drawn for a difference analysis)
}

// tornadoBars returns the first k of the analysis' rows (already sorted by
// swing), top to bottom.
func tornadoBars(ow *sim.OneWay, k int) []tornadoBar {
	var out []tornadoBar
	for _, r := range ow.Rows[:min(len(ow.Rows), k)] {
		out = append(out, tornadoBar{name: r.Parameter, lowValue: r.Low, highValue: r.High, atLow: r.AtLow.Value, atHigh: r.AtHigh.Value,
			lowCI: [2]float64{r.AtLow.Lower, r.AtLow.Upper}, highCI: [2]float64{r.AtHigh.Lower, r.AtHigh.Upper}})
	}
	return out
}

// barHalf is the height of a half row (a bar), in rows.
const barHalf = 0.38

// valueLabel is a bar's value label as the x range must leave room for it:
// at x (data units), reaching w points to the right of x (right) or to its
// left.
type valueLabel struct {
	x     float64
	w     vg.Length
	right bool
}

// tornadoPlot is a tornado chart before it is sized: its plot and legend,
// the extent of its data (base, bars and whiskers), its value labels, and
// the most lines of a row's label.
type tornadoPlot struct {
	plot    *plot.Plot
	entries []legendEntry
	lo, hi  float64
	labels  []valueLabel
	lines   int
}

// tornadoFigure returns the tornado of the first k rows of ow, each row
// labelled with its parameter's title (else its name) wrapped to width, in
// the style st.
func tornadoFigure(ow *sim.OneWay, titles map[string]string, k int, xlabel string, st figureStyle, width vg.Length) (*tornadoPlot, error) {
	bars := tornadoBars(ow, k)
	n := len(bars)
	base := ow.Base.Value
	p := plot.New()
	st.apply(p)
	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil // rows are categories
	p.Add(grid)
	tp := &tornadoPlot{plot: p, lo: base, hi: base}
	var leftLabels, rightLabels labelSet
	names := make([]string, n)
	const dx = 3 // points between a bar (or its whisker) and its label
	vs := st.text(st.font, draw.XLeft, draw.YCenter)
	for i, b := range bars {
		y := float64(n - 1 - i) // the largest swing on top
		label := b.name
		if t := titles[b.name]; t != "" {
			label = t
		}
		lines := wrapAll(label, p.Y.Tick.Label, width)
		names[i] = strings.Join(lines, "\n")
		tp.lines = max(tp.lines, len(lines))
		for _, end := range []struct {
			at, value, y0 float64
			c             color.NRGBA
			ci            [2]float64
		}{{b.atLow, b.lowValue, y, lowColor, b.lowCI}, {b.atHigh, b.highValue, y - barHalf, highColor, b.highCI}} {
			if !finite(end.at) || !finite(base) { // a median not reached: no bar
				continue
			}
			bar, err := plotter.NewPolygon(plotter.XYs{{X: base, Y: end.y0}, {X: end.at, Y: end.y0},
				{X: end.at, Y: end.y0 + barHalf}, {X: base, Y: end.y0 + barHalf}})
			if err != nil {
				return nil, err
			}
			bar.Color, bar.LineStyle.Width = end.c, 0
			p.Add(bar)
			if ow.Scenario != "" {
				if err := addWhisker(p, end.ci, end.y0+barHalf/2); err != nil {
					return nil, err
				}
			}
			tp.lo, tp.hi = math.Min(tp.lo, end.at), math.Max(tp.hi, end.at)
			side, at, right := &rightLabels, end.at, true // the label goes past the bar (and its whisker)
			if ow.Scenario != "" && finite(end.ci[0]) && finite(end.ci[1]) {
				tp.lo, tp.hi = math.Min(tp.lo, end.ci[0]), math.Max(tp.hi, end.ci[1])
				at = end.ci[1]
			}
			if end.at < base {
				side, at, right = &leftLabels, end.at, false
				if ow.Scenario != "" && finite(end.ci[0]) {
					at = end.ci[0]
				}
			}
			value := strconv.FormatFloat(end.value, 'g', 4, 64)
			side.add(at, end.y0+barHalf/2, value)
			tp.labels = append(tp.labels, valueLabel{x: at, w: dx + vs.Width(value) + st.line, right: right})
		}
	}
	for _, ls := range []struct {
		set   labelSet
		align text.XAlignment
		dx    vg.Length
	}{{leftLabels, draw.XRight, -dx}, {rightLabels, draw.XLeft, dx}} {
		if l, err := ls.set.plotter(ls.align, ls.dx, st.font); err != nil {
			return nil, err
		} else if l != nil {
			p.Add(plotOnly{l}) // no glyph boxes: fitX makes room for the labels (gonum's padding shrank the data area to nothing)
		}
	}
	if finite(base) {
		line, err := plotter.NewLine(plotter.XYs{{X: base, Y: -0.5}, {X: base, Y: float64(n) - 0.5}})
		if err != nil {
			return nil, err
		}
		line.LineStyle = dashed
		p.Add(line)
	}
	p.X.Min, p.X.Max = tp.lo, tp.hi // widened for the value labels once the data area's width is known (fitX)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	p.X.Label.Text, p.Y.Label.Text = xlabel, "Parameter"
	baseText := strconv.FormatFloat(base, 'g', 4, 64)
	if ow.Outcome.AtTime() { // a probability: in percent, as the tables are
		p.X.Tick.Marker = percentTicks{}
		baseText = mdPercent(base) + "%"
	}
	p.Y.Tick.Marker = rowTicker(names)
	p.Y.Tick.Length = 0

	baseLabel := "Base: "
	if ow.Scenario != "" {
		baseLabel = "Base difference: "
	}
	tp.entries = []legendEntry{
		{"Parameter at its low value", swatch(lowColor)},
		{"Parameter at its high value", swatch(highColor)},
		{baseLabel + baseText, []plot.Thumbnailer{&plotter.Line{LineStyle: dashed}}},
		{"Labels: the parameter values used", nil},
	}
	if ow.Scenario != "" {
		tp.entries = append(tp.entries, legendEntry{"Whiskers: paired 95% intervals", nil})
	}
	if len(ow.Rows) > n {
		tp.entries = append(tp.entries, legendEntry{fmt.Sprintf("Top %d of %d parameters (all in oneway.csv)", n, len(ow.Rows)), nil})
	}
	return tp, nil
}

// rowTicker labels rows 0..n−1 of a plot, top row first in names.
type rowTicker []string

// Ticks implements plot.Ticker.
func (r rowTicker) Ticks(lo, hi float64) []plot.Tick {
	ticks := make([]plot.Tick, len(r))
	for i, name := range r {
		ticks[i] = plot.Tick{Value: float64(len(r) - 1 - i), Label: name}
	}
	return ticks
}

// labelSet collects text labels at data points, for plotter.Labels.
type labelSet struct {
	xys    plotter.XYs
	labels []string
}

func (s *labelSet) add(x, y float64, label string) {
	s.xys = append(s.xys, plotter.XY{X: x, Y: y})
	s.labels = append(s.labels, label)
}

// plotter returns the labels aligned horizontally as given and moved dx
// points; nil when there are none.
func (s labelSet) plotter(align text.XAlignment, dx, size vg.Length) (*plotter.Labels, error) {
	if len(s.xys) == 0 {
		return nil, nil
	}
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: s.xys, Labels: s.labels})
	if err != nil {
		return nil, err
	}
	for i := range l.TextStyle {
		l.TextStyle[i].XAlign, l.TextStyle[i].YAlign = align, draw.YCenter
		l.TextStyle[i].Font = font.From(figureFont, size)
	}
	l.Offset = vg.Point{X: dx}
	return l, nil
}

// addWhisker draws a bar's 95% interval as a thin black line across its
// middle, at height y; nothing when the interval is missing.
func addWhisker(p *plot.Plot, ci [2]float64, y float64) error {
	if !finite(ci[0]) || !finite(ci[1]) {
		return nil
	}
	l, err := plotter.NewLine(plotter.XYs{{X: ci[0], Y: y}, {X: ci[1], Y: y}})
	if err != nil {
		return err
	}
	l.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(0.75)}
	p.Add(l)
	return nil
}
