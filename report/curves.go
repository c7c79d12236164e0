package report

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// The curves figures: survival.* (every survival endpoint) and incidence.*
// (every cumulative incidence), and psa_survival.* from the same builder.
// Each endpoint has one colour and one dash pattern in every figure of a run
// (by order of first appearance), so curves stay apart in grey print; with
// several scenarios the dash pattern marks the scenario instead.

// figureRun is what every figure of a run shares.
type figureRun struct {
	set     Figures // with every default filled in
	style   figureStyle
	title   string         // the model's title; "" when bare
	caption string         // the run's patients and seed; "" when bare
	colours map[string]int // endpoint name → colour (and dash) index
}

// newFigureRun collects what the figures of run r share.
func newFigureRun(r Run) figureRun {
	set := r.Figures.withDefaults()
	fr := figureRun{set: set, style: newStyle(set.FontSize), colours: map[string]int{}}
	for _, res := range r.Results {
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

// plotted is a curve as the figure draws it: which one, and its line.
type plotted struct {
	scenario, endpoint string
	line               *plotter.Line
}

// curves builds the figure of every endpoint of the given kind in every
// result: step lines over their shaded bands (bandNote says what the shading
// is), landmarks, published figures, a legend and a number-at-risk table.
func (fr figureRun) curves(results []*sim.Result, kind model.EndpointKind, title, bandNote string) (*figure, error) {
	st := fr.style
	p := plot.New()
	f := &figure{style: st, title: title, plot: p}
	multi := len(results) > 1
	mk := &marks{style: st}
	var entries []legendEntry
	drawn := map[string]bool{}
	var lines []plot.Plotter
	xmax := 0.0
	for si, r := range results {
		xmax = math.Max(xmax, r.Horizon)
		for ei := range r.Endpoints {
			e := &r.Endpoints[ei]
			c := newCurve(r.Grid, e.Curve)
			if e.Kind != kind || len(c.t) == 0 {
				continue
			}
			ci := fr.colours[e.Name]
			col := paletteColor(ci)
			dash := ci
			if multi {
				dash = si
			}
			xmax = math.Max(xmax, c.t[len(c.t)-1])
			band, err := plotter.NewPolygon(bandRing(c.t, c.lo, c.hi))
			if err != nil {
				return nil, err
			}
			band.Color = withAlpha(col, bandAlpha)
			band.LineStyle.Width = 0
			p.Add(band) // bands first, under every line
			line, err := plotter.NewLine(stepXY(c.t, c.y))
			if err != nil {
				return nil, err
			}
			line.LineStyle = st.curveLine(col, dash)
			lines = append(lines, plotOnly{line})
			f.lines = append(f.lines, plotted{scenarioLabel(r), e.Name, line})
			if !drawn[e.Name] {
				drawn[e.Name] = true
				thumb := &plotter.Line{LineStyle: st.curveLine(col, ci)}
				if multi {
					thumb.LineStyle = st.curveLine(col, 0)
				}
				entries = append(entries, legendEntry{legendLabel(e.Name, e.Title), []plot.Thumbnailer{thumb}})
			}
			mk.curves = append(mk.curves, line.XYs)
			for _, lm := range e.Landmarks {
				if finite(lm.Time) && finite(lm.Value) {
					label := percent(lm.Value)
					if si > 0 { // with several scenarios, the first one's values only
						label = ""
					}
					mk.landmarks = append(mk.landmarks, landmarkMark{lm.Time, clip01(lm.Value), label, col})
				}
			}
		}
	}
	mk.targets = fr.targetMarks(results[0], kind, drawn, xmax)
	p.Add(lines...)
	p.Add(mk)
	ylabel := "Survival probability"
	if kind == model.Incidence {
		ylabel = "Cumulative incidence"
	}
	setAxes(p, results[0].Unit, xmax, ylabel, st, fr.set.Width)
	if multi {
		for si, r := range results {
			entries = append(entries, legendEntry{"Scenario: " + truncate(scenarioLabel(r), maxLabelRunes),
				[]plot.Thumbnailer{&plotter.Line{LineStyle: st.curveLine(black, si)}}})
		}
	}
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
		f.caption = sentences(fr.caption, bandNote)
	}
	f.legend = entries
	f.table = fr.riskTable(results, kind, p)
	f.marks = mk
	return f, nil
}

// targetMarks returns the published figures of r that belong on a figure of
// the given kind whose drawn endpoints are drawn: a value at a time of such an
// endpoint, or its median (at 0.5), within [0, xmax], in its colour.
func (fr figureRun) targetMarks(r *sim.Result, kind model.EndpointKind, drawn map[string]bool, xmax float64) []targetMark {
	var out []targetMark
	want := model.MeasureSurvival
	if kind == model.Incidence {
		want = model.MeasureIncidence
	}
	for _, tr := range r.Targets {
		t := tr.Target
		if !drawn[t.Endpoint] {
			continue
		}
		iv := publishedInterval(t)
		m := targetMark{x: t.Time, y: t.Value, lo: float64(iv.Lower), hi: float64(iv.Upper),
			colour: paletteColor(fr.colours[t.Endpoint])}
		switch t.Measure {
		case want:
		case model.MeasureMedian:
			m.x, m.y, m.horizontal = t.Value, 0.5, true
			m.hi = math.Min(m.hi, xmax)
		default:
			continue
		}
		if m.x >= 0 && m.x <= xmax {
			out = append(out, m)
		}
	}
	return out
}

// riskTable returns the number-at-risk table of a curves figure whose time
// axis p has set: a row per endpoint of the kind, or with several scenarios a
// row per scenario for the first endpoint of the kind; nil if there is none.
func (fr figureRun) riskTable(results []*sim.Result, kind model.EndpointKind, p *plot.Plot) *riskTable {
	st := fr.style
	cohort, header := cohortSize(fr.set, results)
	rt := &riskTable{header: header, times: majorTicks(p.X)}
	if len(results) == 1 {
		r := results[0]
		for i := range r.Endpoints {
			if e := &r.Endpoints[i]; e.Kind == kind && e.N > 0 && len(e.AtRisk) > 0 {
				ci := fr.colours[e.Name]
				rt.addRow(e.Name, st.curveLine(paletteColor(ci), ci), r, e, cohort)
			}
		}
	} else {
		first := ""
		for si, r := range results {
			for i := range r.Endpoints {
				e := &r.Endpoints[i]
				if e.Kind != kind || len(e.AtRisk) == 0 || (first != "" && e.Name != first) {
					continue
				}
				first = e.Name
				rt.addRow(scenarioLabel(r), st.curveLine(paletteColor(fr.colours[e.Name]), si), r, e, cohort)
				break
			}
		}
		if first != "" {
			rt.withHeaderNote("%s", first)
		}
	}
	if n := len(rt.rows); n > maxRiskRows {
		rt.rows = rt.rows[:maxRiskRows]
		rt.withHeaderNote("first %d of %d scenarios", maxRiskRows, n)
	}
	if len(rt.rows) == 0 || len(rt.times) == 0 {
		return nil
	}
	return rt
}
