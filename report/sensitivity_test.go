package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image/png"
	"slices"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

var s12 = model.Outcome{Endpoint: "os", Measure: model.OutcomeSurvival, Time: 12}

// testOneWay is a hand-made one-way analysis on testResult: n rows by swing,
// the last with a figure that does not exist (its swing is NaN), one from
// bounds, and figures with more than 6 significant digits to show rounding.
func testOneWay(n int) *sim.OneWay {
	ow := &sim.OneWay{Outcome: s12, Base: est(0.8, 0.77512345, 0.823), BaseResult: testResult()}
	for i := range n {
		d := 0.2 / float64(i+1)
		r := sim.OneWayRow{Range: sim.Range{Parameter: fmt.Sprintf("p%d", i), Value: 0.5, Low: 0.31234567, High: 0.7, Ends: sim.EndsQuantiles},
			AtLow: est(0.8+d, 0.79+d, 0.81+d), AtHigh: est(0.8-d/2, 0.79-d/2, 0.81-d/2),
			DiffLow:  sim.Difference{Estimate: sim.Estimate{Value: d, SE: 0.001, Lower: d - 0.002, Upper: d + 0.002}, Paired: true},
			DiffHigh: sim.Difference{Estimate: sim.Estimate{Value: -d / 2, SE: 0.001, Lower: -d/2 - 0.002, Upper: -d/2 + 0.002}, Paired: true},
			Swing:    1.5 * d}
		if i == 1 {
			r.Ends = sim.EndsBounds
		}
		if i == n-1 {
			r.AtHigh, r.DiffHigh, r.Swing = est(nan, nan, nan), sim.Difference{Estimate: est(nan, nan, nan)}, nan
		}
		ow.Rows = append(ow.Rows, r)
	}
	return ow
}

// testSweeps are a one-parameter sweep with a figure that does not exist and
// a 2 × 3 two-parameter sweep whose cells say where they are (0.1·i + 0.01·j).
func testSweeps() []*sim.SweepResult {
	line := &sim.SweepResult{Name: "line", Outcome: s12, Parameters: []string{"a"}, Base: []float64{0.2},
		Values: [][]float64{{0.1, 0.2, 0.3}}, Cells: []sim.Estimate{est(0.9, 0.88, 0.92), est(0.8, 0.78, 0.82), est(nan, nan, nan)}}
	heat := &sim.SweepResult{Name: "heat", Outcome: s12, Parameters: []string{"a", "b"}, Base: []float64{0.2, 5},
		Values: [][]float64{{0.1, 0.2}, {1, 5, 10}}}
	for i := range 2 {
		for j := range 3 {
			v := 0.1*float64(i) + 0.01*float64(j)
			heat.Cells = append(heat.Cells, est(v, v-0.005, v+0.005))
		}
	}
	return []*sim.SweepResult{line, heat}
}

// readCSV parses CSV text into rows of named fields.
func readCSV(t *testing.T, text string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		out = append(out, row)
	}
	return out
}

// TestTornadoBarsAreTheCSV: the figure's bars are oneway.csv's rows, in its
// order (largest swing first), the first defaultTornadoRows of them.
func TestTornadoBarsAreTheCSV(t *testing.T) {
	ow := testOneWay(defaultTornadoRows + 2)
	var buf bytes.Buffer
	if err := writeOneWayCSV(&buf, ow, false); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), strings.Join(oneWayHeader, ",")+"\n") {
		t.Fatalf("header: %.200s", buf.String())
	}
	rows := readCSV(t, buf.String())
	f, shown, err := tornado(ow, nil, "os: survival at 12 months", "", "", Figures{})
	if err != nil {
		t.Fatal(err)
	}
	bars := tornadoBars(ow, shown)
	if len(rows) != defaultTornadoRows+2 || len(bars) != defaultTornadoRows || len(f.plot.Y.Tick.Marker.(rowTicker)) != defaultTornadoRows {
		t.Fatalf("%d rows, %d bars; want %d and %d", len(rows), len(bars), defaultTornadoRows+2, defaultTornadoRows)
	}
	for i, b := range bars {
		row := rows[i]
		got := []string{b.name, formatNumber(b.lowValue), formatNumber(b.highValue), formatNumber(b.atLow), formatNumber(b.atHigh)}
		want := []string{row["parameter"], row["low_value"], row["high_value"], row["outcome_low"], row["outcome_high"]}
		if !slices.Equal(got, want) {
			t.Errorf("bar %d: %v, csv %v", i, got, want)
		}
	}
	if r := rows[1]; r["ends"] != "bounds" || r["base"] != "0.8" || r["base_lower"] != "0.775123" || r["paired"] != "TRUE" || r["outcome"] != "os:s12" {
		t.Errorf("row 2: %v", r)
	}
	if r := rows[len(rows)-1]; r["outcome_high"] != "NA" || r["swing"] != "NA" {
		t.Errorf("a figure that does not exist: %v", r)
	}
}

