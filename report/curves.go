package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// The curves figures: survival.* (survival endpoints) and incidence.*
// (cumulative incidences), and psa_survival.* from the same builder. With one
// scenario a figure shows every endpoint of its kind, each endpoint in one
// colour and dash pattern in every figure of the run (by order of first
// appearance), so curves stay apart in grey print. With several scenarios a
// figure shows one endpoint, the scenarios overlaid, each scenario in its own
// colour and dash pattern (overlay.go).

// figureRun is what every figure of a run shares.
type figureRun struct {
	set       Figures // with every default filled in
	style     figureStyle
	title     string         // the model's title; "" when bare
	caption   string         // the run's patients and seed; "" when bare
	colours   map[string]int // endpoint name → colour (and dash) index
	scenarios map[string]int // scenario label → colour (and dash) index
	fu        followUp       // where each curve stops
	origins   map[string]Origin
	// only, if not nil, limits a one-scenario figure to these endpoints (one
	// origin's).
	only map[string]bool
	// titles are the scenarios' legend labels, by scenario label.
	titles map[string]string
	// bandEdges draws an overlay's bands as their edges, thin lines in each
	// scenario's colour and dash, not as fills: parameter-uncertainty bands
	// are wide and overlap, and several translucent fills read as one wash.
	bandEdges bool
}

// newFigureRun collects what the figures of run r share.
func newFigureRun(r Run) figureRun {
	set := r.Figures.withDefaults()
	fr := figureRun{set: set, style: newStyle(set.FontSize), colours: map[string]int{}, scenarios: map[string]int{},
		fu: newFollowUp(set, r.Results), origins: r.Origins}
	fr.titles = map[string]string{}
	for si, res := range r.Results {
		fr.scenarios[scenarioLabel(res)] = si
		if si < len(r.ScenarioTitles) && r.ScenarioTitles[si] != "" {
			fr.titles[scenarioLabel(res)] = r.ScenarioTitles[si]
		}
		for _, e := range res.Endpoints {
			if _, ok := fr.colours[e.Name]; !ok {
				fr.colours[e.Name] = len(fr.colours)
			}
		}
	}
	if !set.Bare {
		fr.title = r.Title
		per := ""
		if len(r.Results) > 1 {
			per = " per scenario"
		}
		first := r.Results[0]
		fr.caption = fmt.Sprintf("Simulated N = %s patients%s; seed %d.", groupThousands(first.Patients), per, first.Seed)
	}
	return fr
}

// scenarioTitle is a scenario's label in legends and tables: its title, else
// its label.
func (fr figureRun) scenarioTitle(r *sim.Result) string {
	if t := fr.titles[scenarioLabel(r)]; t != "" {
		return t
	}
	return scenarioLabel(r)
}

