package report

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// occupancyAlpha is the opacity of a state's area in occupancy.*.
const occupancyAlpha = 0xc0

// stackRings returns the polygons of a stacked-area plot: ring k lies between
// the cumulative sums of occ[0..k-1] and occ[0..k] at the times t, with
// straight lines between times (occupancy is a probability at each time, not
// a step function). occ[k][i] is state k's occupancy at t[i]; values that
// are not finite count as 0, and cumulative sums are clipped to [0, 1].
func stackRings(t []float64, occ [][]float64) []plotter.XYs {
	below := make([]float64, len(t))
	rings := make([]plotter.XYs, len(occ))
	for k, o := range occ {
		above := make([]float64, len(t))
		for i := range t {
			v := 0.0
			if i < len(o) && finite(o[i]) {
				v = o[i]
			}
			above[i] = clip01(below[i] + v)
		}
		ring := make(plotter.XYs, 0, 2*len(t))
		for i := range t {
			ring = append(ring, plotter.XY{X: t[i], Y: above[i]})
		}
		for i := len(t) - 1; i >= 0; i-- {
			ring = append(ring, plotter.XY{X: t[i], Y: below[i]})
		}
		rings[k] = ring
		below = above
	}
	return rings
}

// occupancyGrid returns the thinned grid times (up to the first time that is
// not finite) and each state's occupancy at them.
func occupancyGrid(r *sim.Result) (t []float64, occ [][]float64) {
	n := len(r.Grid)
	for i, x := range r.Grid {
		if !finite(x) {
			n = i
			break
		}
	}
	idx := thin(n, maxPlotPoints)
	for _, i := range idx {
		t = append(t, r.Grid[i])
	}
	occ = make([][]float64, len(r.States))
	for k, s := range r.States {
		occ[k] = make([]float64, len(idx))
		for j, i := range idx {
			if i < len(s.Occupancy) {
				occ[k][j] = s.Occupancy[i].Value
			}
		}
	}
	return t, occ
}

// occupancy builds occupancy.*: the result's state occupancy as stacked
// areas, the first state at the bottom, one colour per state in model order
// (the same in every run of the model), white lines between the areas; the
// legend lists the states top down by their titles. With several scenarios it
// shows the one named in the caption.
func (fr figureRun) occupancy(r *sim.Result, several bool) (*figure, error) {
	st := fr.style
	p := plot.New()
	f := &figure{style: st, title: fr.title, plot: p}
	t, occ := occupancyGrid(r)
	f.rings = stackRings(t, occ)
	polys := make([]*plotter.Polygon, len(f.rings))
	for k, ring := range f.rings {
		if len(ring) == 0 {
			continue
		}
		poly, err := plotter.NewPolygon(ring)
		if err != nil {
			return nil, err
		}
		poly.Color = withAlpha(stateColor(k), occupancyAlpha)
		poly.LineStyle = draw.LineStyle{Color: color.White, Width: st.line / 2}
		p.Add(poly)
		polys[k] = poly
	}
	for k := len(polys) - 1; k >= 0; k-- {
		if polys[k] != nil {
			label := r.States[k].Title
			if label == "" {
				label = r.States[k].Name
			}
			f.legend = append(f.legend, legendEntry{truncate(label, maxLabelRunes), []plot.Thumbnailer{polys[k]}})
		}
	}
	xmax := r.Horizon
	if len(t) > 0 {
		xmax = math.Max(xmax, t[len(t)-1])
	}
	f.ylabel = "Probability of being in the state"
	setAxes(p, r.Unit, xmax, f.ylabel, st, fr.set.Width)
	p.X.Label.Text = timeLabel(r.Unit, fr.origins[model.OSName]) // states are occupied from the simulation's start
	if !fr.set.Bare {
		scenario := ""
		if several {
			scenario = "Scenario " + fr.scenarioTitle(r)
		}
		f.caption = sentences(fr.caption, scenario)
	}
	return f, nil
}
