package config

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/blinasim/blinasim/model"
)

// loadFiles loads name from an in-memory file system.
func loadFiles(files map[string]string, name string, opts Options) (*model.Model, error) {
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return Load(fsys, name, opts)
}

// tiny is a valid two-state model; %s slots: unit, then extra top-level YAML.
const tiny = `name: tiny
unit: %s
horizon: 100y
states:
  - name: alive
    initial: 1
    exits:
      - {to: dead, dist: exponential, rate: 0.1}
  - name: dead
%s`

func TestLoadReference(t *testing.T) {
	m, err := LoadFile("../examples/reference-5state.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "reference-5state" || m.Unit != model.Month || m.Horizon != 60 {
		t.Errorf("name, unit, horizon = %q, %v, %v; want reference-5state, month, 60", m.Name, m.Unit, m.Horizon)
	}
	if !reflect.DeepEqual(m.Landmarks, []float64{12, 24, 36, 60}) {
		t.Errorf("landmarks = %v", m.Landmarks)
	}
	var names []string
	for _, s := range m.States {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, " "); got != "relapse remission mrd_negative second_hsct death" {
		t.Errorf("states = %s", got)
	}
	if m.States[0].Initial != model.Num(1) || m.States[1].Initial != model.Num(0) {
		t.Errorf("initials = %v, %v; want 1, 0", m.States[0].Initial, m.States[1].Initial)
	}
	e := m.States[1].Exits[1] // remission -> relapse
	if e.To != "relapse" || e.Dist.Family != model.FamExponential || *e.Dist.Rate != model.Num(0.10) || e.Clock != model.ClockReset {
		t.Errorf("remission's 2nd exit = %+v, rate %v", e, e.Dist.Rate)
	}
	if !m.States[4].Absorbing() || !reflect.DeepEqual(m.Deaths(), []string{"death"}) {
		t.Errorf("death states = %v", m.Deaths())
	}
	cir := m.Endpoints[2]
	want := model.Endpoint{Name: "cir", Title: "Cumulative incidence of relapse from first remission", Kind: model.Incidence,
		Start: []string{"remission"}, Events: []string{"relapse"}, Competing: []string{"death"}}
	if !reflect.DeepEqual(cir, want) {
		t.Errorf("cir = %+v\nwant %+v", cir, want)
	}
	if !strings.HasPrefix(m.Description, "All patients start in relapse.") {
		t.Errorf("description = %q", m.Description)
	}
}

