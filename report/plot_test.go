package report

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"gonum.org/v1/plot/plotter"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

func TestThin(t *testing.T) {
	for _, tc := range []struct {
		name   string
		n, max int
		want   []int
	}{
		{"short grid kept whole", 3, 5, []int{0, 1, 2}},
		{"exactly max", 4, 4, []int{0, 1, 2, 3}},
		{"even spacing", 10, 4, []int{0, 3, 6, 9}},
		{"empty", 0, 4, []int{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := thin(tc.n, tc.max); !slices.Equal(got, tc.want) {
				t.Errorf("thin(%d, %d) = %v, want %v", tc.n, tc.max, got, tc.want)
			}
		})
	}
	t.Run("long grid", func(t *testing.T) {
		idx := thin(1001, maxPlotPoints)
		if len(idx) != maxPlotPoints || idx[0] != 0 || idx[len(idx)-1] != 1000 {
			t.Fatalf("%d indices from %d to %d, want %d from 0 to 1000", len(idx), idx[0], idx[len(idx)-1], maxPlotPoints)
		}
		for i := 1; i < len(idx); i++ {
			if idx[i] <= idx[i-1] {
				t.Fatalf("indices not increasing at %d: %v", i, idx[i-1:i+1])
			}
		}
	})
}

func TestStepXY(t *testing.T) {
	for _, tc := range []struct {
		name string
		t, y []float64
		want plotter.XYs
	}{
		{"empty", nil, nil, nil},
		{"one point", []float64{0}, []float64{1}, plotter.XYs{{X: 0, Y: 1}}},
		{"drops hold until the next time", []float64{0, 1, 2}, []float64{1, 0.8, 0.5},
			plotter.XYs{{X: 0, Y: 1}, {X: 1, Y: 1}, {X: 1, Y: 0.8}, {X: 2, Y: 0.8}, {X: 2, Y: 0.5}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := stepXY(tc.t, tc.y); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestBandRing(t *testing.T) {
	got := bandRing([]float64{0, 1}, []float64{1, 0.7}, []float64{1, 0.9})
	// Upper step forwards, then lower step backwards.
	want := plotter.XYs{{X: 0, Y: 1}, {X: 1, Y: 1}, {X: 1, Y: 0.9}, {X: 1, Y: 0.7}, {X: 1, Y: 1}, {X: 0, Y: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestNewCurve: what reaches the plot is finite, within [0, 1] and thinned.
func TestNewCurve(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	t.Run("sanitised", func(t *testing.T) {
		c := newCurve([]float64{0, 1, 2, 3}, []sim.Estimate{
			{Value: 1, Lower: nan, Upper: 1.02}, // bounds: undefined, above 1
			{Value: 0.8, Lower: 0.7, Upper: inf},
			{Value: nan, Lower: 0.5, Upper: 0.6}, // the curve stops here
			{Value: 0.4, Lower: 0.3, Upper: 0.5},
		})
		want := curve{t: []float64{0, 1}, y: []float64{1, 0.8}, lo: []float64{1, 0.7}, hi: []float64{1, 0.8}}
		if !slices.Equal(c.t, want.t) || !slices.Equal(c.y, want.y) || !slices.Equal(c.lo, want.lo) || !slices.Equal(c.hi, want.hi) {
			t.Errorf("got %+v, want %+v", c, want)
		}
	})
	t.Run("thinned", func(t *testing.T) {
		n := 1001
		grid, est := make([]float64, n), make([]sim.Estimate, n)
		for i := range grid {
			grid[i] = float64(i) / 10
			s := math.Exp(-grid[i] / 30)
			est[i] = sim.Estimate{Value: s, Lower: s * 0.95, Upper: s * 1.05}
		}
		c := newCurve(grid, est)
		if len(c.t) != maxPlotPoints || c.t[len(c.t)-1] != 100 {
			t.Errorf("%d points ending at %v, want %d ending at 100", len(c.t), c.t[len(c.t)-1], maxPlotPoints)
		}
		if len(stepXY(c.t, c.y)) != 2*maxPlotPoints-1 {
			t.Errorf("step line has %d vertices", len(stepXY(c.t, c.y)))
		}
	})
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Survival", "Survival"},
		{"ten chars.", "ten chars."},
		{"  two\nlines  ", "two lines"},
		{"exactly ten", "exactly…"},    // cut between words
		{"abcdefghijk", "abcdefghi…"},  // no space: cut mid-word
		{"ab cdefghijk", "ab cdefgh…"}, // a space too early to cut at
		{"abcdefg, ijk", "abcdefg…"},   // cut at the space, comma dropped
		{"αβγδεζηθικλ", "αβγδεζηθι…"},  // characters, not bytes
	} {
		if got := truncate(tc.in, 10); got != tc.want {
			t.Errorf("truncate(%q, 10) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLegendLabel(t *testing.T) {
	long := "Event-free survival from the start of blinatumomab (no CR/CRh counts as an event at day 0)"
	for _, tc := range []struct{ name, title, want string }{
		{"os", "Overall survival", "os: Overall survival"},
		{"os", "", "os"},
		{"os", "os", "os"},
		{"efs", long, "efs: " + long}, // whole: the legend wraps it
	} {
		got := legendLabel(tc.name, tc.title)
		if got != tc.want {
			t.Errorf("legendLabel(%q, %q) = %q, want %q", tc.name, tc.title, got, tc.want)
		}
		if n := utf8.RuneCountInString(got) - len(tc.name) - len(": "); n > maxLabelRunes {
			t.Errorf("legendLabel(%q, …): title part of %d characters, want at most %d", tc.name, n, maxLabelRunes)
		}
	}
}

// TestCurvesLegend: one entry per endpoint, or with several scenarios one per
// scenario (named as in the CSV files), one for published figures if any are drawn, and the band note only when
// there is no caption to carry it.
func TestCurvesLegend(t *testing.T) {
	two := testResult()
	two.Scenario = "other"
	withTarget := testResult()
	withTarget.Targets = []sim.TargetResult{{Target: model.Target{Name: "os12", Measure: model.MeasureSurvival,
		Endpoint: "os", Time: 12, Value: 0.8, N: 100}}}
	for _, tc := range []struct {
		name    string
		results []*sim.Result
		bare    bool
		want    []string
	}{
		{"one scenario", []*sim.Result{testResult()}, false, []string{"os: Overall survival"}},
		{"two scenarios", []*sim.Result{testResult(), two}, false, []string{"base", "other"}},
		{"two scenarios, a target", []*sim.Result{withTarget, two}, false, []string{"base", "other", "Published (95% CI)"}},
		{"two scenarios, bare", []*sim.Result{testResult(), two}, true, []string{"base", "other", mcBandNote}},
		{"a target", []*sim.Result{withTarget}, false, []string{"os: Overall survival", "Published (95% CI)"}},
		{"bare", []*sim.Result{testResult()}, true, []string{"os: Overall survival", mcBandNote}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fr := newFigureRun(runOf(Figures{Bare: tc.bare}, tc.results...))
			f, err := fr.curves(tc.results, model.Survival, "", fr.title, mcBandNote)
			if err != nil {
				t.Fatal(err)
			}
			if got := labels(f.legend); !slices.Equal(got, tc.want) {
				t.Errorf("legend %q, want %q", got, tc.want)
			}
			if wantCaption := !tc.bare; strings.Contains(f.caption, mcBandNote) != wantCaption {
				t.Errorf("caption %q: band note in it should be %v", f.caption, wantCaption)
			}
		})
	}
}
