package report

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"

	"github.com/blinasim/blinasim/sim"
)

// The trial figures: the power curve over sample sizes (with the assurance
// and power band under a PSA), and one simulated trial's Kaplan-Meier curves
// with censoring marks and the number at risk (the trial's own counts).

// powerFigure plots power against total sample size: the log-rank power of
// each design with its Monte Carlo 95% interval, the 80% line, and with a
// PSA the assurance and the 2.5–97.5% band of the draws' power.
func powerFigure(r TrialRun, set Figures) (*figure, error) {
	st := newStyle(set.FontSize)
	p := plot.New()
	f := &figure{style: st, plot: p}
	st.apply(p)
	sizes := make([]float64, len(r.Trial.Sizes))
	for i, n := range r.Trial.Sizes {
		sizes[i] = float64(n)
	}
	nc := r.Trial.Comparisons()
	lo, hi := sizes[0], sizes[len(sizes)-1]
	pad := math.Max(1, 0.05*(hi-lo))
	p.X.Min, p.X.Max = math.Max(0, lo-pad), hi+pad
	p.Y.Min, p.Y.Max = 0, 1
	p.Y.Tick.Marker = probabilityTicker{}
	p.X.Label.Text = "Total sample size (patients randomised)"
	p.X.Tick.Marker = sizeTicker{timeTickCount(set.Width, st.font)}
	f.ylabel = fmt.Sprintf("Power (log-rank, α = %s)", formatNumber(r.Trial.Alpha))
	p.Y.Label.Text = f.ylabel
	var entries, assurance []legendEntry
	ref, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: 0.8}, {X: p.X.Max, Y: 0.8}})
	if err != nil {
		return nil, err
	}
	ref.LineStyle = draw.LineStyle{Color: grey, Width: st.line / 2, Dashes: st.dashes(2)}
	p.Add(ref)
	// With several comparisons each has its colour; the power band of the
	// PSA is drawn for a single comparison only (they would cover each other).
	for c := range nc {
		col, suffix := paletteColor(c), ""
		if nc > 1 { // the arm's colour, as in the Kaplan-Meier figure
			col, suffix = paletteColor(c+1), ": "+truncate(r.Trial.ArmNames[c+1], maxLabelRunes/2)
		}
		if a := r.Assurance; a != nil {
			acol := col
			if nc == 1 {
				acol = paletteColor(1)
			}
			var ring, mid plotter.XYs
			for k, d := range a.Designs {
				if d.Comparison == c {
					ring = append(ring, plotter.XY{X: sizes[k/nc], Y: d.Band.Upper})
					mid = append(mid, plotter.XY{X: sizes[k/nc], Y: d.Assurance})
				}
			}
			for k := len(a.Designs) - 1; k >= 0; k-- {
				if d := a.Designs[k]; d.Comparison == c {
					ring = append(ring, plotter.XY{X: sizes[k/nc], Y: d.Band.Lower})
				}
			}
			var bandEntry []legendEntry
			if nc == 1 {
				band, err := plotter.NewPolygon(ring)
				if err != nil {
					return nil, err
				}
				band.Color = withAlpha(acol, bandAlpha)
				band.LineStyle.Width = 0
				p.Add(band)
				bandEntry = []legendEntry{{"Power in 95% of parameter draws", []plot.Thumbnailer{band}}}
			}
			line, err := plotter.NewLine(mid)
			if err != nil {
				return nil, err
			}
			line.LineStyle = st.curveLine(acol, 1)
			p.Add(plotOnly{line})
			assurance = append(assurance, legendEntry{"Assurance (over parameter uncertainty)" + suffix,
				[]plot.Thumbnailer{&plotter.Line{LineStyle: line.LineStyle}}})
			assurance = append(assurance, bandEntry...)
		}
		var xy, ring plotter.XYs
		var ss []sim.DesignSummary
		for _, s := range r.Summaries {
			if s.Comparison == c {
				ss = append(ss, s)
			}
		}
		for i, s := range ss {
			xy = append(xy, plotter.XY{X: sizes[i], Y: s.Power.Value})
			ring = append(ring, plotter.XY{X: sizes[i], Y: clip01(s.Power.Value + z95report*s.Power.SE)})
		}
		for i := len(ss) - 1; i >= 0; i-- {
			ring = append(ring, plotter.XY{X: sizes[i], Y: clip01(ss[i].Power.Value - z95report*ss[i].Power.SE)})
		}
		band, err := plotter.NewPolygon(ring)
		if err != nil {
			return nil, err
		}
		band.Color = withAlpha(col, bandAlpha)
		band.LineStyle.Width = 0
		p.Add(band)
		line, pts, err := plotter.NewLinePoints(xy)
		if err != nil {
			return nil, err
		}
		line.LineStyle = st.curveLine(col, 0)
		pts.GlyphStyle = draw.GlyphStyle{Color: col, Radius: 1.5 * st.line, Shape: draw.CircleGlyph{}}
		p.Add(plotOnly{line}, plotOnly{pts})
		entries = append(entries, legendEntry{"Power at the assumed parameters" + suffix, []plot.Thumbnailer{&plotter.Line{LineStyle: line.LineStyle}}})
		if c == 0 {
			entries = append(entries, legendEntry{"Monte Carlo 95% interval", []plot.Thumbnailer{band}})
		}
	}
	entries = append(entries, assurance...)
	entries = append(entries, legendEntry{"80% power", []plot.Thumbnailer{&plotter.Line{LineStyle: ref.LineStyle}}})
	f.legend = entries
	if !set.Bare {
		f.title = "Power: " + trialTitle(r)
		f.caption = fmt.Sprintf("%s simulated trials per sample size, the same patients in every design; seed %d.", groupThousands(r.Trials), r.Seed)
		if nc > 1 && r.Assurance != nil {
			f.caption += " The power bands over parameter draws are in assurance.csv."
		}
	}
	return f, nil
}

