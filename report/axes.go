package report

import (
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/blinasim/blinasim/model"
)

// The axes of the figures: time ticks at steps a clinician reads (every 6 or
// 12 months, every year), probability ticks every 0.1. Then their layout: the
// title across the top, the plot under it, and the legend, which never hides
// data, either in a column to the plot's right if the plot's data area then
// keeps at least minDataFraction of the width, or else under the plot in as
// few rows as fit. (The time ticker counts ticks, not space: squeezed into a
// narrow data area, its labels overlap.)

// maxTimeTicks is the most labelled ticks on a time axis.
const maxTimeTicks = 10

// timeSteps are the candidate tick steps of a time axis in each unit,
// smallest first.
var timeSteps = map[model.Unit][]float64{
	model.Day:   {1, 7, 14, 28, 30, 60, 90, 180, 365, 730},
	model.Week:  {1, 2, 4, 13, 26, 52, 104},
	model.Month: {1, 2, 3, 6, 12, 24, 36, 60, 120},
	model.Year:  {0.25, 0.5, 1, 2, 5, 10, 20},
}

// timeTicker labels a time axis in a model's unit.
type timeTicker struct{ unit model.Unit }

// Ticks implements plot.Ticker: labelled ticks at the smallest candidate step
// that gives at most maxTimeTicks of them, unlabelled ones halfway between.
func (tt timeTicker) Ticks(lo, hi float64) []plot.Tick {
	step := tickStep(hi-lo, timeSteps[tt.unit])
	var ticks []plot.Tick
	for i := math.Ceil(lo/step*2) / 2; i*step <= hi+1e-9*step; i += 0.5 {
		x := i * step
		label := ""
		if i == math.Trunc(i) {
			label = strconv.FormatFloat(x, 'f', -1, 64)
		}
		ticks = append(ticks, plot.Tick{Value: x, Label: label})
	}
	return ticks
}

// tickStep returns the smallest step of steps that splits span into at most
// maxTimeTicks intervals, or a power-of-ten multiple of the largest if none does.
func tickStep(span float64, steps []float64) float64 {
	if !(span > 0) || len(steps) == 0 {
		return 1
	}
	for _, s := range steps {
		if span/s <= maxTimeTicks {
			return s
		}
	}
	s := steps[len(steps)-1]
	for span/s > maxTimeTicks {
		s *= 10
	}
	return s
}

// probabilityTicker labels a probability axis on [0, 1] every 0.1, unlabelled
// ticks every 0.05.
type probabilityTicker struct{}

// Ticks implements plot.Ticker.
func (probabilityTicker) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for i := 0; i <= 20; i++ {
		x := float64(i) / 20
		if x < lo-1e-9 || x > hi+1e-9 {
			continue
		}
		label := ""
		if i%2 == 0 {
			label = strconv.FormatFloat(x, 'f', 1, 64)
		}
		ticks = append(ticks, plot.Tick{Value: x, Label: label})
	}
	return ticks
}

// setAxes labels the axes, fixes their ranges to [0, xmax] × [0, 1] and sets
// the tickers.
func setAxes(p *plot.Plot, unit model.Unit, xmax float64, ylabel string) {
	p.X.Label.Text = "Time (" + plural(unit.String()) + ")"
	p.Y.Label.Text = ylabel
	p.X.Min, p.X.Max = 0, xmax
	p.Y.Min, p.Y.Max = 0, 1
	p.X.Tick.Marker = timeTicker{unit}
	p.Y.Tick.Marker = probabilityTicker{}
}

const (
	minDataFraction = 0.65          // of the figure's width, for the data area
	figurePad       = vg.Length(8)  // points: around the title and the legend
	legendGap       = vg.Length(14) // points: between the legend's columns
)

// legendEntry is a line of a legend: thumbnails, then a label.
type legendEntry struct {
	label  string
	thumbs []plot.Thumbnailer
}

// legendColumn is a column of a figure's legend and where it is drawn.
type legendColumn struct {
	entries []legendEntry
	area    draw.Canvas
}

// newLegend returns a legend of the entries in a smaller font than the axes,
// drawn from the top left of its area.
func newLegend(entries []legendEntry) plot.Legend {
	leg := plot.NewLegend()
	leg.TextStyle.Font.Size = vg.Points(10)
	leg.Padding = vg.Points(3)
	leg.ThumbnailWidth = vg.Points(24)
	leg.Top, leg.Left = true, true
	for _, e := range entries {
		leg.Add(e.label, e.thumbs...)
	}
	return leg
}

