package report

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/blinasim/blinasim/model"
)

// The axes of the figures: time ticks at steps a clinician reads (every 6 or
// 12 months, every year), as many as the figure's width holds at its font
// size; probability ticks every 0.1. (A ticker counts ticks, not space: it is
// told how many fit.)

// Bounds on the number of labelled ticks of a time axis.
const (
	minTimeTicks = 4
	maxTimeTicks = 10
	tickEms      = 2.6 // room per tick label, in multiples of the font size
)

// timeTickCount returns how many labelled time ticks fit across a figure of
// the given width with text of the given size: the data area is taken as 80%
// of the width.
func timeTickCount(width, fontSize vg.Length) int {
	n := int(0.8 * width / (tickEms * fontSize))
	return min(max(n, minTimeTicks), maxTimeTicks)
}

// timeSteps are the candidate tick steps of a time axis in each unit,
// smallest first.
var timeSteps = map[model.Unit][]float64{
	model.Day:   {1, 7, 14, 28, 30, 60, 90, 180, 365, 730},
	model.Week:  {1, 2, 4, 13, 26, 52, 104},
	model.Month: {1, 2, 3, 6, 12, 24, 36, 60, 120},
	model.Year:  {0.25, 0.5, 1, 2, 5, 10, 20},
}

// timeTicker labels a time axis in a model's unit with at most max + 1
// labelled ticks.
type timeTicker struct {
	unit model.Unit
	max  int
}

// Ticks implements plot.Ticker: labelled ticks at the smallest candidate step
// that gives at most tt.max intervals, unlabelled ones halfway between.
func (tt timeTicker) Ticks(lo, hi float64) []plot.Tick {
	step := tickStep(hi-lo, timeSteps[tt.unit], tt.max)
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

// tickStep returns the smallest step of steps that splits span into at most n
// intervals, or a power-of-ten multiple of the largest if none does.
func tickStep(span float64, steps []float64, n int) float64 {
	if !(span > 0) || len(steps) == 0 || n < 1 {
		return 1
	}
	for _, s := range steps {
		if span/s <= float64(n) {
			return s
		}
	}
	s := steps[len(steps)-1]
	for span/s > float64(n) {
		s *= 10
	}
	return s
}

// probabilityTicker labels a probability axis on [0, 1] every 0.1 (every
// label twentieths, if set: 4, 10 or 20 on a small panel), unlabelled ticks
// every 0.05.
type probabilityTicker struct{ label int }

// Ticks implements plot.Ticker.
func (pt probabilityTicker) Ticks(lo, hi float64) []plot.Tick {
	every := pt.label
	if every <= 0 {
		every = 2
	}
	var ticks []plot.Tick
	for i := 0; i <= 20; i++ {
		x := float64(i) / 20
		if x < lo-1e-9 || x > hi+1e-9 {
			continue
		}
		label := ""
		if i%every == 0 {
			label = strconv.FormatFloat(x, 'f', 1, 64)
		}
		ticks = append(ticks, plot.Tick{Value: x, Label: label})
	}
	return ticks
}

// setAxes labels the axes, fixes their ranges to [0, xmax] × [0, 1], sets the
// tickers for time ticks across a figure of the given width and gives the
// axes the figure's style.
func setAxes(p *plot.Plot, unit model.Unit, xmax float64, ylabel string, st figureStyle, width vg.Length) {
	st.apply(p)
	p.X.Label.Text = "Time (" + plural(unit.String()) + ")"
	p.Y.Label.Text = ylabel
	p.X.Min, p.X.Max = 0, xmax
	p.Y.Min, p.Y.Max = 0, 1
	p.X.Tick.Marker = timeTicker{unit, timeTickCount(width, st.font)}
	p.Y.Tick.Marker = probabilityTicker{}
}

// majorTicks returns the values of an axis's labelled ticks within its range.
func majorTicks(a plot.Axis) []float64 {
	var out []float64
	for _, t := range a.Tick.Marker.Ticks(a.Min, a.Max) {
		if !t.IsMinor() && t.Value >= a.Min && t.Value <= a.Max {
			out = append(out, t.Value)
		}
	}
	return out
}

// percentTicks labels an axis of probabilities in percent, at steps that are
// round in percent (5%, 10%, 20%), as the tables show them; gonum's default
// ticks on proportions gave 0.075, 0.175.
type percentTicks struct{}

// Ticks implements plot.Ticker: gonum's default ticks of the percentages,
// labelled with the fewest decimals that write every labelled one exactly
// (gonum wrote "25.00%").
func (percentTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(100*lo, 100*hi)
	dec := 0
	for ; dec < 4; dec++ {
		exact := true
		for _, t := range ticks {
			p := math.Pow(10, float64(dec))
			if t.Label != "" && math.Abs(math.Round(t.Value*p)/p-t.Value) > 1e-9*math.Max(1, math.Abs(t.Value)) {
				exact = false
			}
		}
		if exact {
			break
		}
	}
	for i := range ticks {
		if ticks[i].Label != "" { // from the percentage itself: 100·(v/100) may not round-trip (12.600000000000001)
			ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'f', dec, 64) + "%"
		}
		ticks[i].Value /= 100
	}
	return ticks
}
