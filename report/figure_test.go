package report

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// testFigureKinds builds, for settings, each kind of figure that lays out
// differently: long titles, several scenarios, long and short state names.
var testFigureKinds = map[string]func(Figures) (*figure, error){
	"long titles": func(set Figures) (*figure, error) {
		fr := newFigureRun(runOf(set, longResult("a")))
		return fr.curves([]*sim.Result{longResult("a")}, model.Survival, "", fr.title, mcBandNote)
	},
	"two scenarios": func(set Figures) (*figure, error) {
		rs := []*sim.Result{longResult("a"), longResult(strings.Repeat("a-very-long-scenario-name-", 4))}
		fr := newFigureRun(runOf(set, rs...))
		return fr.curves(rs, model.Survival, "", fr.title, mcBandNote)
	},
	"long state names": func(set Figures) (*figure, error) {
		fr := newFigureRun(runOf(set, longResult("a")))
		return fr.occupancy(longResult("a"))
	},
	"short state names": func(set Figures) (*figure, error) {
		fr := newFigureRun(runOf(set, testResult()))
		return fr.occupancy(testResult())
	},
}

// TestLayout: at every setting, for every kind of figure, the parts keep apart:
// title above the plot, the table under it, the legend off both and within
// the figure, the caption at the bottom; the data area keeps its share; the
// legend shows every entry. Only a wide figure with a short legend has it to
// the right.
func TestLayout(t *testing.T) {
	for setName, set := range testFigures {
		for kind, build := range testFigureKinds {
			t.Run(setName+"/"+kind, func(t *testing.T) {
				f, err := build(set)
				if err != nil {
					t.Fatal(err)
				}
				c := fittedCanvas(f, set)
				l, err := f.layout(c)
				if err != nil {
					t.Fatal(err)
				}
				fig := c.Rectangle
				if least := minDataShare * set.withDefaults().Height; l.data.Size().Y < least { // of the set height: a figure grows to fit its text
					t.Errorf("data area %v high, want at least %v", l.data.Size().Y, least)
				}
				st := f.style
				titleStyle := st.text(st.title, draw.XCenter, draw.YTop)
				for _, line := range l.title {
					if w := titleStyle.Width(line); w > fig.Size().X-2*st.pad {
						t.Errorf("title line %q is %v wide in a figure of %v", line, w, fig.Size().X)
					}
				}
				titleBottom := l.titleTop.Y - vg.Length(len(l.title))*titleStyle.FontExtents().Height
				if len(l.title) > 0 && l.plot.Max.Y > titleBottom {
					t.Errorf("plot top %v is above the title's bottom %v", l.plot.Max.Y, titleBottom)
				}
				if l.riskTable != nil && l.table.Max.Y > l.plot.Min.Y {
					t.Errorf("table top %v is above the plot's bottom %v", l.table.Max.Y, l.plot.Min.Y)
				}
				var shown []string
				for _, col := range l.legend {
					r := legendBox{col.entries, st}.rectangle(col.area)
					if !inside(r, fig) {
						t.Errorf("legend column %v is outside the figure %v", r, fig)
					}
					if overlapsAny(r, []vg.Rectangle{l.plot.Rectangle}) || (l.riskTable != nil && overlapsAny(r, []vg.Rectangle{l.table.Rectangle})) {
						t.Errorf("legend column %v overlaps the plot %v or the table %v", r, l.plot.Rectangle, l.table.Rectangle)
					}
					if len(l.caption) > 0 && r.Min.Y < l.captionTop.Y {
						t.Errorf("legend column %v reaches into the caption (top %v)", r, l.captionTop.Y)
					}
					for _, e := range col.entries {
						shown = append(shown, e.label)
					}
				}
				squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
				for i, want := range labels(f.legend) {
					if i >= len(shown) || squeeze(shown[i]) != squeeze(want) {
						t.Fatalf("legend shows %q, want %q (labels wrap, and are never cut)", shown, labels(f.legend))
					}
				}
				right := len(l.legend) == 1 && l.legend[0].area.Min.X >= l.plot.Max.X
				inner := draw.Crop(c, st.pad, -st.pad, st.pad, -st.pad)
				if right && dataFraction(f.plot, l.plot, inner) < minDataFraction {
					t.Errorf("legend to the right leaves the data area %.2f of the width", dataFraction(f.plot, l.plot, inner))
				}
				if setName == "double column" && kind == "short state names" && !right {
					t.Error("a wide figure with a short legend should have it to the right")
				}
				if setName == "default" && kind != "short state names" && right {
					t.Error("a single column with a long legend should have it under the plot")
				}
			})
		}
	}
}

