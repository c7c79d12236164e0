package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// fineResult is a result on a fine grid (1001 times over 60 months), so that
// its curves are thinned for the figure: two survival endpoints and an
// incidence, each S(t) = exp(-t/scale) with a band of ±2%, scaled per scenario.
func fineResult(scenario string, scale float64) *sim.Result {
	r := testResult()
	r.Scenario, r.Horizon = scenario, 60
	r.Grid = make([]float64, 1001)
	for i := range r.Grid {
		r.Grid[i] = 60 * float64(i) / 1000
	}
	r.Endpoints = nil
	for k, name := range []string{"os", "efs", "cir"} {
		e := sim.EndpointResult{Name: name, Kind: model.Survival, N: 1000 - 100*k}
		if name == "cir" {
			e.Kind = model.Incidence
		}
		for _, t := range r.Grid {
			s := math.Exp(-t / (scale * float64(k+1)))
			if e.Kind == model.Incidence {
				s = 1 - s
			}
			e.Curve = append(e.Curve, est(s, 0.98*s, math.Min(1, 1.02*s)))
			e.AtRisk = append(e.AtRisk, math.Exp(-t/(scale*float64(k+1))))
		}
		e.Landmarks = []sim.Landmark{{Time: 12, Estimate: e.Curve[200]}, {Time: 36, Estimate: e.Curve[600]}}
		r.Endpoints = append(r.Endpoints, e)
	}
	return r
}

// csvCurves reads survival.csv (or incidence.csv) into scenario → endpoint →
// time → value.
func csvCurves(t *testing.T, b []byte) map[string]map[string]map[float64]float64 {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]map[float64]float64{}
	for _, row := range rows[1:] {
		tm, err1 := strconv.ParseFloat(row[2], 64)
		v, err2 := strconv.ParseFloat(row[3], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("row %v: %v %v", row, err1, err2)
		}
		if out[row[0]] == nil {
			out[row[0]] = map[string]map[float64]float64{}
		}
		if out[row[0]][row[1]] == nil {
			out[row[0]][row[1]] = map[float64]float64{}
		}
		out[row[0]][row[1]][tm] = v
	}
	return out
}

// TestPlottedCurvesAreTheCSV: every vertex of every step line the survival and
// incidence figures draw is a (time, value) row of survival.csv or
// incidence.csv (6 significant digits); every curve of the CSV is drawn, in
// exactly one figure (with several scenarios, the one of its endpoint), at
// most maxPlotPoints times, from the first grid time to the last.
func TestPlottedCurvesAreTheCSV(t *testing.T) {
	for _, results := range [][]*sim.Result{
		{fineResult("base", 20)},
		{fineResult("base", 20), fineResult("better", 30), fineResult("worse", 15)},
	} {
		fr := newFigureRun(runOf(Figures{}, results...))
		for _, tc := range []struct {
			kind    model.EndpointKind
			write   func(*bytes.Buffer) error
			figures int
		}{
			{model.Survival, func(b *bytes.Buffer) error { return writeSurvivalCSV(b, results, fr.fu) }, 2},
			{model.Incidence, func(b *bytes.Buffer) error { return writeIncidenceCSV(b, results, fr.fu) }, 1},
		} {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			want := csvCurves(t, b.Bytes())
			endpoints := figureEndpoints(results, tc.kind)
			if len(results) > 1 && len(endpoints) != tc.figures {
				t.Errorf("%d scenarios, %s: figures of %q, want %d", len(results), tc.kind, endpoints, tc.figures)
			}
			drawn := map[[2]string]bool{}
			for _, endpoint := range endpoints {
				f, err := fr.curves(results, tc.kind, endpoint, fr.title, mcBandNote)
				if err != nil {
					t.Fatal(err)
				}
				for _, pc := range f.lines {
					if endpoint != "" && pc.endpoint != endpoint {
						t.Errorf("the figure of %s draws %s", endpoint, pc.endpoint)
					}
					if drawn[[2]string{pc.scenario, pc.endpoint}] {
						t.Errorf("%s/%s drawn twice", pc.scenario, pc.endpoint)
					}
					drawn[[2]string{pc.scenario, pc.endpoint}] = true
					checkPlotted(t, pc, want[pc.scenario][pc.endpoint])
				}
			}
			for sc, eps := range want {
				for ep := range eps {
					if !drawn[[2]string{sc, ep}] {
						t.Errorf("%d scenarios: %s/%s of the CSV is not drawn", len(results), sc, ep)
					}
				}
			}
		}
	}
}

