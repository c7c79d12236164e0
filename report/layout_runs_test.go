package report

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/seeds"
	"github.com/blinasim/blinasim/sim"
)

// The runs of the layout test beyond `run` and `compare` of the shipped
// models (layout_test.go): --by subgroups, one-way sensitivity analyses (of
// every shipped model with ranges and of every shipped scenario's
// difference from its study), a 20-parameter tornado with long titles, and
// the shipped trials. Few patients each: the layout does not depend on
// their number.

// layoutPatients is the number of patients per run of the layout test's
// simulations.
const layoutPatients = 200

// loadShipped loads a shipped study or scenario (seeds.FS) or an example
// (a path under ../examples).
func loadShipped(t *testing.T, p string) *model.Model {
	t.Helper()
	var fsys fs.FS = seeds.FS
	if rest, ok := strings.CutPrefix(p, "examples/"); ok {
		fsys, p = os.DirFS("../examples"), rest
	}
	m, err := config.Load(fsys, p, config.Options{})
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return m
}

// byLayoutRuns are the walk-through's --by runs (docs/attributes.md,
// docs/figures.md): one model by a flag, two scenarios by a category, and
// two scenarios by a flag with a PSA (psa_survival per subgroup, the PSA
// tables and differences per subgroup).
func byLayoutRuns(t *testing.T) []layoutRun {
	t.Helper()
	var out []layoutRun
	for _, c := range []struct {
		by    string
		files []string
		psa   int
	}{
		{"prior_allo", []string{"examples/sequencing-hsct.yaml"}, 0},
		{"mrd", []string{"examples/sequencing-hsct.yaml", "examples/sequencing-cart.yaml"}, 0},
		{"prior_allo", []string{"examples/sequencing-hsct.yaml", "examples/sequencing-cart.yaml"}, 5},
	} {
		var models []*model.Model
		var progs []*sim.Program
		for _, f := range c.files {
			m := loadShipped(t, f)
			m.By = c.by
			p, err := sim.Compile(m, nil)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			models, progs = append(models, m), append(progs, p)
		}
		results, comps, err := sim.RunScenarios(context.Background(), progs, sim.Options{Patients: 5 * layoutPatients, Seed: 1})
		if err != nil {
			t.Fatalf("--by %s: %v", c.by, err)
		}
		for i, m := range models {
			results[i].Scenario = m.Name
		}
		for i := range comps {
			comps[i].Base, comps[i].Scenario = results[0].Scenario, results[i+1].Scenario
		}
		var psas []*sim.PSA
		for _, m := range models[:min(len(models), c.psa)] {
			p, err := sim.RunPSA(context.Background(), m, c.psa, sim.Options{Patients: layoutPatients, Seed: 1})
			if err != nil {
				t.Fatalf("--by %s --psa %d: %v", c.by, c.psa, err)
			}
			psas = append(psas, p)
		}
		if len(psas) > 0 {
			psas = sim.WithPSASubgroups(results, psas)
		}
		results, comps = sim.WithSubgroups(results), sim.WithSubgroupComparisons(comps)
		// Titles as the run command gives them: the scenario's, then the
		// subgroup's ("Sequencing with CAR-T: mrd=complete").
		titles := make([]string, len(results))
		mi := -1
		for i, r := range results {
			if r.Subgroup == "" {
				mi++
			}
			titles[i] = models[mi].Title
			if r.Subgroup != "" {
				titles[i] += ": " + r.Subgroup
			}
		}
		name := fmt.Sprintf("%s --by %s", strings.Join(c.files, " "), c.by)
		if c.psa > 0 {
			name += fmt.Sprintf(" --psa %d", c.psa)
		}
		r := Run{Results: results, Comparisons: comps, PSA: psas, ModelYAML: []byte("name: x\n"), Title: models[0].Title,
			ScenarioTitles: ScenarioTitles(titles), Origins: EndpointOrigins(models...), Figures: Figures{Cohort: models[0].Cohort}}
		r.Manifest.Seed, r.Manifest.Patients = 1, 5*layoutPatients
		lr := runLayout(t, name, r)
		if c.psa > 0 { // the PSA's files are there, so its figures are checked
			names := map[string]bool{}
			for _, f := range lr.files {
				names[f.name] = true
			}
			for _, want := range []string{"psa_survival.png", "psa_compare.csv", "psa_bands.csv"} {
				if !names[want] {
					t.Errorf("%s: no %s", name, want)
				}
			}
		}
		out = append(out, lr)
	}
	return out
}

