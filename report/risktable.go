package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/blinasim/blinasim/sim"
)

// The number-at-risk table under a curves figure, as survminer draws it: at
// the time axis's labelled ticks, the expected number of a cohort still at
// risk (event-free and uncensored) for each endpoint, in a row labelled with
// the endpoint's name and a sample of its line. An endpoint that starts later
// (relapse-free survival from remission) starts with the expected number of
// patients who reach its start: cohort × N/patients × at-risk fraction.

// maxRiskRows is the most rows a table shows; with more scenarios only the
// first ones are shown, and the header says so.
const maxRiskRows = 6

// maxRowLabelShare is the most of the figure's width a row's label takes;
// a longer one wraps onto more lines (rowLabel), and its row is as high.
const maxRowLabelShare = 0.3

// riskRow is a row of the table.
type riskRow struct {
	label  string         // one line or more (rowLabel)
	line   draw.LineStyle // the curve's line, sampled before the label
	counts []int          // at the table's times
}

// riskTable is a number-at-risk table.
type riskTable struct {
	header string
	times  []float64 // the time axis's labelled ticks
	rows   []riskRow
}

// cohortSize returns the cohort the table is for and the header's words for
// it: the setting if given, else the largest n among the first scenario's
// targets, else 100 (a table per 100 patients).
func cohortSize(set Figures, results []*sim.Result) (int, string) {
	n := set.Cohort
	if n == 0 {
		for _, t := range results[0].Targets {
			n = max(n, t.Target.N)
		}
	}
	if n == 0 {
		return perHundred, "Number at risk per 100 patients"
	}
	return n, "Expected number at risk, cohort of " + groupThousands(n)
}

// expectedAtRisk is the expected number of a cohort of n still at risk for
// endpoint e at grid index i, rounded: n × (e.N / patients) × AtRisk[i].
func expectedAtRisk(n int, r *sim.Result, e *sim.EndpointResult, i int) int {
	if r.Patients == 0 || i >= len(e.AtRisk) || !finite(e.AtRisk[i]) {
		return 0
	}
	return int(math.Round(float64(n) * float64(e.N) / float64(r.Patients) * e.AtRisk[i]))
}

// gridIndex returns the index of the grid time nearest t.
func gridIndex(grid []float64, t float64) int {
	best := 0
	for i, g := range grid {
		if math.Abs(g-t) < math.Abs(grid[best]-t) {
			best = i
		}
	}
	return best
}

// addRow adds endpoint e of result r as a row labelled label.
func (rt *riskTable) addRow(label string, line draw.LineStyle, r *sim.Result, e *sim.EndpointResult, cohort int) {
	row := riskRow{label: label, line: line}
	for _, t := range rt.times {
		row.counts = append(row.counts, expectedAtRisk(cohort, r, e, gridIndex(r.Grid, t)))
	}
	rt.rows = append(rt.rows, row)
}

// rowLabel is a row's label wrapped to maxRowLabelShare of the figure's
// width, never cut.
func rowLabel(label string, st figureStyle, width vg.Length) string {
	return strings.Join(wrapAll(label, st.body(), vg.Length(maxRowLabelShare)*width), "\n")
}

// lines is the number of lines of the row's label.
func (r riskRow) lines() int { return max(1, strings.Count(r.label, "\n")+1) }

// height is the table's height: the header and each row's lines.
func (rt *riskTable) height(st figureStyle) vg.Length {
	n := 1
	for _, r := range rt.rows {
		n += r.lines()
	}
	return vg.Length(n) * st.lineHeight()
}

// sampleWidth is the width of a row's line sample.
func (st figureStyle) sampleWidth() vg.Length { return 2 * st.font }

// labelWidth is the width of the rows' labels, line samples included.
func (rt *riskTable) labelWidth(st figureStyle) vg.Length {
	var w vg.Length
	for _, r := range rt.rows {
		w = max(w, st.body().Width(r.label))
	}
	return st.sampleWidth() + st.pad + w
}

// leftWidth is how far the table reaches left of the plot's data area: the
// labels, a gap of two pads, and half the widest number of the first column, which is
// centred on the axis's first tick.
func (rt *riskTable) leftWidth(st figureStyle) vg.Length {
	var w vg.Length
	for _, r := range rt.rows {
		if len(r.counts) > 0 {
			w = max(w, st.body().Width(groupThousands(r.counts[0])))
		}
	}
	return rt.labelWidth(st) + 2*st.pad + w/2
}

// columns returns where each of the table's times is on the canvas: its x in
// the plot's data area, as the plot draws its ticks.
func (rt *riskTable) columns(l layout, p *plot.Plot) []vg.Length {
	xs := make([]vg.Length, len(rt.times))
	for i, t := range rt.times {
		xs[i] = l.data.X(p.X.Norm(t))
	}
	return xs
}

// stride returns the smallest k such that every k-th column, from the first,
// leaves at least gap between neighbouring numbers of the given widths.
func stride(xs, widths []vg.Length, gap vg.Length) int {
	for k := 1; k < len(xs); k++ {
		ok := true
		for i := k; i < len(xs) && ok; i += k {
			ok = xs[i]-xs[i-k] >= (widths[i]+widths[i-k])/2+gap
		}
		if ok {
			return k
		}
	}
	return 1
}

// draw draws the table in its place of the layout, numbers centred under the
// plot's ticks.
func (rt *riskTable) draw(c draw.Canvas, l layout, p *plot.Plot, st figureStyle) {
	lh := st.lineHeight()
	left := l.data.Min.X - rt.leftWidth(st)
	top := l.table.Max.Y
	head := st.text(st.font, draw.XLeft, draw.YTop)
	c.FillText(head, vg.Point{X: left, Y: top}, rt.header)
	xs := rt.columns(l, p)
	num := st.text(st.font, draw.XCenter, draw.YTop)
	widths := make([]vg.Length, len(xs))
	for _, r := range rt.rows {
		for i, n := range r.counts {
			widths[i] = max(widths[i], num.Width(groupThousands(n)))
		}
	}
	k := stride(xs, widths, st.font/2)
	y := top - lh // the top of the row: its label's first line, its numbers and its line's sample
	for _, r := range rt.rows {
		mid := y - lh/2
		c.StrokeLine2(r.line, left, mid, left+st.sampleWidth(), mid)
		lab := head
		lab.Color = r.line.Color
		c.FillText(lab, vg.Point{X: left + st.sampleWidth() + st.pad, Y: y}, r.label)
		for i := 0; i < len(xs); i += k {
			c.FillText(num, vg.Point{X: xs[i], Y: y}, groupThousands(r.counts[i]))
		}
		y -= vg.Length(r.lines()) * lh
	}
}

// groupThousands writes n with commas between groups of three digits.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + groupThousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// withHeaderNote adds a note to the table's header, in brackets, after the
// notes before it.
func (rt *riskTable) withHeaderNote(format string, a ...any) {
	note := fmt.Sprintf(format, a...)
	if strings.HasSuffix(rt.header, ")") {
		rt.header = strings.TrimSuffix(rt.header, ")") + "; " + note + ")"
		return
	}
	rt.header += " (" + note + ")"
}