// checkPlotted checks that the step line of pc goes through the CSV's rows
// (time → value) from time 0 to 60, in at most maxPlotPoints points.
func checkPlotted(t *testing.T, pc plotted, rows map[float64]float64) {
	t.Helper()
	xy := pc.line.XYs
	n := (len(xy) + 1) / 2 // a step line of n points has 2n − 1 vertices
	if n > maxPlotPoints || xy[0].X != 0 || xy[len(xy)-1].X != 60 {
		t.Errorf("%s/%s: %d points from %v to %v, want at most %d from 0 to 60", pc.scenario, pc.endpoint, n, xy[0].X, xy[len(xy)-1].X, maxPlotPoints)
	}
	for i := 0; i < len(xy); i += 2 { // the points; odd vertices are the risers
		v, ok := rows[xy[i].X]
		if !ok {
			t.Fatalf("%s/%s: time %v is not in the CSV", pc.scenario, pc.endpoint, xy[i].X)
		}
		if math.Abs(xy[i].Y-v) > 5e-6*math.Abs(v) {
			t.Errorf("%s/%s at %v: plotted %v, CSV %v", pc.scenario, pc.endpoint, xy[i].X, xy[i].Y, v)
		}
		if i > 0 && (xy[i-1].X != xy[i].X || xy[i-1].Y != xy[i-2].Y) {
			t.Errorf("%s/%s: vertex %d is not the riser of a step", pc.scenario, pc.endpoint, i-1)
		}
	}
}

// TestCurveStyles: with one scenario each endpoint has its own colour and
// dash pattern (grey print), the same in every figure; with several, every
// scenario has its own colour and dash pattern, its place in the run, the
// same in every figure of the run (survival, incidence, each endpoint's, and
// the PSA's), with its band in its colour at overlayBandAlpha.
func TestCurveStyles(t *testing.T) {
	results := []*sim.Result{fineResult("base", 20), fineResult("better", 30)}
	fr := newFigureRun(runOf(Figures{}, results...))
	st := fr.style
	psa := psaResults(results, []*sim.PSA{psaOf(results[0]), psaOf(results[1])})
	scenario := map[string]int{"base": 0, "better": 1}
	for _, tc := range []struct {
		results  []*sim.Result
		kind     model.EndpointKind
		endpoint string
		index    func(scenario, endpoint int) int // colour and dash
		alpha    uint8
	}{
		{results[:1], model.Survival, "", func(_, e int) int { return e }, bandAlpha},
		{results[:1], model.Incidence, "", func(_, e int) int { return e }, bandAlpha},
		{results, model.Survival, "os", func(s, _ int) int { return s }, overlayBandAlpha},
		{results, model.Survival, "efs", func(s, _ int) int { return s }, overlayBandAlpha},
		{results, model.Incidence, "cir", func(s, _ int) int { return s }, overlayBandAlpha},
		{psa, model.Survival, "os", func(s, _ int) int { return s }, overlayBandAlpha},
		{psa, model.Survival, "efs", func(s, _ int) int { return s }, overlayBandAlpha},
	} {
		f, err := fr.curves(tc.results, tc.kind, tc.endpoint, "", mcBandNote)
		if err != nil {
			t.Fatal(err)
		}
		if want := len(tc.results); tc.endpoint != "" && len(f.lines) != want {
			t.Errorf("%s: %d curves, want one per scenario", tc.endpoint, len(f.lines))
		}
		for _, pc := range f.lines {
			i := tc.index(scenario[pc.scenario], fr.colours[pc.endpoint])
			want := st.curveLine(palette[i], i)
			got := pc.line.LineStyle
			if got.Color != want.Color || fmt.Sprint(got.Dashes) != fmt.Sprint(want.Dashes) {
				t.Errorf("%d scenario(s), %s/%s: colour %v dashes %v, want %v %v", len(tc.results), pc.scenario, pc.endpoint,
					got.Color, got.Dashes, want.Color, want.Dashes)
			}
			if band := withAlpha(palette[i], tc.alpha); pc.band.Color != band {
				t.Errorf("%d scenario(s), %s/%s: band %v, want %v", len(tc.results), pc.scenario, pc.endpoint, pc.band.Color, band)
			}
		}
	}
	if fr.colours["os"] != 0 || fr.colours["efs"] != 1 || fr.colours["cir"] != 2 {
		t.Errorf("colours by first appearance: %v", fr.colours)
	}

	// 20 scenarios: no two alike in both colour and dash pattern.
	many := manyScenarios()
	fr = newFigureRun(runOf(Figures{}, many...))
	f, err := fr.curves(many, model.Survival, "rfs", "", mcBandNote)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, pc := range f.lines {
		key := fmt.Sprint(pc.line.LineStyle.Color, pc.line.LineStyle.Dashes)
		if other, ok := seen[key]; ok {
			t.Errorf("%s and %s are drawn alike: %s", other, pc.scenario, key)
		}
		seen[key] = pc.scenario
	}
	if len(seen) != len(many) {
		t.Errorf("%d styles for %d scenarios", len(seen), len(many))
	}
}

