package report

import (
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// A figure that cannot fit its text at the set height grows, in 10 mm
// steps, up to maxFigureHeight; only past that does drawing it fail with an
// error naming the options to change. Small multiples (growToFit) and a
// tornado's rows (tornado_fit.go) grow by their own measure; every other
// figure grows when its parts do not fit at all (fitHeight), its data area
// then keeping the share of the set height it must keep there.

// recordingCanvas is a canvas of the given size that only records.
func recordingCanvas(w, h vg.Length) draw.Canvas {
	return draw.Canvas{Canvas: &recorder.Canvas{}, Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: h}}}
}

// growTo sets the figure's height to the least one, from the set height up
// in steps of 10 mm to maxFigureHeight, at which its parts fit and its data
// area is at least need high; false if there is none.
func (f *figure) growTo(set Figures, need vg.Length) bool {
	steps := int(math.Ceil(float64((maxFigureHeight - set.Height) / (10 * vg.Millimeter))))
	for i := range max(steps, 0) + 1 {
		h := set.Height + vg.Length(i)*10*vg.Millimeter
		l, err := f.layout(recordingCanvas(set.Width, h))
		if err == nil && l.data.Size().Y >= need {
			f.height = 0
			if i > 0 {
				f.height = h
			}
			return true
		}
	}
	return false
}

// fitHeight grows a figure whose parts do not fit at the set height to the
// least height at which they do (see growTo); a figure that already has its
// height (small multiples, a tornado) or fits is left as it is, and one that
// fits at no height takes the greatest, so that drawing it fails with the
// sizes there, naming the options.
func (f *figure) fitHeight(set Figures) {
	if f.height > 0 || len(f.panels) > 0 {
		return
	}
	if _, err := f.layout(recordingCanvas(set.Width, set.Height)); err == nil {
		return
	}
	f.least = minDataShare * set.Height
	if !f.growTo(set, 0) {
		f.height = max(set.Height, maxFigureHeight)
	}
}

// fitted returns build with the figure grown to fit its text (fitHeight).
func fitted(build func() (*figure, error), set Figures) func() (*figure, error) {
	return func() (*figure, error) {
		f, err := build()
		if err == nil {
			f.fitHeight(set)
		}
		return f, err
	}
}