// TestSweepFiguresAreTheCSV: the line's points and the heat map's cells are
// the sweep CSV's rows (the heat map's column c, row r at the row with the
// first parameter at its c-th value and the second at its r-th).
func TestSweepFiguresAreTheCSV(t *testing.T) {
	sweeps := testSweeps()
	var buf bytes.Buffer
	if err := writeSweepCSV(&buf, sweeps[0], false); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "a,outcome,value,se,lower,upper,past_followup\n") {
		t.Errorf("header: %.100s", buf.String())
	}
	rows := readCSV(t, buf.String())
	line := sweepLine(sweeps[0])
	if len(line.t) != 2 || rows[2]["value"] != "NA" {
		t.Fatalf("line %+v from rows %v: the point that does not exist must be left out", line, rows)
	}
	for i := range line.t {
		if got, want := []string{formatNumber(line.t[i]), formatNumber(line.y[i]), formatNumber(line.lo[i]), formatNumber(line.hi[i])},
			[]string{rows[i]["a"], rows[i]["value"], rows[i]["lower"], rows[i]["upper"]}; !slices.Equal(got, want) {
			t.Errorf("point %d: %v, csv %v", i, got, want)
		}
	}

	buf.Reset()
	if err := writeSweepCSV(&buf, sweeps[1], false); err != nil {
		t.Fatal(err)
	}
	rows = readCSV(t, buf.String())
	g := sweepGrid{sweeps[1]}
	nc, nr := g.Dims()
	if nc*nr != len(rows) || nc != 2 || nr != 3 {
		t.Fatalf("grid %d × %d for %d rows", nc, nr, len(rows))
	}
	for c := range nc {
		for r := range nr {
			i := slices.IndexFunc(rows, func(row map[string]string) bool {
				return row["a"] == formatNumber(g.X(c)) && row["b"] == formatNumber(g.Y(r))
			})
			if i < 0 || rows[i]["value"] != formatNumber(g.Z(c, r)) || rows[i]["value"] != formatNumber(0.1*float64(c)+0.01*float64(r)) {
				t.Errorf("cell (%d, %d) = %v: csv row %d", c, r, g.Z(c, r), i)
			}
		}
	}
	set := Figures{}.withDefaults()
	for _, sw := range sweeps {
		f, err := sweepFigure(sw, "os: survival at 12 months", "toy", "", newStyle(set.FontSize))
		if err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{"png", "svg", "pdf"} {
			if err := render(&buf, format, f, set); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
	}
}