// sensitivityLayoutRuns are the one-way analyses of every shipped study and
// example with a parameter range, of every shipped scenario's difference
// from its study, and a synthetic 20-parameter tornado with long titles
// (its default top 15 rows, and all 20 on a figure that cannot hold them).
func sensitivityLayoutRuns(t *testing.T) []layoutRun {
	t.Helper()
	ctx := context.Background()
	opts := sim.Options{Patients: layoutPatients, Seed: 1}
	var out []layoutRun
	add := func(name string, s Sensitivity) {
		out = append(out, layoutRun{name, s.Figures.withDefaults(), s.files()})
	}
	studies, _ := fs.Glob(seeds.FS, "*.yaml")
	examples, _ := fs.Glob(os.DirFS("../examples"), "*.yaml")
	for i := range examples {
		examples[i] = "examples/" + examples[i]
	}
	sort.Strings(studies)
	for _, p := range append(studies, examples...) {
		m := loadShipped(t, p)
		ranges := sim.Ranges(m)
		if len(ranges) == 0 {
			continue
		}
		ow, err := sim.RunOneWay(ctx, m, m.DefaultOutcome(), ranges, opts)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		s := Sensitivity{Title: m.Title, OneWay: ow, ModelYAML: []byte("name: x\n"), ParameterTitles: ParameterTitles(m)}
		for _, sw := range m.Sensitivity.Sweeps {
			r, err := sim.RunSweep(ctx, m, ow.Outcome, sw, opts)
			if err != nil {
				t.Fatalf("%s: sweep %s: %v", p, sw.Name, err)
			}
			s.Sweeps = append(s.Sweeps, r)
		}
		add("sensitivity "+path.Base(p), s)
	}
	scenarios, _ := fs.Glob(seeds.FS, "scenarios/*.yaml")
	for _, p := range scenarios {
		study := scenarioStudy(t, p)
		if study == "" {
			continue
		}
		base, scen := loadShipped(t, study), loadShipped(t, p)
		ranges := sim.DiffRanges(base, scen)
		if len(ranges) == 0 {
			continue
		}
		ow, err := sim.RunOneWayDifference(ctx, base, scen, base.DefaultOutcome(), ranges, opts)
		if err != nil {
			t.Fatalf("%s − %s: %v", p, study, err)
		}
		add(fmt.Sprintf("sensitivity %s %s", study, path.Base(p)),
			Sensitivity{Title: base.Title, OneWay: ow, ModelYAML: []byte("name: x\n"), ParameterTitles: ParameterTitles(base, scen)})
	}
	// 20 parameters with long titles, some wrapping to three lines or more at
	// one column; a difference analysis (whiskers).
	titles := map[string]string{}
	for i := range 20 {
		titles[fmt.Sprintf("p%d", i)] = fmt.Sprintf("Durable share after a second allogeneic transplant in adults (parameter %d)", i) +
			strings.Repeat(", with a long qualifier", i%4)
	}
	many := Sensitivity{Title: "Twenty parameters", OneWay: testOneWay(20), ModelYAML: testYAML, ParameterTitles: titles}
	add("tornado of 20 parameters", many)
	many.OneWay = testOneWay(20)
	many.OneWay.Scenario = "b"
	many.Figures.Top = 20
	add("tornado of 20 parameters, --top 20, of a difference", many)
	return out
}

// trialLayoutRuns are the shipped trials (examples/trials), each simulated
// with a few trials per size, and a small two-arm trial with a PSA (its
// assurance and power band).
func trialLayoutRuns(t *testing.T) []layoutRun {
	t.Helper()
	ctx := context.Background()
	var out []layoutRun
	files, _ := fs.Glob(os.DirFS("../examples/trials"), "*.yaml")
	for _, f := range files {
		spec, err := config.ReadTrial(os.DirFS("../examples/trials"), f)
		if err != nil {
			t.Fatal(err)
		}
		models := make([]*model.Model, len(spec.Arms))
		for i, a := range spec.Arms {
			if _, err := fs.Stat(os.DirFS("../examples/trials"), a.Model); err == nil {
				models[i] = loadShipped(t, "examples/"+path.Join("trials", a.Model))
			} else {
				models[i] = loadShipped(t, "scenarios/"+a.Model+".yaml")
			}
		}
		if err := spec.Check(models); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		tr, err := spec.Design(models)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		const trials = 4
		o, err := tr.Simulate(ctx, sim.TrialRange{Lo: 0, Hi: trials}, sim.TrialOptions{Seed: 1})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		ex, err := tr.Data(ctx, 1, 0, tr.Sizes[len(tr.Sizes)-1])
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		r := TrialRun{Name: spec.Name, Title: spec.Title, Trial: tr, Trials: trials, Seed: 1, Summaries: tr.Summarise(o), Outcomes: o, Example: ex}
		out = append(out, layoutRun{"trial " + f, r.Figures.withDefaults(), r.files()})
	}
	r := trialRun(t, true)
	out = append(out, layoutRun{"trial with a PSA", r.Figures.withDefaults(), r.files()})
	return out
}
