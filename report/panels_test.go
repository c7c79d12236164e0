package report

import (
	"slices"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/blinasim/blinasim/sim"
)

// TestOccupancyPanels: several results give one panel each, titled by the
// scenario, on the same time range; the legend lists the union of their
// states, a state added by a later scenario stacked after the state before
// it there; a state a result lacks is an empty layer in its panel.
func TestOccupancyPanels(t *testing.T) {
	a, b := longResult("a"), longResult("b")
	a.Horizon, b.Horizon = 36, 60
	extra := b.States[0]
	extra.Name, extra.Title = "extra", "Extra state"
	b.States = slices.Insert(slices.Clone(b.States), 1, extra)
	fr := newFigureRun(runOf(Figures{}, a, b))
	f, err := fr.occupancyPanels([]*sim.Result{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.panels) != 2 || f.panels[0].title != "a" || f.panels[1].title != "b" {
		t.Fatalf("panels %+v", f.panels)
	}
	for _, pn := range f.panels {
		if pn.plot.X.Max != 60 || pn.plot.Y.Max != 1 {
			t.Errorf("%s: axes to %v × %v, want 60 × 1", pn.title, pn.plot.X.Max, pn.plot.Y.Max)
		}
	}
	var want []string
	for _, s := range unionStates([]*sim.Result{a, b}) {
		label := s.Title
		if label == "" {
			label = s.Name
		}
		want = append([]string{label}, want...)
	}
	if len(want) != len(a.States)+1 || want[len(want)-2] != "Extra state" {
		t.Errorf("union of states (top down) %q", want)
	}
	if got := labels(f.legend); !slices.Equal(got, want) {
		t.Errorf("legend %q, want %q", got, want)
	}
	tt, occ := occupancyGrid(a)
	aligned := alignStates(a, unionStates([]*sim.Result{a, b}), occ, len(tt))
	if len(aligned) != len(a.States)+1 || !slices.Equal(aligned[1], make([]float64, len(tt))) || !slices.Equal(aligned[2], occ[1]) {
		t.Errorf("a state a result lacks: %v, want zeros between the states it has", aligned[1])
	}
}

// TestPanelGrid: on a wide area (183 × 80 mm) the grid has the largest
// cells a little wider than high (width ≤ 1.3 × height counts), and no
// empty column (4 panels: 2 × 2, not 3 + 1).
func TestPanelGrid(t *testing.T) {
	for _, tc := range []struct{ n, cols, rows int }{{1, 1, 1}, {2, 2, 1}, {3, 3, 1}, {4, 2, 2}, {6, 3, 2}} {
		if c, r := panelGrid(tc.n, vg.Point{X: 183 * vg.Millimeter, Y: 80 * vg.Millimeter}); c != tc.cols || r != tc.rows {
			t.Errorf("%d panels: %d × %d, want %d × %d", tc.n, c, r, tc.cols, tc.rows)
		}
	}
}

// TestPanelAxisLabelsWrap: the shared axes' labels of small multiples wrap
// whole (they were cut with "…" to the grid's width) and the figure's text
// stays apart.
func TestPanelAxisLabelsWrap(t *testing.T) {
	rs := []*sim.Result{longResult("a"), longResult("b"), longResult("c")}
	fr := newFigureRun(runOf(Figures{}, rs...))
	f, err := fr.occupancyPanels(rs)
	if err != nil {
		t.Fatal(err)
	}
	f.xlabel = "Months since CR/CRh with complete MRD response or CR/CRh with incomplete MRD response after the second blinatumomab cycle"
	set := Figures{}.withDefaults()
	f.growToFit(set)
	problems, _, err := layoutProblems(f, set)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	x, _ := f.sharedLabels(recordingCanvas(f.size(set)))
	if len(x) < 2 {
		t.Errorf("time axis label in %d line, want it wrapped", len(x))
	}
}
