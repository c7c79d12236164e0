package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// bySubgroup returns results flattened as sim.WithSubgroups flattens them:
// each scenario followed by its subgroups, each subgroup's curves scaled apart.
func bySubgroup(scenarios []string, levels []string) []*sim.Result {
	var out []*sim.Result
	for i, s := range scenarios {
		out = append(out, fineResult(s, 20+10*float64(i)))
		for j, l := range levels {
			r := fineResult(s+" [risk="+l+"]", 15+10*float64(i)+3*float64(j))
			r.Subgroup = "risk=" + l
			out = append(out, r)
		}
	}
	return out
}

func TestSubgroupPanels(t *testing.T) {
	labels := func(rs []*sim.Result) string {
		var s []string
		for _, r := range rs {
			s = append(s, r.Scenario)
		}
		return strings.Join(s, ", ")
	}
	rs := bySubgroup([]string{"a", "b"}, []string{"low", "high"})
	parents, panels, ok := subgroupPanels(rs)
	if !ok || labels(parents) != "a, b" || len(panels) != 3 {
		t.Fatalf("parents %q, %d panels, ok %v", labels(parents), len(panels), ok)
	}
	for i, want := range []string{"a, b", "a [risk=low], b [risk=low]", "a [risk=high], b [risk=high]"} {
		if got := labels(panels[i]); got != want {
			t.Errorf("panel %d: %s, want %s", i, got, want)
		}
	}
	mixed := bySubgroup([]string{"a", "b"}, []string{"low", "high"})
	mixed[4].Subgroup, mixed[5].Subgroup = "risk=high", "risk=low" // b's subgroups in another order
	for _, c := range []struct {
		name    string
		results []*sim.Result
	}{
		{"one scenario by subgroup (overlaid)", bySubgroup([]string{"a"}, []string{"low", "high"})},
		{"scenarios without subgroups", bySubgroup([]string{"a", "b"}, nil)},
		{"subgroups in different orders", mixed},
		{"a scenario without its subgroups", bySubgroup([]string{"a", "b"}, []string{"low"})[:3]},
		{"a subgroup first", bySubgroup([]string{"a", "b"}, []string{"low"})[1:]},
	} {
		if _, _, ok := subgroupPanels(c.results); ok {
			t.Errorf("%s: panels", c.name)
		}
	}
}

// TestCurvesByPanel: two scenarios by a two-level attribute give a figure of
// three panels (all patients, then each level) with one curve per scenario
// each, every scenario in the same colour and dash in every panel (its place
// among the scenarios, as without subgroups), one legend entry per scenario
// by its title, and the subgroups' titles on their panels.
func TestCurvesByPanel(t *testing.T) {
	rs := bySubgroup([]string{"a", "b"}, []string{"low", "high"})
	titles := ScenarioTitles([]string{"Arm A", "Arm A: Risk: low", "Arm A: Risk: high", "Arm B", "Arm B: Risk: low", "Arm B: Risk: high"})
	run := runOf(Figures{}, rs...)
	run.ScenarioTitles = titles
	fr := newFigureRun(run)
	f, err := fr.overlay(rs, model.Survival, "os", "title", mcBandNote)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, pn := range f.panels {
		got = append(got, pn.title)
	}
	if strings.Join(got, "|") != "All patients|Risk: low|Risk: high" {
		t.Errorf("panel titles %q", got)
	}
	if len(f.lines) != 6 {
		t.Fatalf("%d curves, want 2 scenarios × 3 panels", len(f.lines))
	}
	st := fr.style
	for _, pc := range f.lines {
		i := 0
		if strings.HasPrefix(pc.scenario, "b") {
			i = 1
		}
		want := st.curveLine(palette[i], i)
		if got := pc.line.LineStyle; got.Color != want.Color || fmt.Sprint(got.Dashes) != fmt.Sprint(want.Dashes) {
			t.Errorf("%s: colour %v dashes %v, want scenario %d's %v %v", pc.scenario, got.Color, got.Dashes, i, want.Color, want.Dashes)
		}
	}
	var legend []string
	for _, e := range f.legend {
		legend = append(legend, e.label)
	}
	if strings.Join(legend, "|") != "Arm A|Arm B" {
		t.Errorf("legend %q, want the scenarios' titles", legend)
	}
	if !strings.Contains(f.caption, "One panel per subgroup") || strings.Count(f.caption, "Shaded") != 1 {
		t.Errorf("caption %q: says the panels, and the shading once", f.caption)
	}
	if f.table != nil {
		t.Error("a number-at-risk table under panels")
	}
}