// psaOf is a PSA whose bands are r's curves and landmarks.
func psaOf(r *sim.Result) *sim.PSA {
	p := &sim.PSA{Draws: 10}
	for _, e := range r.Endpoints {
		pe := sim.PSAEndpoint{Name: e.Name, Kind: e.Kind}
		for _, c := range e.Curve {
			pe.Curve = append(pe.Curve, sim.Band{Median: c.Value, Lower: c.Lower, Upper: c.Upper})
		}
		for _, l := range e.Landmarks {
			pe.Landmarks = append(pe.Landmarks, sim.PSALandmark{Time: l.Time, Band: sim.Band{Median: l.Value, Lower: l.Lower, Upper: l.Upper}})
		}
		p.Endpoints = append(p.Endpoints, pe)
	}
	return p
}

// TestMarks: a dot at every landmark of every drawn curve, at its value; a
// square at each published survival figure (incidence ones on the incidence
// figure) with the study's interval from publishedInterval, and a median at
// 0.5 with a horizontal bar; share_entering targets and targets past the
// axis are not drawn.
func TestMarks(t *testing.T) {
	r := fineResult("base", 20)
	os12 := model.Target{Name: "os12", Measure: model.MeasureSurvival, Endpoint: "os", Time: 12, Value: 0.36, N: 64}
	med := model.Target{Name: "med", Measure: model.MeasureMedian, Endpoint: "os", Value: 8.5, N: 64, Lower: 6.5, Upper: 11.1}
	cir := model.Target{Name: "cir24", Measure: model.MeasureIncidence, Endpoint: "cir", Time: 24, Value: 0.4, N: 29}
	for _, tg := range []model.Target{os12, med, cir,
		{Name: "late", Measure: model.MeasureSurvival, Endpoint: "os", Time: 72, Value: 0.1, N: 64},
		{Name: "cr", Measure: model.MeasureShareEntering, State: "cr", Value: 0.45, N: 64}} {
		r.Targets = append(r.Targets, sim.TargetResult{Target: tg})
	}
	fr := newFigureRun(runOf(Figures{}, r))
	iv := func(t model.Target) (float64, float64) {
		i := publishedInterval(t)
		return float64(i.Lower), float64(i.Upper)
	}
	for _, tc := range []struct {
		kind    model.EndpointKind
		curves  []int // endpoint indices drawn
		targets []model.Target
	}{
		{model.Survival, []int{0, 1}, []model.Target{os12, med}},
		{model.Incidence, []int{2}, []model.Target{cir}},
	} {
		f, err := fr.curves([]*sim.Result{r}, tc.kind, "", "", mcBandNote)
		if err != nil {
			t.Fatal(err)
		}
		var want []landmarkMark
		for _, k := range tc.curves {
			for _, l := range r.Endpoints[k].Landmarks {
				want = append(want, landmarkMark{l.Time, l.Value, percent(l.Value), palette[fr.colours[r.Endpoints[k].Name]]})
			}
		}
		if fmt.Sprint(f.marks.landmarks) != fmt.Sprint(want) {
			t.Errorf("%s landmarks %v, want %v", tc.kind, f.marks.landmarks, want)
		}
		if len(f.marks.targets) != len(tc.targets) {
			t.Fatalf("%s: %d targets drawn, want %d", tc.kind, len(f.marks.targets), len(tc.targets))
		}
		for i, tg := range tc.targets {
			m := f.marks.targets[i]
			lo, hi := iv(tg)
			x, y := tg.Time, tg.Value
			if tg.Measure == model.MeasureMedian {
				x, y = tg.Value, 0.5
			}
			if m.x != x || m.y != y || m.lo != lo || m.hi != hi || m.horizontal != (tg.Measure == model.MeasureMedian) {
				t.Errorf("target %s drawn as %+v, want (%v, %v) with %v–%v", tg.Name, m, x, y, lo, hi)
			}
		}
	}
}