// TestFormatsAgree reads the same model as YAML, TOML and JSON.
func TestFormatsAgree(t *testing.T) {
	var models []*model.Model
	for _, ext := range []string{"yaml", "toml", "json"} {
		m, err := LoadFile("testdata/formats/small."+ext, Options{})
		if err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		models = append(models, m)
	}
	for i, ext := range []string{"toml", "json"} {
		if !reflect.DeepEqual(models[0], models[i+1]) {
			t.Errorf("%s model differs from YAML's:\n%+v\n%+v", ext, models[i+1], models[0])
		}
	}
	m := models[0]
	mo := func(days float64) float64 { return days / 30.44 }
	checks := []struct {
		name      string
		got, want any
	}{
		{"horizon 5y", m.Horizon, mo(5 * 365.25)},
		{"landmarks", m.Landmarks, []float64{6, mo(365.25), 24}},
		{"fixed 84d", *m.States[0].Exits[0].Dist.Duration, model.Num(mo(84))},
		{"branch", m.States[0].Exits[0].Branch, []model.Destination{{To: "remission", Prob: model.Ref("p_cr")}, {To: "death", Rest: true}}},
		{"clock", m.States[0].Exits[1].Clock, model.ClockForward},
		{"scale 4mo", *m.States[0].Exits[1].Dist.Scale, model.Num(4)},
		{"hr ref", *m.States[1].Exits[0].HazardRatio, model.Ref("hr_relapse")},
		{"cure", *m.States[1].Exits[0].Dist.Cure, model.Num(0.2)},
		{"breaks", m.States[1].Exits[1].Dist.Breaks, []model.Quantity{model.Num(0), model.Num(mo(42)), model.Num(mo(365.25))}},
		{"rates", m.States[1].Exits[1].Dist.Rates, []model.Quantity{model.Num(0.01), model.Ref("h_death"), model.Num(0.02)}},
		{"beta from counts", *m.Parameters[0].Uncertainty, model.Uncertainty{Family: model.UncBeta, A: 29, B: 35}},
		{"lognormal", *m.Parameters[1].Uncertainty, model.Uncertainty{Family: model.UncLogNormal, A: -0.22, B: 0.1}},
		{"value 12w", m.Parameters[3].Value, mo(84)},
		{"target time 1y", m.Targets[0].Time, mo(365.25)},
		{"median target value 8mo", m.Targets[1].Value, 8.0},
		{"median interval", [2]float64{m.Targets[1].Lower, m.Targets[1].Upper}, [2]float64{5, mo(365.25)}},
		{"target n", m.Targets[2].N, 64},
		{"measure", m.Targets[2].Measure, model.MeasureShareEntering},
		{"share entering by 6mo", m.Targets[3].Time, 6.0},
		{"calibrate", *m.Calibrate, model.Calibrate{Parameters: []model.FreeParameter{
			{Name: "h_death", Lower: 0.001, Upper: 2},
			{Name: "t_assess", Lower: mo(28), Upper: 6, Transform: model.TransformNone},
			{Name: "p_cr", Lower: 0, Upper: 1}}, Patients: 5000, Starts: 3, MaxEvaluations: 50, Seed: 7}},
		{"default transforms", []model.Transform{m.Calibrate.Parameters[0].Scale(), m.Calibrate.Parameters[2].Scale()},
			[]model.Transform{model.TransformLog, model.TransformLogit}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestDurations(t *testing.T) {
	cases := []struct {
		unit, value string
		want        float64
	}{
		{"month", "28d", 28 / 30.44},
		{"month", "28 days", 28 / 30.44},
		{"month", "6w", 42 / 30.44},
		{"month", "2.8mo", 2.8},
		{"month", "2 months", 2},
		{"month", "5y", 5 * 365.25 / 30.44},
		{"month", "1.5e1d", 15 / 30.44},
		{"month", "7", 7},
		{"month", `"7"`, 7},
		{"day", "1y", 365.25},
		{"day", "3w", 21},
		{"week", "14d", 2},
		{"year", "6mo", 6 * 30.44 / 365.25},
	}
	for _, c := range cases {
		t.Run(c.unit+" "+c.value, func(t *testing.T) {
			extra := fmt.Sprintf("parameters:\n  - {name: t, value: %s, source: 'assumption: test'}\n", c.value)
			m, err := loadFiles(map[string]string{"m.yaml": fmt.Sprintf(tiny, c.unit, extra)}, "m.yaml", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Parameters[0].Value; math.Abs(got-c.want) > 1e-12*c.want {
				t.Errorf("%s in %ss = %v, want %v", c.value, c.unit, got, c.want)
			}
		})
	}
}

func TestDefaultLandmarks(t *testing.T) {
	cases := []struct {
		name    string
		unit    model.Unit
		horizon float64
		want    []float64
	}{
		{"five years in months", model.Month, 60, []float64{12, 24, 36, 48, 60}},
		{"5y in months ends at the horizon", model.Month, 5 * 365.25 / 30.44, []float64{12, 24, 36, 48, 5 * 365.25 / 30.44}},
		{"a part year is not a landmark", model.Month, 30, []float64{12, 24}},
		{"under a year: the horizon", model.Month, 6, []float64{6}},
		{"twenty years: every second", model.Year, 20, []float64{2, 4, 6, 8, 10, 12, 14, 16, 18, 20}},
		{"ten years: every one", model.Year, 10, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{"weeks", model.Week, 110, []float64{52, 104}},
		{"days", model.Day, 800, []float64{365, 730}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := defaultLandmarks(c.unit, c.horizon); !reflect.DeepEqual(got, c.want) {
				t.Errorf("defaultLandmarks(%v, %v) = %v, want %v", c.unit, c.horizon, got, c.want)
			}
		})
	}
	m, err := loadFiles(map[string]string{"m.yaml": fmt.Sprintf(tiny, "month", "")}, "m.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Landmarks) != 10 || m.Landmarks[0] != 120 {
		t.Errorf("a 100-year horizon's landmarks = %v, want every 10 years", m.Landmarks)
	}
}

// TestMissingFile checks that a missing file is an *Error that errors.Is
// recognises as fs.ErrNotExist.
func TestMissingFile(t *testing.T) {
	_, err := LoadFile("testdata/nope.yaml", Options{})
	var ce *Error
	if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), "testdata/nope.yaml: cannot read") {
		t.Fatalf("err = %v, want a *config.Error naming testdata/nope.yaml", err)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(err, fs.ErrNotExist) = false")
	}
}

// TestLoadFileNames checks that messages name files as the user would: the
// given path, and bases by their path from the working directory (or
// absolute, when the given path was).
func TestLoadFileNames(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("base.yaml", strings.Replace(baseText, "rate: 0.1", "rate: -0.1", 1))
	write("sub/a.yaml", "extends: ../base.yaml\nname: a\nhorizn: 3\n")
	write("sub/b.yaml", "extends: ../base.yaml\nname: b\n")

	_, err := LoadFile(filepath.Join(dir, "sub", "a.yaml"), Options{})
	if want := filepath.Join(dir, "sub", "a.yaml") + `:3: unknown top-level key "horizn"`; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("absolute path: err = %v, want it to start with %s", err, want)
	}
	_, err = LoadFile(filepath.Join(dir, "sub", "b.yaml"), Options{})
	if want := filepath.Join(dir, "base.yaml") + ":8: states[0].exits[0].rate"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("absolute path: err = %v, want it to start with %s", err, want)
	}
	t.Chdir(filepath.Join(dir, "sub"))
	_, err = LoadFile("b.yaml", Options{})
	if want := filepath.Join("..", "base.yaml") + ":8: states[0].exits[0].rate"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("relative path: err = %v, want it to start with %s", err, want)
	}
}

// TestYAMLAliases checks that anchors, aliases and merge keys work, and that
// an explicit key wins over a merged one.
func TestYAMLAliases(t *testing.T) {
	text := `name: aliases
title: &t Aliases
description: *t
unit: month
horizon: 12
states:
  - name: well
    initial: 1
    exits:
      - &death {to: dead, dist: exponential, rate: 0.1}
      - {to: sick, dist: exponential, rate: 0.2}
  - name: sick
    exits:
      - {<<: *death, rate: 0.3}
  - name: dead
`
	m, err := loadFiles(map[string]string{"m.yaml": text}, "m.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	sick := m.States[1].Exits
	if len(sick) != 1 || sick[0].To != "dead" || sick[0].Dist.Family != model.FamExponential || *sick[0].Dist.Rate != model.Num(0.3) {
		t.Errorf("sick's exits = %+v", sick)
	}
	if m.Description != "Aliases" {
		t.Errorf("description = %q, want the title's alias", m.Description)
	}
}