// sentences joins the non-empty parts into sentences.
func sentences(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			if !strings.HasSuffix(p, ".") {
				p += "."
			}
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// plotOnly draws a plotter without its glyph boxes: the axes' ranges are
// fixed, and the boxes of every point of every line (which gonum/plot collects
// at each layout pass to pad the data area) made 20 scenarios slow to draw.
type plotOnly struct{ plot.Plotter }

// plotted is a curve as the figure draws it: which one, its line and band.
type plotted struct {
	scenario, endpoint string
	line               *plotter.Line
	band               *plotter.Polygon
}

// curves builds a curves figure of the given kind: step lines over their
// shaded bands (bandNote says what the shading is), landmarks, published
// figures, a legend and a number-at-risk table. With one result it shows every
// endpoint of the kind; with several, the named endpoint (the first of the
// kind if endpoint is "") of each result, the scenarios overlaid.
func (fr figureRun) curves(results []*sim.Result, kind model.EndpointKind, endpoint, title, bandNote string) (*figure, error) {
	st := fr.style
	p := plot.New()
	f := &figure{style: st, title: title, plot: p}
	overlay := len(results) > 1
	if overlay && endpoint == "" {
		if names := endpointsOf(results, kind); len(names) > 0 {
			endpoint = names[0]
		}
	}
	alpha := uint8(bandAlpha)
	if overlay {
		alpha = overlayBandAlpha
	}
	mk := &marks{style: st}
	var entries []legendEntry
	drawn := map[string]bool{}
	var lines []plot.Plotter
	xmax := 0.0
	ylabel := "Survival probability"
	if kind == model.Incidence {
		ylabel = "Cumulative incidence"
	}
	named := false // whether ylabel is the endpoint's title
	if overlay && endpoint != "" {
		ylabel += " (" + endpoint + ")"
	}
	stopNote := "" // said when a curve stops before the horizon
	for si, r := range results {
		xmax = math.Max(xmax, r.Horizon)
		for ei := range r.Endpoints {
			e := &r.Endpoints[ei]
			if e.Kind != kind || (endpoint != "" && e.Name != endpoint) || (fr.only != nil && !fr.only[e.Name]) {
				continue
			}
			end := fr.fu.end(r, e)
			n := lastIndex(r.Grid, end)
			if n < len(r.Grid) {
				stopNote = fr.fu.note()
			}
			c := newCurve(r.Grid[:n], e.Curve[:n])
			if len(c.t) == 0 {
				continue
			}
			i := fr.styleIndex(r, e.Name, overlay)
			col := paletteColor(i)
			xmax = math.Max(xmax, c.t[len(c.t)-1])
			band, err := plotter.NewPolygon(bandRing(c.t, c.lo, c.hi))
			if err != nil {
				return nil, err
			}
			band.Color = withAlpha(col, alpha)
			band.LineStyle.Width = 0
			if fr.bandEdges && overlay {
				band.Color = nil
				for _, edge := range [][]float64{c.lo, c.hi} {
					l, err := plotter.NewLine(stepXY(c.t, edge))
					if err != nil {
						return nil, err
					}
					l.LineStyle = st.curveLine(withAlpha(col, 0xb0), i)
					l.LineStyle.Width = 0.5 * st.line
					lines = append(lines, plotOnly{l})
					mk.curves = append(mk.curves, l.XYs) // labels keep off the edges too
				}
			}
			p.Add(band) // bands first, under every line
			line, err := plotter.NewLine(stepXY(c.t, c.y))
			if err != nil {
				return nil, err
			}
			line.LineStyle = st.curveLine(col, i)
			lines = append(lines, plotOnly{line})
			f.lines = append(f.lines, plotted{scenarioLabel(r), e.Name, line, band})
			drawn[e.Name] = true
			label := legendLabel(e.Name, e.Title)
			if overlay {
				label = truncate(fr.scenarioTitle(r), maxLabelRunes)
				if e.Title != "" && !named { // the axis names the endpoint
					ylabel, named = e.Title, true
				}
			}
			entries = append(entries, legendEntry{label, []plot.Thumbnailer{&plotter.Line{LineStyle: line.LineStyle}}})
			mk.curves = append(mk.curves, line.XYs)
			for _, lm := range e.Landmarks {
				if finite(lm.Time) && finite(lm.Value) && !past(lm.Time, end) {
					label := percent(lm.Value)
					if si >= maxLabelledScenarios { // the first scenarios' values only
						label = ""
					}
					mk.landmarks = append(mk.landmarks, landmarkMark{lm.Time, clip01(lm.Value), label, col})
				}
			}
		}
	}
	mk.targets = fr.targetMarks(results, kind, drawn, xmax, overlay)
	p.Add(lines...)
	p.Add(mk)
	setAxes(p, results[0].Unit, xmax, ylabel, st, fr.set.Width)
	origin := Origin{}
	for _, name := range endpointsOf(results, kind) {
		if drawn[name] {
			origin = fr.origins[name] // one origin per figure (curvesFiles)
			break
		}
	}
	p.X.Label.Text = timeLabel(results[0].Unit, origin)
	f.ylabel = ylabel
	if len(mk.targets) > 0 {
		entries = append(entries, legendEntry{"Published (95% CI)", []plot.Thumbnailer{targetThumb{st}}})
	}
	if fr.set.Bare { // no caption: the legend says what the shading is
		shade, err := plotter.NewPolygon()
		if err != nil {
			return nil, err
		}
		shade.Color = withAlpha(grey, bandAlpha)
		shade.LineStyle.Width = 0
		entries = append(entries, legendEntry{bandNote, []plot.Thumbnailer{shade}})
	} else {
		scenario := ""
		if !overlay && len(fr.scenarios) > 1 { // one scenario's figure (a PSA) in a run of several
			scenario = "Scenario " + scenarioLabel(results[0])
		}
		f.caption = sentences(fr.caption, scenario, bandNote, stopNote)
	}
	f.legend = entries
	f.table = fr.riskTable(results, kind, endpoint, overlay, p)
	f.marks = mk
	return f, nil
}

// styleIndex is the colour and dash pattern index of endpoint's curve in
// result r: the endpoint's, or in an overlay of scenarios the scenario's.
func (fr figureRun) styleIndex(r *sim.Result, endpoint string, overlay bool) int {
	if overlay {
		return fr.scenarios[scenarioLabel(r)]
	}
	return fr.colours[endpoint]
}

// targetMarks returns the published figures of the results that belong on a
// figure of the given kind whose drawn endpoints are drawn: a value at a time
// of such an endpoint, or its median (at 0.5), within [0, xmax], in its
// curve's colour. In an overlay a figure is drawn once, in the colour of the
// first scenario that has it: the base's targets, and a later scenario's only
// where they differ.
func (fr figureRun) targetMarks(results []*sim.Result, kind model.EndpointKind, drawn map[string]bool, xmax float64, overlay bool) []targetMark {
	var out []targetMark
	want := model.MeasureSurvival
	if kind == model.Incidence {
		want = model.MeasureIncidence
	}
	for _, r := range results {
		for _, tr := range r.Targets {
			t := tr.Target
			if !drawn[t.Endpoint] {
				continue
			}
			iv := publishedInterval(t)
			m := targetMark{x: t.Time, y: t.Value, lo: float64(iv.Lower), hi: float64(iv.Upper),
				colour: paletteColor(fr.styleIndex(r, t.Endpoint, overlay))}
			switch t.Measure {
			case want:
			case model.MeasureMedian:
				m.x, m.y, m.horizontal = t.Value, 0.5, true
				m.hi = math.Min(m.hi, xmax)
			default:
				continue
			}
			if m.x >= 0 && m.x <= xmax && !slices.ContainsFunc(out, m.same) {
				out = append(out, m)
			}
		}
	}
	return out
}

// riskTable returns the number-at-risk table of a curves figure whose time
// axis p has set: a row per endpoint of the kind, or in an overlay a row per
// scenario for the endpoint; nil if there is none.
func (fr figureRun) riskTable(results []*sim.Result, kind model.EndpointKind, endpoint string, overlay bool, p *plot.Plot) *riskTable {
	st := fr.style
	cohort, header := cohortSize(fr.set, results)
	rt := &riskTable{header: header, times: majorTicks(p.X)}
	for _, r := range results {
		for i := range r.Endpoints {
			e := &r.Endpoints[i]
			if e.Kind != kind || (endpoint != "" && e.Name != endpoint) || len(e.AtRisk) == 0 || (!overlay && e.N == 0) ||
				(fr.only != nil && !fr.only[e.Name]) {
				continue
			}
			k := fr.styleIndex(r, e.Name, overlay)
			label := e.Name
			if overlay {
				label = fr.scenarioTitle(r)
			}
			label = rowLabel(label, st, fr.set.Width)
			rt.addRow(label, st.curveLine(paletteColor(k), k), r, e, cohort)
		}
	}
	if overlay && endpoint != "" {
		rt.withHeaderNote("%s", endpoint)
	}
	if n := len(rt.rows); n > maxRiskRows {
		what := "endpoints"
		if overlay {
			what = "scenarios"
		}
		rt.rows = rt.rows[:maxRiskRows]
		rt.withHeaderNote("first %d of %d %s", maxRiskRows, n, what)
	}
	if len(rt.rows) == 0 || len(rt.times) == 0 {
		return nil
	}
	return rt
}
