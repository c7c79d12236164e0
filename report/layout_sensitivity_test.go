package report

import (
	"fmt"
	"path"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// TestSensitivityFigureLayout: the tornado (with long parameter titles, in 8
// rows and in 14) and the sweeps' figures (their axes titled: a line, a
// small heat map whose cells are labelled, a 9 × 3 one in percent whose
// labels do not fit, a median in months, with its colour bar, and 2 × 50
// cells lower than a line) draw no text over text, outside their canvas,
// cut or crossed by a line (layoutProblems).
func TestSensitivityFigureLayout(t *testing.T) {
	wide := &sim.SweepResult{Name: "wide", Outcome: s12, Parameters: []string{"h_relapse", "c_durable"}, Base: []float64{0.25, 0.6257},
		Values: [][]float64{{0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5}, {0.3, 0.45, 0.6}}}
	median := &sim.SweepResult{Name: "median", Outcome: model.Outcome{Endpoint: "os", Measure: model.OutcomeMedian},
		Parameters: []string{"a", "b"}, Base: []float64{0.2, 5}, Values: [][]float64{{0.1, 0.2}, {1, 5, 10}}}
	for i := range 9 {
		for j := range 3 {
			v := 0.06 + 0.03*float64(j) - 0.001*float64(i)
			wide.Cells = append(wide.Cells, est(v, v-0.005, v+0.005))
		}
	}
	for i := range 6 {
		v := 7.5 + float64(i)
		if i == 5 {
			v = nan // not reached
		}
		median.Cells = append(median.Cells, est(v, v-1, v+1))
	}
	// 2 × 50 cells: as many as are labelled, in rows lower than a line.
	tall := &sim.SweepResult{Name: "tall", Outcome: s12, Parameters: []string{"a", "b"}, Base: []float64{0.2, 5}, Values: [][]float64{{0.1, 0.2}, nil}}
	for j := range 50 {
		tall.Values[1] = append(tall.Values[1], float64(j))
	}
	for i := range 2 {
		for j := range 50 {
			v := 0.1*float64(i) + 0.01*float64(j)
			tall.Cells = append(tall.Cells, est(v, v-0.005, v+0.005))
		}
	}
	titles := map[string]string{"h_relapse": "Relapse rate in remission (per month)", "c_durable": "Durable share of blinatumomab remissions",
		"a": "Complete MRD response among CR/CRh", "b": "Time from response to second alloHSCT"}
	for i := range 16 {
		titles[fmt.Sprintf("p%d", i)] = "Durable share after second alloHSCT, adults"
	}
	s := Sensitivity{Title: "Blinatumomab for R/R Ph- B-ALL relapsed after alloHSCT (Stein 2019, n = 64)", OneWay: testOneWay(8),
		Sweeps: append(testSweeps(), wide, median, tall), ModelYAML: testYAML, ParameterTitles: titles}
	many := s // 14 rows (as the shipped what-if): a row too short for two lines
	many.OneWay, many.Sweeps = testOneWay(14), nil
	set := s.Figures.withDefaults()
	figures := 0
	for _, f := range append(s.files(), many.files()...) {
		if f.figure == nil || path.Ext(f.name) != ".png" {
			continue
		}
		fig, err := f.figure()
		if err != nil {
			t.Errorf("%s: %v", f.name, err)
			continue
		}
		problems, _, err := layoutProblems(fig, set)
		if err != nil {
			t.Errorf("%s: %v", f.name, err)
			continue
		}
		figures++
		for _, p := range problems {
			t.Errorf("%s: %s", strings.TrimSuffix(f.name, ".png"), p)
		}
		svgs, _ := svgProblems(f.figure, set) // svg_test.go
		for _, p := range svgs {
			t.Errorf("%s: %s", strings.TrimSuffix(f.name, ".png")+".svg", p)
		}
	}
	if want := 2 + 5; figures != want { // the tornados and the sweeps
		t.Errorf("%d figures checked, want %d", figures, want)
	}
}
