package config

import (
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
)

const goodTrial = `trial:
  name: t
  arms:
    - {name: control, model: a.yaml}
    - {name: treated, model: b.yaml}
  sizes: [100, 200]
  accrual: {period: 24mo, ramp: 6mo}
  dropout: 0.01
  analysis: {time: 36mo}
  test: {sides: 1, alpha: 0.025}
  rmst: 24
`

func trialModel() *model.Model {
	return &model.Model{Name: "m", Unit: model.Month, Horizon: 60, States: []model.State{
		{Name: "alive", Initial: model.Num(1)}, {Name: "dead"}},
		Endpoints: []model.Endpoint{{Name: "rfs", Start: []string{"alive"}, Events: []string{"dead"}},
			{Name: "cid", Kind: model.Incidence, Events: []string{"dead"}}}}
}

func TestParseTrial(t *testing.T) {
	s, err := ParseTrial("t.yaml", []byte(goodTrial))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check([]*model.Model{trialModel(), trialModel()}); err != nil {
		t.Fatal(err)
	}
	if s.Period != 24 || s.Ramp != 6 || s.Time != 36 || s.RMST != 24 || !s.OneSided || s.Alpha != 0.025 ||
		s.Endpoint != "os" || len(s.Sizes) != 2 || s.Allocation[0] != 1 || s.Arms[1].Model != "b.yaml" {
		t.Errorf("decoded %+v", s)
	}
}

// TestTrialRejects: each broken trial file gives an issue at its line naming
// the key and what is allowed.
func TestTrialRejects(t *testing.T) {
	for _, c := range []struct {
		name, from, to, want string
	}{
		{"typo", "dropout: 0.01", "dropuot: 0.01", `t.yaml:8: trial.dropuot: unknown key "dropuot" (allowed: `},
		{"negative dropout", "dropout: 0.01", "dropout: -1", `t.yaml:8: trial.dropout: "-1": want a hazard`},
		{"size and sizes", "  dropout: 0.01", "  size: 10\n  dropout: 0.01", "give `size` or `sizes`, not both"},
		{"bad unit", "period: 24mo", "period: 2yrs", `t.yaml:7: trial.accrual.period: "2yrs": unknown time unit`},
		{"both analyses", "{time: 36mo}", "{time: 36mo, events: 10}", "t.yaml:9: trial.analysis: give exactly one of"},
		{"sides", "sides: 1", "sides: 3", `t.yaml:10: trial.test.sides: "3": want 1`},
		{"alpha", "alpha: 0.025", "alpha: 5", `t.yaml:10: trial.test.alpha: "5": want a level in (0, 1)`},
		{"one arm", "    - {name: treated, model: b.yaml}\n", "", "1 arms: a trial has 2 to 8, control first"},
		{"estimate", "  rmst: 24", "  rmst: 24\n  estimate: weibull", `"weibull": the hazard ratio estimate is ` + "`cox`"},
		{"missing accrual", "  accrual: {period: 24mo, ramp: 6mo}\n", "", "missing `accrual`"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(goodTrial, c.from, c.to, 1)
			if src == goodTrial {
				t.Fatalf("%q not in the trial file", c.from)
			}
			_, err := ParseTrial("t.yaml", []byte(src))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

// TestTrialCheck: the checks against the arms' models name the trial file's
// line.
func TestTrialCheck(t *testing.T) {
	for _, c := range []struct {
		name, from, to, want string
	}{
		{"endpoint starts later", "  rmst: 24", "  rmst: 24\n  endpoint: rfs", `t.yaml:12: trial.endpoint: endpoint "rfs" starts at entry into [alive], not at randomisation`},
		{"incidence", "  rmst: 24", "  rmst: 24\n  endpoint: cid", "is a cumulative incidence"},
		{"no endpoint", "  rmst: 24", "  rmst: 24\n  endpoint: oss", `has no endpoint "oss" (allowed: os; did you mean "os"?)`},
		{"past horizon", "{time: 36mo}", "{time: 72mo}", "t.yaml:9: trial.analysis: analysis 72 months after the first enrolment is past the arms' horizon (60)"},
		{"blocks", "sizes: [100, 200]", "sizes: [101, 200]", "t.yaml:6: trial.sizes: sample size 101 is not a multiple of the allocation's sum 2"},
		{"ramp", "ramp: 6mo", "ramp: 36mo", "ramp 36 months is longer than the accrual period 24"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := ParseTrial("t.yaml", []byte(strings.Replace(goodTrial, c.from, c.to, 1)))
			if err != nil {
				t.Fatal(err)
			}
			err = s.Check([]*model.Model{trialModel(), trialModel()})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

// TestTrialMalformed: malformed files are errors, never panics.
func TestTrialMalformed(t *testing.T) {
	for _, src := range []string{"", "trial:", "trial: 5", "[1, 2]", "trial: {arms: 3}", "trial: {arms: [1, 2]}",
		"trial: {sizes: abc}", "trial: {sizes: [1.5]}", "trial: {accrual: [1]}", "trial: {analysis: {time: -3}}",
		"trial: {test: {alpha: NaN}}", "trial: {rmst: 0}", "trial:\n  trial: 1", ": :", "trial: {allocation: [0, 1]}"} {
		if _, err := ParseTrial("t.yaml", []byte(src)); err == nil {
			t.Errorf("%q: want an error", src)
		}
	}
}
