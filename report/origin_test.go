package report

import (
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// TestEndpointOrigins: overall survival runs from the initial state, an
// endpoint with start states from them (or the origin its title names), and
// a one-scenario run draws one figure per origin, each axis naming it.
func TestEndpointOrigins(t *testing.T) {
	m := &model.Model{
		States: []model.State{{Name: "blin_start", Title: "Start of blinatumomab", Initial: model.Num(1)},
			{Name: "cr", Title: "Complete remission"}, {Name: "crh", Title: "CRh"}},
		Endpoints: []model.Endpoint{{Name: "efs", Title: "Event-free survival"},
			{Name: "rfs", Title: "Relapse-free survival", Start: []string{"cr", "crh"}},
			{Name: "cir", Title: "Cumulative incidence of relapse from CR/CRh (death competing)", Start: []string{"cr", "crh"}}},
	}
	got := EndpointOrigins(m)
	for name, want := range map[string]Origin{
		"os":  {"", "start of blinatumomab"},
		"efs": {"", "start of blinatumomab"},
		"rfs": {"cr_or_crh", "Complete remission or CRh"},
		"cir": {"cr_or_crh", "CR/CRh"},
	} {
		if got[name] != want {
			t.Errorf("%s: origin %+v, want %+v", name, got[name], want)
		}
	}
	if l := timeLabel(model.Month, got["cir"]); l != "Months since CR/CRh" {
		t.Errorf("label %q", l)
	}
	if l := timeLabel(model.Year, Origin{}); l != "Time (years)" {
		t.Errorf("label %q", l)
	}

	r := testResult()
	os := r.Endpoints[0]
	rfs := os
	rfs.Name = "rfs"
	r.Endpoints = append(r.Endpoints, rfs)
	run := runOf(Figures{}, r)
	run.Origins = got
	fr := newFigureRun(run)
	files := fr.curvesFiles("survival", []*sim.Result{r}, model.Survival, "", mcBandNote)
	var names []string
	for _, f := range files {
		names = append(names, f.name)
	}
	if len(files) != 4 || files[2].name != "survival_from_cr_or_crh.png" {
		t.Fatalf("files %v, want survival.* and survival_from_cr_or_crh.*", names)
	}
	f, err := files[2].figure()
	if err != nil {
		t.Fatal(err)
	}
	if len(f.lines) != 1 || f.lines[0].endpoint != "rfs" || f.plot.X.Label.Text != "Months since Complete remission or CRh" {
		t.Errorf("second figure: %d lines, axis %q", len(f.lines), f.plot.X.Label.Text)
	}
}
