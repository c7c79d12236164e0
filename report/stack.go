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
// legend lists the states top down by their titles.
func (fr figureRun) occupancy(r *sim.Result) (*figure, error) {
	f := &figure{style: fr.style, title: fr.title}
	t, occ := occupancyGrid(r)
	p, polys, rings, err := fr.occupancyPlot(r, t, occ)
	if err != nil {
		return nil, err
	}
	f.plot, f.rings = p, rings
	f.legend = stateLegend(r.States, polys)
	f.ylabel = p.Y.Label.Text
	if !fr.set.Bare {
		f.caption = fr.caption
	}
	return f, nil
}

// occupancyPanels builds occupancy.* of several results (scenarios or
// subgroups): one panel of stacked areas per result, titled by it, on shared
// time and probability axes, with one legend of the states (every result of
// the states of all results, each in one colour in every panel).
func (fr figureRun) occupancyPanels(results []*sim.Result) (*figure, error) {
	f := &figure{style: fr.style, title: fr.title}
	states := unionStates(results)
	shown := make([]*plotter.Polygon, len(states)) // a polygon of each state, for the legend
	xmax := 0.0
	for i, r := range results {
		t, occ := occupancyGrid(r)
		p, polys, _, err := fr.occupancyPlot(r, t, alignStates(r, states, occ, len(t)))
		if err != nil {
			return nil, err
		}
		for k, poly := range polys {
			if shown[k] == nil && poly != nil && hasState(r, states[k].Name) {
				shown[k] = poly
			}
		}
		if i == 0 {
			f.plot = p
		}
		xmax = math.Max(xmax, p.X.Max)
		p.Title.TextStyle = fr.style.text(fr.style.font, draw.XCenter, draw.YTop)
		p.Title.Padding = fr.style.pad / 2
		f.panels = append(f.panels, panel{plot: p, title: fr.scenarioTitle(r)})
	}
	for _, pn := range f.panels { // shared axes
		pn.plot.X.Max = xmax
	}
	f.xlabel, f.ylabel2 = f.plot.X.Label.Text, "Probability in the state"
	f.legend = stateLegend(states, shown)
	if !fr.set.Bare {
		f.caption = sentences(fr.caption, panelNote(results))
	}
	f.growToFit(fr.set)
	return f, nil
}

// occupancyPlot returns the plot of a result's stacked occupancy occ[k] at
// the times t (state k in colour k), its polygons by state (nil for a state
// with none) and their rings.
func (fr figureRun) occupancyPlot(r *sim.Result, t []float64, occ [][]float64) (*plot.Plot, []*plotter.Polygon, []plotter.XYs, error) {
	st := fr.style
	p := plot.New()
	rings := stackRings(t, occ)
	polys := make([]*plotter.Polygon, len(rings))
	for k, ring := range rings {
		if len(ring) == 0 {
			continue
		}
		poly, err := plotter.NewPolygon(ring)
		if err != nil {
			return nil, nil, nil, err
		}
		poly.Color = withAlpha(stateColor(k), occupancyAlpha)
		poly.LineStyle = draw.LineStyle{Color: color.White, Width: st.line / 2}
		p.Add(poly)
		polys[k] = poly
	}
	xmax := r.Horizon
	if len(t) > 0 {
		xmax = math.Max(xmax, t[len(t)-1])
	}
	setAxes(p, r.Unit, xmax, "Probability of being in the state", st, fr.set.Width)
	p.X.Label.Text = timeLabel(r.Unit, fr.origins[model.OSName]) // states are occupied from the simulation's start
	return p, polys, rings, nil
}

// stateLegend lists the states top down (as stacked) by their titles.
func stateLegend(states []sim.StateResult, polys []*plotter.Polygon) []legendEntry {
	var out []legendEntry
	for k := len(polys) - 1; k >= 0; k-- {
		if polys[k] != nil {
			label := states[k].Title
			if label == "" {
				label = states[k].Name
			}
			out = append(out, legendEntry{truncate(label, maxLabelRunes), []plot.Thumbnailer{polys[k]}})
		}
	}
	return out
}

// panelNote says what the panels of several results are.
func panelNote(results []*sim.Result) string {
	for _, r := range results {
		if r.Subgroup != "" {
			return "One panel per scenario and subgroup, on the same axes"
		}
	}
	return "One panel per scenario, on the same axes"
}
