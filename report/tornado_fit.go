package report

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/blinasim/blinasim/sim"
)

// Sizing a tornado: each row is as high as its tallest label (parameter
// titles wrap, never cut) and as its two value labels need, and the figure
// grows in height to hold its rows, from the set height in 10 mm steps up
// to maxFigureHeight (a journal page's type area). Rows that do not fit
// even then are left out, the largest swings kept: the legend says "Top k
// of n parameters" and the write warns, naming --top, --fig-width and
// --font-size. The x range is then widened until every value label fits
// beside its bar inside the data area.

// tornadoLabelShare is the share of the figure's width the rows' labels
// wrap to.
const tornadoLabelShare = 0.4

// rowHeight is the height of a tornado's row whose longest label has the
// given number of lines: room for the lines and a pad between rows, and for
// a bar half as high as a value label and the figure's line width.
func rowHeight(lines int, st figureStyle) vg.Length {
	lh := st.lineHeight()
	return max((lh+st.line)/barHalf, vg.Length(lines)*lh+st.pad)
}

// tornado builds the tornado chart of a one-way analysis as a figure of the
// settings set (its rows labelled by the parameters' titles, by name; a
// parameter without one by its name), and returns it with the number of rows
// it shows: the set's Top (or all rows, if fewer), or fewer if those do not
// fit on a figure grown to maxFigureHeight. Title "" draws none.
func tornado(ow *sim.OneWay, titles map[string]string, xlabel, title, caption string, set Figures) (*figure, int, error) {
	set = set.withDefaults()
	st := newStyle(set.FontSize)
	// No more rows than rows of one line fill the tallest figure: the
	// search below tries fewer and fewer (--top 1000 tries some 25).
	most := int(max(set.Height, maxFigureHeight) / rowHeight(1, st))
	for k := min(len(ow.Rows), set.Top, most); k >= 1; k-- {
		tp, err := tornadoFigure(ow, titles, k, xlabel, st, tornadoLabelShare*set.Width)
		if err != nil {
			return nil, 0, err
		}
		f := &figure{style: st, title: title, caption: caption, plot: tp.plot, legend: tp.entries,
			least: minDataShare * set.Height} // however tall it grows, the data area keeps the width it has at the set height
		f.wrapXLabel(xlabel, set)
		if !f.growTo(set, vg.Length(k)*rowHeight(tp.lines, st)) {
			continue
		}
		if err := tp.fitX(f, set); err != nil {
			return nil, 0, err
		}
		return f, k, nil
	}
	return nil, 0, fmt.Errorf("not one row of the tornado fits on a figure of %s wide grown to %s high: "+
		"make it wider (--fig-width), the text smaller (--font-size), or leave out the title and caption (--fig-title=false)",
		formatMM(set.Width), formatMM(max(set.Height, maxFigureHeight)))
}

// tornadoWarning is the warning of a tornado that shows fewer rows than
// asked for, "" if it shows them all.
func tornadoWarning(ow *sim.OneWay, shown int, set Figures) string {
	set = set.withDefaults()
	if want := min(len(ow.Rows), set.Top); shown < want {
		return fmt.Sprintf("tornado: the top %d parameters do not fit on a figure grown to %s high; it shows the top %d "+
			"(all %d are in oneway.csv): ask for fewer (--top %d), let titles wrap less (--fig-width) or make the text smaller (--font-size)",
			want, formatMM(max(set.Height, maxFigureHeight)), shown, len(ow.Rows), shown)
	}
	return ""
}

// wrapXLabel sets the x axis's label to label wrapped to the data area's
// width: gonum centres the label under the data area and shrinks the area
// until the label fits beside the axis's left end, so a label wider than
// the area (a difference's "(scenario − base)") squeezed the bars into a
// fraction of it. It starts from half the width the rows' labels leave,
// and widens to the data area's width as measured.
func (f *figure) wrapXLabel(label string, set Figures) {
	a := &f.plot.X.Label
	width := (1 - tornadoLabelShare) * set.Width / 2
	for range 3 {
		a.Text = strings.Join(wrapAll(label, a.TextStyle, width), "\n")
		l, err := f.layout(recordingCanvas(set.Width, set.Height))
		if err != nil || l.data.Size().X <= width {
			return
		}
		width = l.data.Size().X
	}
}

// fitX widens the plot's x range so that every value label fits beside its
// bar within the data area: a label w points wide at x needs the range to
// reach w/W of its span past x, W the data area's width. The range is the
// least fixed point of that (found by iteration from the data's extent),
// and W is measured again after each change of range (the axis's end ticks
// may move the data area's edges).
func (tp *tornadoPlot) fitX(f *figure, set Figures) error {
	w, h := f.size(set)
	p := tp.plot
	margin := 0.02 * (tp.hi - tp.lo) // the bars clear of the data area's edges
	if !(margin > 0) {
		margin = 0.1 * math.Max(math.Abs(tp.lo), 1)
	}
	for range 3 {
		l, err := f.layout(recordingCanvas(w, h))
		if err != nil {
			return err
		}
		width := l.data.Size().X
		lo, hi := tp.lo-margin, tp.hi+margin
		for range 200 {
			span := hi - lo
			nlo, nhi := tp.lo-margin, tp.hi+margin
			for _, v := range tp.labels {
				d := float64(v.w/width) * span
				if v.right {
					nhi = math.Max(nhi, v.x+d)
				} else {
					nlo = math.Min(nlo, v.x-d)
				}
			}
			done := nlo >= lo-1e-9*span && nhi <= hi+1e-9*span
			lo, hi = math.Min(lo, nlo), math.Max(hi, nhi)
			if done {
				break
			}
		}
		span := hi - lo
		for _, v := range tp.labels {
			if d := float64(v.w/width) * span; v.right && v.x+d > hi+1e-6*span || !v.right && v.x-d < lo-1e-6*span {
				return fmt.Errorf("the tornado's value labels do not fit beside its bars in a data area %s wide: "+
					"make the figure wider (--fig-width) or the text smaller (--font-size)", formatMM(width))
			}
		}
		p.X.Min, p.X.Max = lo, hi
	}
	return nil
}