// TestWriteSensitivity: the folder holds every file, the manifest says what
// was run, the figures are PNGs, and sensitivity.md is as in its golden file.
func TestWriteSensitivity(t *testing.T) {
	s := Sensitivity{Title: "Toy model", OneWay: testOneWay(3), Sweeps: testSweeps(), ModelYAML: testYAML,
		Manifest: Manifest{Version: "test", Workers: 2}}
	dir, err := WriteSensitivity(context.Background(), t.TempDir()+"/sens", s, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"manifest.json", "model.yaml", "oneway.csv", "sensitivity.md", "sweep_heat.csv", "sweep_heat.png",
		"sweep_heat.svg", "sweep_line.csv", "sweep_line.png", "sweep_line.svg", "tornado.png", "tornado.svg"}
	if es := entries(t, dir); !slices.Equal(es, want) {
		t.Errorf("files %v, want %v", es, want)
	}
	var m Manifest
	if err := json.Unmarshal([]byte(content(t, dir, "manifest.json")), &m); err != nil {
		t.Fatal(err)
	}
	if m.Seed != 42 || m.Patients != 1000 || m.ModelHash != ModelHash(testYAML) {
		t.Errorf("manifest %+v", m)
	}
	for _, name := range []string{"tornado.png", "sweep_heat.png", "sweep_line.png"} {
		if _, err := png.DecodeConfig(strings.NewReader(content(t, dir, name))); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	golden(t, "sensitivity.md", []byte(content(t, dir, "sensitivity.md")))

	// Without ranges: no one-way files; without a base run: an error.
	s.OneWay.Rows = nil
	if dir, err = WriteSensitivity(context.Background(), dir, s, true); err != nil {
		t.Fatal(err)
	}
	if es := entries(t, dir); slices.Contains(es, "oneway.csv") || slices.Contains(es, "tornado.png") {
		t.Errorf("one-way files without ranges: %v", es)
	}
	s.OneWay = nil
	if _, err := WriteSensitivity(context.Background(), dir, s, true); err == nil {
		t.Error("no base run accepted")
	}
}

// TestOutcomeLabel: each measure, with the model's unit, labelled by the
// endpoint's title, and by its name when it has none.
func TestOutcomeLabel(t *testing.T) {
	r := testResult()
	untitled := *r
	untitled.Endpoints = slices.Clone(r.Endpoints)
	for i := range untitled.Endpoints {
		untitled.Endpoints[i].Title = ""
	}
	for _, c := range []struct {
		o              model.Outcome
		want, untitled string
	}{
		{s12, "Overall survival at 12 months", "os: survival at 12 months"},
		{model.Outcome{Endpoint: "cir", Measure: model.OutcomeIncidence, Time: 6.5},
			"Cumulative incidence of relapse by 6.5 months", "cir: incidence at 6.5 months"},
		{model.Outcome{Endpoint: "os", Measure: model.OutcomeMedian}, "Overall survival: median (months)", "os: median (months)"},
		{model.Outcome{Endpoint: "os", Measure: model.OutcomeRMST}, "Overall survival: RMST to 18 months (months)", "os: RMST to 18 months (months)"},
		{model.Outcome{Endpoint: "cir", Measure: model.OutcomeRMST},
			"Cumulative incidence of relapse: time lost to 18 months (months)", "cir: time lost to 18 months (months)"},
	} {
		if got := OutcomeLabel(c.o, r); got != c.want {
			t.Errorf("%v: %q, want %q", c.o, got, c.want)
		}
		if got := OutcomeLabel(c.o, &untitled); got != c.untitled {
			t.Errorf("%v without titles: %q, want %q", c.o, got, c.untitled)
		}
	}
}

// TestViridis: the palette runs through R's viridisLite::viridis(9) anchors,
// and heatColor picks the colour plotter.HeatMap draws for a value.
func TestViridis(t *testing.T) {
	cols := viridis{}.Colors()
	for _, c := range []struct {
		f    float64
		want string
	}{{0, "#440154"}, {0.5, "#21908c"}, {1, "#fde725"}} {
		got := viridisAt(c.f)
		if s := fmt.Sprintf("#%02x%02x%02x", got.R, got.G, got.B); s != c.want {
			t.Errorf("viridisAt(%v) = %s, want %s", c.f, s, c.want)
		}
	}
	// plotter.HeatMap's index: int((v − min)·(n − 1)/(max − min) + 0.5).
	for _, v := range []float64{0.2, 0.2371, 0.5, 0.9} {
		want := cols[int((v-0.2)*float64(len(cols)-1)/(0.9-0.2)+0.5)]
		if got := heatColor(v, 0.2, 0.9); got != want {
			t.Errorf("heatColor(%v) = %v, want %v", v, got, want)
		}
	}
	if !isDark(viridisAt(0)) || isDark(viridisAt(1)) {
		t.Error("purple should take white text and yellow black")
	}
}