// TestRiskTable: the table is at the time axis's labelled ticks; each row is
// round(cohort × N/patients × at-risk fraction); one row per endpoint, or with
// several scenarios one per scenario for the figure's endpoint; the cohort is
// the setting, else the largest target n, else 100.
func TestRiskTable(t *testing.T) {
	a, b := fineResult("base", 20), fineResult("better", 30)
	a.Targets = []sim.TargetResult{{Target: model.Target{N: 29}}, {Target: model.Target{N: 64}}}
	for _, tc := range []struct {
		name     string
		set      Figures
		results  []*sim.Result
		endpoint string
		header   string
		labels   []string
		cohort   int
	}{
		{"cohort from targets", Figures{}, []*sim.Result{a}, "", "Expected number at risk, cohort of 64", []string{"os", "efs"}, 64},
		{"cohort set", Figures{Cohort: 1500}, []*sim.Result{a}, "", "Expected number at risk, cohort of 1,500", []string{"os", "efs"}, 1500},
		{"per 100", Figures{}, []*sim.Result{b}, "", "Number at risk per 100 patients", []string{"os", "efs"}, 100},
		{"scenarios", Figures{}, []*sim.Result{a, b}, "os", "Expected number at risk, cohort of 64 (os)", []string{"base", "better"}, 64},
		{"scenarios, second endpoint", Figures{}, []*sim.Result{a, b}, "efs", "Expected number at risk, cohort of 64 (efs)", []string{"base", "better"}, 64},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fr := newFigureRun(runOf(tc.set, tc.results...))
			f, err := fr.curves(tc.results, model.Survival, tc.endpoint, "", mcBandNote)
			if err != nil {
				t.Fatal(err)
			}
			rt := f.table
			if rt.header != tc.header || fmt.Sprint(rt.times) != fmt.Sprint(majorTicks(f.plot.X)) {
				t.Errorf("header %q at %v, want %q at the ticks %v", rt.header, rt.times, tc.header, majorTicks(f.plot.X))
			}
			if len(rt.rows) != len(tc.labels) {
				t.Fatalf("%d rows, want %d", len(rt.rows), len(tc.labels))
			}
			for i, row := range rt.rows {
				r, e := tc.results[0], tc.results[0].Endpoints[i]
				if len(tc.results) > 1 {
					r, e = tc.results[i], *endpointNamed(tc.results[i], tc.endpoint)
				}
				if row.label != tc.labels[i] {
					t.Errorf("row %d labelled %q, want %q", i, row.label, tc.labels[i])
				}
				if line := f.lines[i].line.LineStyle; row.line.Color != line.Color || fmt.Sprint(row.line.Dashes) != fmt.Sprint(line.Dashes) {
					t.Errorf("row %q drawn as %v, its curve as %v", row.label, row.line, line)
				}
				for j, tm := range rt.times {
					g := int(math.Round(tm / 0.06)) // the grid step is 60/1000
					want := int(math.Round(float64(tc.cohort) * float64(e.N) / float64(r.Patients) * e.AtRisk[g]))
					if row.counts[j] != want {
						t.Errorf("row %q at %v: %d, want %d", row.label, tm, row.counts[j], want)
					}
				}
			}
		})
	}
}

// endpointNamed returns r's endpoint of the name.
func endpointNamed(r *sim.Result, name string) *sim.EndpointResult {
	for i := range r.Endpoints {
		if r.Endpoints[i].Name == name {
			return &r.Endpoints[i]
		}
	}
	panic("no endpoint " + name)
}

func TestGroupThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 64: "64", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := groupThousands(n); got != want {
			t.Errorf("groupThousands(%d) = %q, want %q", n, got, want)
		}
	}
}