// sizeTicker labels a sample-size axis at round numbers (1, 2, 2.5, 5 times
// a power of ten), at most max + 1 labels, unlabelled ticks halfway.
type sizeTicker struct{ max int }

// Ticks implements plot.Ticker.
func (st sizeTicker) Ticks(lo, hi float64) []plot.Tick {
	step := tickStep(hi-lo, []float64{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000}, st.max)
	var ticks []plot.Tick
	for i := math.Ceil(lo/step*2) / 2; i*step <= hi+1e-9*step; i += 0.5 {
		label := ""
		if i == math.Trunc(i) {
			label = groupThousands(int(i * step))
		}
		ticks = append(ticks, plot.Tick{Value: i * step, Label: label})
	}
	return ticks
}

// z95report is the normal 97.5% quantile, for Monte Carlo 95% intervals.
const z95report = 1.959963984540054

func trialTitle(r TrialRun) string {
	if r.Title != "" {
		return r.Title
	}
	return strings.Join(r.Trial.ArmNames[1:], ", ") + " vs " + r.Trial.ArmNames[0]
}

// kmFigure plots the example trial's Kaplan-Meier curve per arm, with a mark
// at each censoring and the trial's number at risk under the time axis.
func kmFigure(r TrialRun, set Figures) (*figure, error) {
	st := newStyle(set.FontSize)
	ex := r.Example
	t := r.Trial
	recs := make([]sim.TrialRecord, len(ex.Patients))
	xmax := 0.0
	for i, pt := range ex.Patients {
		recs[i] = pt.TrialRecord
		xmax = math.Max(xmax, pt.Time)
	}
	sim.SortRecords(recs)
	p := plot.New()
	f := &figure{style: st, plot: p}
	ep := r.EndpointTitle
	if ep == "" {
		ep = t.Endpoint
	}
	setAxes(p, t.Arms[0].Model.Unit, xmax, "Survival probability ("+t.Endpoint+")", st, set.Width)
	p.X.Label.Text += " since randomisation"
	f.ylabel = ep
	var entries []legendEntry
	var lines []plot.Plotter
	rt := &riskTable{header: "Number at risk", times: majorTicks(p.X)}
	for a, name := range t.ArmNames {
		steps := sim.KaplanMeier(recs, uint8(a))
		ts, ys := []float64{0}, []float64{1}
		var cens plotter.XYs
		s := 1.0
		for _, k := range steps {
			s = k.Surv
			if k.Events > 0 {
				ts, ys = append(ts, k.Time), append(ys, s)
			}
			if k.Censored > 0 {
				cens = append(cens, plotter.XY{X: k.Time, Y: s})
			}
		}
		ts, ys = append(ts, xmax), append(ys, s)
		col := paletteColor(a)
		line, err := plotter.NewLine(stepXY(ts, ys))
		if err != nil {
			return nil, err
		}
		line.LineStyle = st.curveLine(col, a)
		lines = append(lines, plotOnly{line})
		f.lines = append(f.lines, plotted{name, t.Endpoint, line, nil})
		entries = append(entries, legendEntry{truncate(name, maxLabelRunes), []plot.Thumbnailer{&plotter.Line{LineStyle: line.LineStyle}}})
		if len(cens) > 0 {
			sc, err := plotter.NewScatter(cens)
			if err != nil {
				return nil, err
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: 1.5 * st.line, Shape: draw.PlusGlyph{}}
			lines = append(lines, plotOnly{sc})
		}
		row := riskRow{label: rowLabel(name, st, set.Width), line: line.LineStyle}
		for _, x := range rt.times {
			n := 0
			for _, rec := range recs {
				if int(rec.Arm) == a && rec.Time >= x {
					n++
				}
			}
			row.counts = append(row.counts, n)
		}
		rt.rows = append(rt.rows, row)
	}
	p.Add(lines...)
	entries = append(entries, legendEntry{"Censored", []plot.Thumbnailer{&plotter.Scatter{GlyphStyle: draw.GlyphStyle{Color: black, Radius: 1.5 * st.line, Shape: draw.PlusGlyph{}}}}})
	f.legend = entries
	f.table = rt
	if !set.Bare {
		f.title = fmt.Sprintf("One simulated trial: %s", trialTitle(r))
		f.caption = fmt.Sprintf("Trial %d of seed %d, N = %d, analysed %.1f %s after the first enrolment: %s. + censored.",
			ex.Trial, r.Seed, ex.Size, ex.Analysis, plural(t.Arms[0].Model.Unit.String()), exampleResults(r, "%s %d events, log-rank z = %.2f, Cox HR %.2f"))
	}
	return f, nil
}
