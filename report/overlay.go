package report

import (
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// Several scenarios overlaid: each curves figure shows one endpoint, every
// scenario in its own colour and dash pattern, the same in every figure of the
// run (the scenario's place in the run: colour i mod 8 of the Okabe-Ito
// palette, dash pattern i mod 9, so that 72 scenarios differ in one or the
// other). The first endpoint of a kind goes into survival.* (incidence.*,
// psa_survival.*), each further one into survival_<endpoint>.* and so on.

// overlayBandAlpha is the opacity of a scenario's 95% band in an overlay, out
// of 0xff: lower than one scenario's, as the bands overlap.
const overlayBandAlpha = 0x26

// maxLabelledScenarios is how many scenarios, the first ones, have their
// landmark values written beside their dots in an overlay; later scenarios
// have the dots only.
const maxLabelledScenarios = 3

// endpointsOf returns the names of the endpoints of the given kind in the
// results, in order of first appearance.
func endpointsOf(results []*sim.Result, kind model.EndpointKind) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range results {
		for _, e := range r.Endpoints {
			if e.Kind == kind && !seen[e.Name] {
				seen[e.Name] = true
				out = append(out, e.Name)
			}
		}
	}
	return out
}

// figureEndpoints returns the endpoint of each curves figure of the kind
// (curves' argument): "" (every endpoint) with one result, or with several
// each endpoint of the kind in turn ("" if there is none).
func figureEndpoints(results []*sim.Result, kind model.EndpointKind) []string {
	if eps := endpointsOf(results, kind); len(results) > 1 && len(eps) > 0 {
		return eps
	}
	return []string{""}
}

// curvesFiles returns the files of the curves figures of the given kind,
// named after stem: with one result, stem.* with every endpoint of the kind;
// with several, stem.* overlays the scenarios' first endpoint of the kind and
// stem_<endpoint>.* each further one (several scenarios by subgroup: in a
// panel per subgroup).
func (fr figureRun) curvesFiles(stem string, results []*sim.Result, kind model.EndpointKind, title, bandNote string) []file {
	var out []file
	if origins, groups := originGroups(results[0], kind, fr.origins); len(results) == 1 && len(groups) > 1 {
		for i, o := range origins { // one figure per time origin
			name := stem
			if i > 0 {
				name += "_from_" + o.Key
			}
			gr := fr
			gr.only = map[string]bool{}
			for _, e := range groups[i] {
				gr.only[e] = true
			}
			out = append(out, figureFiles(name, fr.set, func() (*figure, error) {
				return gr.curves(results, kind, "", title, bandNote)
			})...)
		}
		return out
	}
	for i, endpoint := range figureEndpoints(results, kind) {
		name := stem
		if i > 0 {
			name += "_" + endpoint
		}
		out = append(out, figureFiles(name, fr.set, func() (*figure, error) {
			return fr.overlay(results, kind, endpoint, title, bandNote)
		})...)
	}
	return out
}

// overlay builds the figure of one endpoint of several results: the
// scenarios overlaid, or with several scenarios by subgroup, overlaid in a
// panel per subgroup (curves_panels.go).
func (fr figureRun) overlay(results []*sim.Result, kind model.EndpointKind, endpoint, title, bandNote string) (*figure, error) {
	if parents, panels, ok := subgroupPanels(results); ok {
		return fr.curvesByPanel(parents, panels, kind, endpoint, title, bandNote)
	}
	return fr.curves(results, kind, endpoint, title, bandNote)
}
