package report

import (
	"bytes"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// TestHeatBarLabelLongerThanTheBar: a heat map whose colour-bar label is
// longer than the bar (a difference between two scenarios with long titles,
// as sensitivity BASE SCENARIO writes it) made gonum/plot's colour bar panic
// on a negative height. The label is now wrapped to the bar's height: every
// line fits the data area's height, at the default size and grown tall; at a
// size where one word does not fit, the figure is an error (the caller warns
// and leaves it out), never a panic.
func TestHeatBarLabelLongerThanTheBar(t *testing.T) {
	title := "Blinatumomab for R/R Ph- B-ALL relapsed after alloHSCT (Stein 2019, MT103-211 subgroup, n = 64)"
	label := "Overall survival at 12 months\n(difference: " + title + " (a scenario) − " + title + ")"
	heat := testSweeps()[1]
	for _, c := range []struct {
		name     string
		set      Figures
		drawable bool
	}{
		{"default size", Figures{}, true},
		{"wide and short", Figures{Width: 183 * vg.Millimeter, Height: 60 * vg.Millimeter}, true},
		{"too small for a word", Figures{Width: 40 * vg.Millimeter, Height: 40 * vg.Millimeter, FontSize: 14}, false},
	} {
		set := c.set.withDefaults()
		f, err := sweepFigure(heat, label, "toy", "", newStyle(set.FontSize))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		err = render(&buf, "png", f, set)
		if c.drawable != (err == nil) {
			t.Errorf("%s: drawable %v, err %v", c.name, c.drawable, err)
		}
		if err != nil {
			continue
		}
		cv := draw.Canvas{Canvas: &recorder.Canvas{}, Rectangle: vg.Rectangle{Max: vg.Point{X: set.Width, Y: set.Height}}}
		l, err := f.layout(cv)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		lines := strings.Split(f.bar.Y.Label.Text, "\n")
		for _, line := range lines {
			if w := f.bar.Y.Label.TextStyle.Width(line); w > l.data.Size().Y {
				t.Errorf("%s: bar label line %q is %v long, the bar %v", c.name, line, w, l.data.Size().Y)
			}
		}
		if len(lines) < 3 || l.bar.Size().Y <= 0 {
			t.Errorf("%s: %d lines, bar %v high", c.name, len(lines), l.bar.Size().Y)
		}
	}
}

// TestDifferenceLabelNames: a difference's label uses the scenarios' titles,
// but their names when the titles are missing or the same (a scenario that
// keeps its base's title would read "A − A").
func TestDifferenceLabelNames(t *testing.T) {
	ow := testOneWay(1)
	ow.Scenario, ow.BaseResult.Model = "scen", "base"
	for _, c := range []struct {
		titles []string
		want   string
	}{
		{[]string{"CAR-T", "no consolidation"}, "(difference: CAR-T − no consolidation)"},
		{[]string{"Same study", "Same study"}, "(difference: scen − base)"},
		{[]string{"", "no consolidation"}, "(difference: scen − base)"},
		{nil, "(difference: scen − base)"},
	} {
		if got := differenceLabel(ow, "OS at 12 months", c.titles); got != "OS at 12 months\n"+c.want {
			t.Errorf("titles %q: %q, want the second line %q", c.titles, got, c.want)
		}
	}
}

// panicky is a plotter that panics when drawn, as gonum's did.
type panicky struct{}

func (panicky) Plot(draw.Canvas, *plot.Plot) { panic("negative height") }

// TestRenderRecoversPanic: a panic while drawing is an error naming it, and
// nothing of the figure is written.
func TestRenderRecoversPanic(t *testing.T) {
	set := Figures{}.withDefaults()
	f, err := sweepFigure(testSweeps()[1], "label", "toy", "", newStyle(set.FontSize))
	if err != nil {
		t.Fatal(err)
	}
	f.plot.Add(panicky{})
	var buf bytes.Buffer
	if err := render(&buf, "png", f, set); err == nil || !strings.Contains(err.Error(), "negative height") || buf.Len() != 0 {
		t.Errorf("err %v, %d bytes written", err, buf.Len())
	}
}