// drawn is a text the figure drew, with its centre.
type drawn struct {
	text string
	x, y vg.Length // centre of the baseline
}

// record draws f on a recording canvas of the settings' size and returns its
// layout and the texts it drew.
func record(t *testing.T, f *figure, set Figures) (layout, []drawn) {
	t.Helper()
	c := testCanvas(set)
	l, err := f.layout(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.draw(c); err != nil {
		t.Fatal(err)
	}
	var out []drawn
	for _, a := range c.Canvas.(*recorder.Canvas).Actions {
		if fs, ok := a.(*recorder.FillString); ok {
			w := f.style.text(fs.Size, draw.XLeft, draw.YBottom).Width(fs.String)
			out = append(out, drawn{fs.String, fs.Point.X + w/2, fs.Point.Y})
		}
	}
	return l, out
}

// TestRiskTableAlignedWithAxis: drawn on a recording canvas, each number of
// the table is centred on the label of the time axis's tick at its time, which
// gonum/plot centres on the data-to-canvas mapping of that time; with wide
// numbers, every k-th column is shown and neighbours keep apart.
func TestRiskTableAlignedWithAxis(t *testing.T) {
	for _, tc := range []struct {
		name   string
		set    Figures
		stride bool // numbers too wide for every tick
	}{
		{"default", Figures{}, false},
		{"double column", Figures{Width: 183 * vg.Millimeter}, false},
		{"large text", Figures{FontSize: 12, Height: 150 * vg.Millimeter}, false},
		{"wide numbers", Figures{Cohort: 10_000_000}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := fineResult("base", 20)
			fr := newFigureRun(runOf(tc.set, r))
			f, err := fr.curves([]*sim.Result{r}, model.Survival, "", fr.title, mcBandNote)
			if err != nil {
				t.Fatal(err)
			}
			l, texts := record(t, f, tc.set)
			if l.riskTable == nil {
				t.Fatal("no table drawn")
			}
			ticks := map[string]vg.Length{} // tick label → centre
			for _, d := range texts {
				if d.y > l.plot.Min.Y && d.y < l.data.Min.Y {
					ticks[d.text] = d.x
				}
			}
			for _, tm := range l.riskTable.times {
				label := strconv.FormatFloat(tm, 'f', -1, 64)
				x, ok := ticks[label]
				if !ok {
					t.Fatalf("no tick label %q among %v", label, ticks)
				}
				if want := l.data.X(f.plot.X.Norm(tm)); math.Abs(float64(x-want)) > 1e-9 {
					t.Errorf("tick %q centred at %v, the data mapping gives %v", label, x, want)
				}
			}
			rows := map[vg.Length][]drawn{} // baseline → numbers of a row
			for _, d := range texts {
				if _, err := strconv.Atoi(strings.ReplaceAll(d.text, ",", "")); err == nil && d.y >= l.table.Min.Y && d.y <= l.table.Max.Y {
					rows[d.y] = append(rows[d.y], d)
				}
			}
			if len(rows) != len(l.riskTable.rows) {
				t.Fatalf("%d rows of numbers drawn, want %d", len(rows), len(l.riskTable.rows))
			}
			k := 1
			if tc.stride {
				k = 2
			}
			for y, nums := range rows {
				if want := (len(l.riskTable.times) + k - 1) / k; len(nums) != want {
					t.Errorf("row at %v: %d numbers, want %d", y, len(nums), want)
				}
				for i, d := range nums {
					tm := l.riskTable.times[i*k]
					if want := l.data.X(f.plot.X.Norm(tm)); math.Abs(float64(d.x-want)) > 1e-9 {
						t.Errorf("number %q for time %v centred at %v, its tick at %v", d.text, tm, d.x, want)
					}
					if i > 0 {
						w := f.style.body().Width(d.text)
						if gap := d.x - nums[i-1].x; gap < w {
							t.Errorf("numbers %q and %q only %v apart", nums[i-1].text, d.text, gap)
						}
					}
				}
			}
		})
	}
}