// dataFraction is the share of c's width that p's data area takes when p is
// drawn in area.
func dataFraction(p *plot.Plot, area, c draw.Canvas) float64 {
	return float64(p.DataCanvas(area).Size().X / c.Size().X)
}

// subCanvas is the part of c inside r.
func subCanvas(c draw.Canvas, r vg.Rectangle) draw.Canvas {
	return draw.Canvas{Canvas: c.Canvas, Rectangle: r}
}

// arrange lays out p and its legend on c, p's title already removed: it
// returns where to draw p and the legend's columns.
func arrange(c draw.Canvas, p *plot.Plot, entries []legendEntry) (draw.Canvas, []legendColumn) {
	if len(entries) == 0 {
		return c, nil
	}
	all := newLegend(entries)
	size := all.Rectangle(c).Size()
	right := draw.Crop(c, 0, -(size.X + 2*figurePad), 0, 0)
	if size.Y <= c.Size().Y-figurePad && dataFraction(p, right, c) >= minDataFraction {
		area := subCanvas(c, vg.Rectangle{
			Min: vg.Point{X: right.Max.X + figurePad, Y: c.Min.Y},
			Max: vg.Point{X: c.Max.X - figurePad, Y: c.Max.Y - figurePad},
		})
		return right, []legendColumn{{entries, area}}
	}
	// Under the plot: the fewest rows whose columns fit across c.
	var cols []legendColumn
	var widths []vg.Length
	for rows := 1; rows <= len(entries); rows++ {
		cols, widths = legendColumns(c, entries, rows)
		if sumWidths(widths) <= c.Size().X-2*figurePad {
			break
		}
	}
	first := newLegend(cols[0].entries)
	h := first.Rectangle(c).Size().Y
	area := draw.Crop(c, 0, -figurePad, h+2*figurePad, 0) // gonum leaves the last tick label half out
	da := p.DataCanvas(area)
	total := sumWidths(widths)
	x := (da.Min.X+da.Max.X)/2 - total/2 // centred under the data area, within c
	x = max(min(x, c.Max.X-figurePad-total), c.Min.X+figurePad)
	for i := range cols {
		cols[i].area = subCanvas(c, vg.Rectangle{
			Min: vg.Point{X: x, Y: c.Min.Y + figurePad},
			Max: vg.Point{X: x + widths[i], Y: c.Min.Y + figurePad + h},
		})
		x += widths[i] + legendGap
	}
	return area, cols
}

// legendColumns splits the entries into columns of the given number of rows,
// filled top down, and returns them (not yet placed) with their widths.
func legendColumns(c draw.Canvas, entries []legendEntry, rows int) ([]legendColumn, []vg.Length) {
	var cols []legendColumn
	var widths []vg.Length
	for i := 0; i < len(entries); i += rows {
		col := entries[i:min(i+rows, len(entries))]
		leg := newLegend(col)
		cols = append(cols, legendColumn{entries: col})
		widths = append(widths, leg.Rectangle(c).Size().X)
	}
	return cols, widths
}

// sumWidths is the width of legend columns of the given widths, legendGap apart.
func sumWidths(widths []vg.Length) vg.Length {
	var w vg.Length
	for i, x := range widths {
		if i > 0 {
			w += legendGap
		}
		w += x
	}
	return w
}

// renderPNG draws the title across the top (in a smaller font if it would not
// fit), then p and its legend as arrange lays them out, and writes the PNG.
// p's own title is not drawn.
func renderPNG(w io.Writer, title string, p *plot.Plot, entries []legendEntry) error {
	img := vgimg.NewWith(vgimg.UseWH(plotWidth, plotHeight), vgimg.UseDPI(plotDPI),
		vgimg.UseBackgroundColor(color.White))
	dc := drawTitle(draw.New(img), title, p.Title.TextStyle)
	p.Title.Text = ""
	area, cols := arrange(dc, p, entries)
	p.Draw(area)
	for _, col := range cols {
		leg := newLegend(col.entries)
		leg.Draw(col.area)
	}
	_, err := vgimg.PngCanvas{Canvas: img}.WriteTo(w)
	return err
}

// drawTitle draws the title centred across the top of c, shrinking its font
// (down to minTitleSize) until it fits, and returns the rest of c.
func drawTitle(c draw.Canvas, title string, sty text.Style) draw.Canvas {
	if title == "" {
		return c
	}
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
	for sty.Rectangle(title).Size().X > c.Size().X-2*figurePad && sty.Font.Size > minTitleSize {
		sty.Font.Size -= vg.Points(0.5)
	}
	c.FillText(sty, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: c.Max.Y - figurePad/2}, title)
	return draw.Crop(c, 0, 0, 0, -(sty.Rectangle(title).Size().Y + figurePad))
}
