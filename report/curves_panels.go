package report

import (
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot/vg/draw"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// Several scenarios by subgroup (compare --by): one panel per subgroup, all
// patients first, each with the scenarios overlaid in their colours, on
// shared axes, with one legend of the scenarios. Overlaying every scenario's
// every subgroup on one plot (six curves for two scenarios and a flag) put
// curves of the same colour family over each other and left the landmark
// values no room beside their points; a subgroup analysis is read scenario
// against scenario within a subgroup, which the panels put side by side.

// subgroupPanels splits results flattened by sim.WithSubgroups (each scenario
// followed by its subgroups) into panels: the scenarios themselves (all
// patients), then for each subgroup the scenarios' results in it. ok is false
// unless there are several scenarios, each with the same subgroups in the
// same order.
func subgroupPanels(results []*sim.Result) (parents []*sim.Result, panels [][]*sim.Result, ok bool) {
	var subs [][]*sim.Result // per parent, its subgroups
	for _, r := range results {
		if r.Subgroup == "" {
			parents = append(parents, r)
			subs = append(subs, nil)
		} else if len(parents) > 0 {
			subs[len(subs)-1] = append(subs[len(subs)-1], r)
		} else {
			return nil, nil, false // a subgroup before any scenario
		}
	}
	if len(parents) < 2 || len(subs[0]) == 0 {
		return nil, nil, false
	}
	panels = [][]*sim.Result{parents}
	for g := range subs[0] {
		var panel []*sim.Result
		for _, s := range subs {
			if len(s) != len(subs[0]) || s[g].Subgroup != subs[0][g].Subgroup {
				return nil, nil, false
			}
			panel = append(panel, s[g])
		}
		panels = append(panels, panel)
	}
	return parents, panels, true
}

// byParent returns fr with each result of the panels drawn in its scenario's
// colour and dash (the scenario's place among the scenarios) and labelled by its scenario's title, so that
// one legend of the scenarios serves every panel.
func (fr figureRun) byParent(parents []*sim.Result, panels [][]*sim.Result) figureRun {
	out := fr
	out.scenarios, out.titles = map[string]int{}, map[string]string{}
	for k, v := range fr.scenarios {
		out.scenarios[k] = v
	}
	for k, v := range fr.titles {
		out.titles[k] = v
	}
	for _, panel := range panels {
		for i, r := range panel {
			out.scenarios[scenarioLabel(r)] = i // the i-th scenario's colour, as without subgroups
			out.titles[scenarioLabel(r)] = fr.scenarioTitle(parents[i])
		}
	}
	out.caption = "" // the panels' figure says it once
	return out
}

// panelTitle is a subgroup panel's title: the subgroup's part of its result's
// title ("Prior alloHSCT: no" of "alloHSCT: Prior alloHSCT: no"), else its
// "attr=level" label.
func (fr figureRun) panelTitle(r, parent *sim.Result) string {
	if t, ok := strings.CutPrefix(fr.scenarioTitle(r), fr.scenarioTitle(parent)+": "); ok && t != "" {
		return t
	}
	return r.Subgroup
}

// curvesByPanel builds the curves figure of one endpoint of several
// scenarios by subgroup: each panel is the overlay curves builds of the
// scenarios' results in that subgroup (all patients first).
func (fr figureRun) curvesByPanel(parents []*sim.Result, panels [][]*sim.Result, kind model.EndpointKind, endpoint, title, bandNote string) (*figure, error) {
	pr := fr.byParent(parents, panels)
	f := &figure{style: fr.style, title: title}
	var notes []string
	xmax := 0.0
	for i, results := range panels {
		sub, err := pr.curves(results, kind, endpoint, "", bandNote)
		if err != nil {
			return nil, err
		}
		p := sub.plot
		if i == 0 {
			f.plot, f.legend, f.marks, f.ylabel2 = p, sub.legend, sub.marks, sub.ylabel
			f.xlabel = p.X.Label.Text
		}
		f.lines = append(f.lines, sub.lines...)
		xmax = math.Max(xmax, p.X.Max)
		p.Title.TextStyle = fr.style.text(fr.style.font, draw.XCenter, draw.YTop)
		p.Title.Padding = fr.style.pad / 2
		name := "All patients"
		if i > 0 {
			name = fr.panelTitle(results[0], parents[0])
		}
		f.panels = append(f.panels, panel{plot: p, title: name})
		for _, s := range strings.SplitAfter(sub.caption, ". ") {
			if s = strings.TrimSpace(s); s != "" && !slices.Contains(notes, s) {
				notes = append(notes, s)
			}
		}
	}
	for _, pn := range f.panels { // shared axes
		pn.plot.X.Max = xmax
	}
	if !fr.set.Bare {
		parts := append([]string{fr.caption, "One panel per subgroup, the scenarios overlaid, on the same axes",
			"Numbers at risk: atrisk.csv"}, notes...)
		f.caption = sentences(parts...)
	}
	f.growToFit(fr.set)
	return f, nil
}