// TestTableLeftOut: a figure too small for its number-at-risk table is drawn
// without it, and its caption says so; one too small for anything is an error.
func TestTableLeftOut(t *testing.T) {
	r := fineResult("base", 20)
	set := Figures{Height: 55 * vg.Millimeter}
	fr := newFigureRun(runOf(set, r))
	f, err := fr.curves([]*sim.Result{r}, model.Survival, "", fr.title, mcBandNote)
	if err != nil {
		t.Fatal(err)
	}
	l, err := f.layout(testCanvas(set))
	if err != nil {
		t.Fatal(err)
	}
	if l.riskTable != nil || !strings.Contains(strings.Join(l.caption, " "), "Number at risk left out") {
		t.Errorf("table %v, caption %q: want the table left out, and said", l.riskTable, l.caption)
	}
	set = Figures{Width: minSide, Height: minSide, FontSize: maxFontSize}
	fr = newFigureRun(runOf(set, r))
	f, _ = fr.curves([]*sim.Result{r}, model.Survival, "", fr.title, mcBandNote)
	if _, err := f.layout(testCanvas(set)); err == nil || !strings.Contains(err.Error(), "--fig-height") {
		t.Errorf("error %v, want one that names --fig-height", err)
	}
}

// TestWrap: lines fit the width; words are kept whole; what does not fit in
// the last line allowed, or a word wider than a line, ends in an ellipsis.
func TestWrap(t *testing.T) {
	st := newStyle(8)
	sty := st.body()
	width := sty.Width("twelve chars")
	long := "incomprehensibilities"
	cut := wrap(long, sty, width, 2)
	if len(cut) != 1 || !strings.HasSuffix(cut[0], "…") || !strings.HasPrefix(long, strings.TrimSuffix(cut[0], "…")) ||
		sty.Width(cut[0]) > width || sty.Width(long[:len(cut[0])-len("…")+1]+"…") <= width {
		t.Errorf("wrap(%q) = %q, want the longest prefix that fits, with an ellipsis", long, cut)
	}
	for _, tc := range []struct {
		in   string
		max  int
		want []string
	}{
		{"short", 2, []string{"short"}},
		{"one two three four five", 3, []string{"one two", "three four", "five"}},
		{"one two three four five", 2, []string{"one two", "three four…"}},
		{"", 2, nil},
	} {
		got := wrap(tc.in, sty, width, tc.max)
		if !slices.Equal(got, tc.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
		for _, line := range got {
			if sty.Width(line) > width {
				t.Errorf("line %q is wider than %v", line, width)
			}
		}
	}
}

// TestWrapAll: lines fit the width, nothing is cut: words are kept whole
// where they fit, and a word wider than a line is broken after its last
// '_', '-' or '/' that fits, else after its last character that fits.
func TestWrapAll(t *testing.T) {
	sty := newStyle(8).body()
	width := sty.Width("twelve chars")
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"short", []string{"short"}},
		{"one two three four five", []string{"one two", "three four", "five"}},
		{"c_relapse_free_hsct2 x", []string{"c_relapse_", "free_hsct2 x"}},
		{"incomprehensibilities", []string{"incomprehe", "nsibilities"}},
		{"two\nparagraphs", []string{"two", "paragraphs"}},
		{"", nil},
	} {
		got := wrapAll(tc.in, sty, width)
		if !slices.Equal(got, tc.want) {
			t.Errorf("wrapAll(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }; squeeze(strings.Join(got, "")) != squeeze(tc.in) {
			t.Errorf("wrapAll(%q) = %q loses text", tc.in, got)
		}
		for _, line := range got {
			if sty.Width(line) > width {
				t.Errorf("line %q is wider than %v", line, width)
			}
		}
	}
	if got := wrapAll("wide", sty, 1); !slices.Equal(got, []string{"w", "i", "d", "e"}) { // narrower than a character: one a line
		t.Errorf("wrapAll on a width of 1 pt = %q", got)
	}
}
