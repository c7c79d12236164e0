package sim

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// The equivalence of MODEL.md ("a model whose attributes only choose among
// hazards is a mixture of models without them"): a model with a category
// attribute mrd (negative 60%, positive 40%) that scales hazards and picks
// branch probabilities, against the same model written with one copy of each
// state per level (copies ordered level by level, as attr_patient.go draws
// them). Every exit family kind the engine special-cases is used: exponential,
// Weibull (clock reset), a general distribution (log-normal), a forward clock
// (Gompertz) and a branch; and an exit closed for one level (a condition) is
// absent from that level's copy. The results must be the same bits.

func lognormalExit(to string, meanlog, sdlog float64) model.Exit {
	return model.Exit{To: to, Dist: model.DistSpec{Family: model.FamLogNormal, MeanLog: q(meanlog), SdLog: q(sdlog)}}
}

// equivExits returns the exits of each base state; hr is the positive
// level's hazard ratio for each exit, probPos the positive level's branch
// probability of the arm to cr2.
func equivExits(state string, level string, dup bool) []model.Exit {
	suffix := func(s string) string {
		if dup && s != "death" {
			return s + "_" + level
		}
		return s
	}
	pos := level == "positive"
	var ex []model.Exit
	switch state {
	case "cr":
		ex = []model.Exit{weibullExit(suffix("relapse"), 1.3, 30), expExit("death", 0.004)}
		ex[0].Effects = []model.Effect{{Attr: "mrd", Level: "positive", HR: q(2.5)}}
	case "relapse":
		ex = []model.Exit{lognormalExit("death", 1.5, 0.9), expExit("", 0.12)}
		ex[0].Effects = []model.Effect{{Attr: "mrd", Level: "positive", HR: q(1.25)}}
		ex[1].Name = "salvage"
		ex[1].Branch = []model.Destination{
			{To: suffix("cr2"), Prob: model.Num(0.45), ByLevel: []model.LevelProb{{Level: "positive", Prob: model.Num(0.2)}}},
			{To: "death", Rest: true}}
		ex[1].BranchBy = "mrd"
	case "cr2":
		ex = []model.Exit{{To: "death", Clock: model.ClockForward,
			Dist: model.DistSpec{Family: model.FamGompertz, Shape: q(0.03), Rate: q(0.01)}}, expExit(suffix("relapse"), 0.05)}
		ex[0].Effects = []model.Effect{{Attr: "mrd", Level: "positive", HR: q(1.5)}}
		ex[1].When = []model.Condition{{Attr: "mrd", Is: "negative"}} // closed: as if absent
	}
	if !dup {
		return ex
	}
	if state == "cr2" {
		ex[1].When = nil
		if pos {
			ex = ex[:1]
		}
	}
	for i := range ex {
		if pos && len(ex[i].Effects) > 0 {
			ex[i].HazardRatio = ex[i].Effects[0].HR
		}
		ex[i].Effects = nil
		if ex[i].BranchBy != "" {
			arms := model.LevelArms(ex[i].Branch, level)
			ex[i].Branch, ex[i].BranchBy = arms, ""
		}
	}
	return ex
}

func equivModels() (attr, dup *model.Model) {
	base := func(name string) *model.Model {
		return &model.Model{Name: name, Unit: model.Month, Horizon: 60, Landmarks: []float64{12, 24, 60}}
	}
	attr, dup = base("attr"), base("dup")
	attr.Attributes = []model.Attribute{{Name: "mrd", Kind: model.AttrCategory, Levels: []string{"negative", "positive"},
		Shares: []model.Share{{Prob: model.Num(0.6)}, {Rest: true}}}}
	for _, s := range []string{"cr", "relapse", "cr2"} {
		st := model.State{Name: s, Exits: equivExits(s, "", false)}
		if s == "cr" {
			st.Initial = model.Num(1)
		}
		attr.States = append(attr.States, st)
	}
	attr.States = append(attr.States, model.State{Name: "death"})
	for _, lv := range []string{"negative", "positive"} {
		for _, s := range []string{"cr", "relapse", "cr2"} {
			st := model.State{Name: s + "_" + lv, Exits: equivExits(s, lv, true)}
			if s == "cr" {
				st.Initial = model.Num(map[string]float64{"negative": 0.6, "positive": 0.4}[lv])
			}
			dup.States = append(dup.States, st)
		}
	}
	dup.States = append(dup.States, model.State{Name: "death"})
	attr.Endpoints = []model.Endpoint{
		{Name: "efs", Events: []string{"relapse", "death"}},
		{Name: "cir", Kind: model.Incidence, Events: []string{"relapse"}, Competing: []string{"death"}},
		{Name: "os2", Start: []string{"cr2"}, Events: []string{"death"}},
	}
	dup.Endpoints = []model.Endpoint{
		{Name: "efs", Events: []string{"relapse_negative", "relapse_positive", "death"}},
		{Name: "cir", Kind: model.Incidence, Events: []string{"relapse_negative", "relapse_positive"}, Competing: []string{"death"}},
		{Name: "os2", Start: []string{"cr2_negative", "cr2_positive"}, Events: []string{"death"}},
	}
	return attr, dup
}

func TestAttributeModelEqualsDuplicatedStates(t *testing.T) {
	am, dm := equivModels()
	pa, err := Compile(am, nil)
	if err != nil {
		t.Fatal(err)
	}
	pd, err := Compile(dm, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Patient by patient: the same visits at the same times (bits), states
	// mapped from copies to their base state.
	for i := range 5_000 {
		va, err := pa.Trace(7, i)
		if err != nil {
			t.Fatal(err)
		}
		vd, err := pd.Trace(7, i)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := traceString(am, va, false), traceString(dm, vd, true); got != want {
			t.Fatalf("patient %d:\n attributes: %s\n duplicated: %s", i, got, want)
		}
	}
	// Whole runs: every endpoint's results are the same bits.
	opts := Options{Patients: 200_000, Seed: 11, Workers: 2}
	ra, err := Run(context.Background(), pa, opts)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := Run(context.Background(), pd, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprintf("%v", ra.Endpoints), fmt.Sprintf("%v", rd.Endpoints); got != want {
		t.Errorf("endpoint results differ")
	}
	// A state's patients are its copies' patients.
	for _, s := range []string{"cr", "relapse", "cr2"} {
		a := ra.States[stateIdx(ra, s)].Entered
		d := rd.States[stateIdx(rd, s+"_negative")].Entered + rd.States[stateIdx(rd, s+"_positive")].Entered
		if a != d {
			t.Errorf("state %s: %d patients entered, duplicated model %d", s, a, d)
		}
	}
}

// traceString writes visits as "state@entry-exit" with exact times (%x), a
// copy's suffix removed when dup is set.
func traceString(m *model.Model, vs []Visit, dup bool) string {
	var b strings.Builder
	for _, v := range vs {
		name := m.States[v.State].Name
		if dup {
			name = strings.TrimSuffix(strings.TrimSuffix(name, "_negative"), "_positive")
		}
		fmt.Fprintf(&b, "%s@%x-%x ", name, v.Entry, v.Exit)
	}
	return b.String()
}
