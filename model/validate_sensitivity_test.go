package model

import (
	"slices"
	"strings"
	"testing"
)

// TestValidateSensitivity: each broken `sensitivity:` section yields a
// problem at the right path saying what is allowed; valid ones pass.
func TestValidateSensitivity(t *testing.T) {
	axis := func(name string, from, to float64, steps int) SweepAxis {
		return SweepAxis{Name: name, From: from, To: to, Steps: steps}
	}
	cases := []struct {
		name string
		s    Sensitivity
		path string // "" for a valid section
		want string // substring of the message
	}{
		{"valid", Sensitivity{Outcome: &Outcome{Endpoint: "rfs", Measure: OutcomeSurvival, Time: 12},
			Parameters: []Bounds{{Name: "p_cr", Low: 0.3, High: 0.6}},
			Sweeps: []Sweep{{Name: "cr", Axes: []SweepAxis{axis("p_cr", 0.1, 0.9, 5)}},
				{Name: "two", Axes: []SweepAxis{{Name: "p_cr", Values: []float64{0.2, 0.5}}, axis("h", 0.05, 0.2, 4)}}}}, "", ""},
		{"outcome past the horizon is allowed in a file", Sensitivity{Outcome: &Outcome{Endpoint: "os", Measure: OutcomeSurvival, Time: 120}}, "", ""},
		{"unknown outcome endpoint", Sensitivity{Outcome: &Outcome{Endpoint: "efs", Measure: OutcomeMedian}},
			"sensitivity.outcome", `unknown endpoint "efs" (endpoints: os, rfs)`},
		{"incidence measure on a survival endpoint", Sensitivity{Outcome: &Outcome{Endpoint: "os", Measure: OutcomeIncidence, Time: 12}},
			"sensitivity.outcome", "write os:s12"},
		{"outcome at time 0", Sensitivity{Outcome: &Outcome{Endpoint: "os", Measure: OutcomeSurvival}},
			"sensitivity.outcome", "finite and > 0"},
		{"unknown bounded parameter", Sensitivity{Parameters: []Bounds{{Name: "p_rc", Low: 0, High: 1}}},
			"sensitivity.parameters[0].name", `unknown parameter "p_rc" (parameters: h, p_cr)`},
		{"bounds twice", Sensitivity{Parameters: []Bounds{{Name: "p_cr", Low: 0, High: 1}, {Name: "p_cr", Low: 0.1, High: 0.2}}},
			"sensitivity.parameters[1].name", "bounds twice"},
		{"low not below high", Sensitivity{Parameters: []Bounds{{Name: "p_cr", Low: 0.5, High: 0.5}}},
			"sensitivity.parameters[0]", "low must be < high (got low 0.5, high 0.5)"},
		{"a bound that breaks the model", Sensitivity{Parameters: []Bounds{{Name: "p_cr", Low: 0.2, High: 1.2}}},
			"sensitivity.parameters[0].high", "with p_cr = 1.2 the model is invalid: states[0].exits[0].branch[0].prob"},
		{"a negative rate", Sensitivity{Parameters: []Bounds{{Name: "h", Low: -0.1, High: 0.2}}},
			"sensitivity.parameters[0].low", "with h = -0.1 the model is invalid"},
		{"bad sweep name", Sensitivity{Sweeps: []Sweep{{Name: "By CR", Axes: []SweepAxis{axis("p_cr", 0.1, 0.9, 5)}}}},
			"sensitivity.sweeps[0].name", "must match [a-z][a-z0-9_]*"},
		{"sweep twice", Sensitivity{Sweeps: []Sweep{{Name: "a", Axes: []SweepAxis{axis("p_cr", 0.1, 0.9, 5)}}, {Name: "a", Axes: []SweepAxis{axis("h", 0.1, 0.9, 5)}}}},
			"sensitivity.sweeps[1].name", "defined twice"},
		{"three axes", Sensitivity{Sweeps: []Sweep{{Name: "a", Axes: []SweepAxis{axis("p_cr", 0.1, 0.9, 2), axis("h", 0.1, 0.9, 2), axis("h", 0.1, 0.9, 2)}}}},
			"sensitivity.sweeps[0].parameters", "1 parameter (a line) or 2 (a heat map), not 3"},
		{"no axis", Sensitivity{Sweeps: []Sweep{{Name: "a"}}},
			"sensitivity.sweeps[0].parameters", "not 0"},
		{"too many cells", Sensitivity{Sweeps: []Sweep{{Name: "a", Axes: []SweepAxis{axis("p_cr", 0.1, 0.9, 101), axis("h", 0.1, 0.9, 100)}}}},
			"sensitivity.sweeps[0].parameters", "the grid has 10100 points; at most 10000"},
		{"a huge step count", Sensitivity{Sweeps: []Sweep{{Name: "a", Axes: []SweepAxis{axis("p_cr", 0.1, 0.9, 1<<62), axis("h", 0.1, 0.9, 4)}}}},
			"sensitivity.sweeps[0].parameters", "at most 10000"},
		{"same parameter twice", Sensitivity{Sweeps: []Sweep{{Name: "a", Axes: []SweepAxis{axis("h", 0.1, 0.9, 2), axis("h", 0.1, 0.9, 2)}}}},
			"sensitivity.sweeps[0].parameters[1].name", `varies "h" twice`},
		{"one step", Sensitivity{Sweeps: []Sweep{{Name: "a", Axes: []SweepAxis{axis("h", 0.1, 0.9, 1)}}}},
			"sensitivity.sweeps[0].parameters[0].steps", "got steps 1"},
		{"from after to", Sensitivity{Sweeps: []Sweep{{Name: "a", Axes: []SweepAxis{axis("h", 0.9, 0.1, 3)}}}},
			"sensitivity.sweeps[0].parameters[0].to", "from must be < to"},
		{"values and steps", Sensitivity{Sweeps: []Sweep{{Name: "a", Axes: []SweepAxis{{Name: "h", Values: []float64{0.1, 0.2}, Steps: 3}}}}},
			"sensitivity.sweeps[0].parameters[0]", "either values or from, to and steps"},
		{"one value", Sensitivity{Sweeps: []Sweep{{Name: "a", Axes: []SweepAxis{{Name: "h", Values: []float64{0.1}}}}}},
			"sensitivity.sweeps[0].parameters[0].values", "at least 2 values"},
		{"values not increasing", Sensitivity{Sweeps: []Sweep{{Name: "a", Axes: []SweepAxis{{Name: "h", Values: []float64{0.1, 0.3, 0.2}}}}}},
			"sensitivity.sweeps[0].parameters[0].values[2]", "strictly increasing (0.2 follows 0.3)"},
		{"a swept value that breaks the model", Sensitivity{Sweeps: []Sweep{{Name: "a", Axes: []SweepAxis{{Name: "p_cr", Values: []float64{0.5, 1.5}}}}}},
			"sensitivity.sweeps[0].parameters[0].values[1]", "with p_cr = 1.5 the model is invalid"},
		{"a swept range that breaks the model", Sensitivity{Sweeps: []Sweep{{Name: "a", Axes: []SweepAxis{axis("h", -1, 1, 3)}}}},
			"sensitivity.sweeps[0].parameters[0].from", "with h = -1 the model is invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := validModel()
			m.Parameters = append(m.Parameters, Parameter{Name: "h", Value: 0.1, Source: "assumption: test"})
			m.States[0].Exits[1].Dist.Rate = &Quantity{Param: "h"}
			m.Sensitivity = c.s
			wantProblem(t, m.Validate(), c.path, c.want)
		})
	}
}

// TestSweepGrid: steps values from from to to, ends exact; explicit values as given.
func TestSweepGrid(t *testing.T) {
	for _, c := range []struct {
		name string
		a    SweepAxis
		want []float64
	}{
		{"steps", SweepAxis{From: 0.1, To: 0.5, Steps: 5}, []float64{0.1, 0.2, 0.30000000000000004, 0.4, 0.5}},
		{"two steps are the ends", SweepAxis{From: 1, To: 3, Steps: 2}, []float64{1, 3}},
		{"values", SweepAxis{Values: []float64{2, 3, 7}}, []float64{2, 3, 7}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.a.Grid(); !slices.Equal(got, c.want) || c.a.Len() != len(c.want) {
				t.Errorf("Grid() = %v (Len %d), want %v", got, c.a.Len(), c.want)
			}
		})
	}
}

// TestDefaultOutcome: OS at the last landmark within the horizon, else its RMST.
func TestDefaultOutcome(t *testing.T) {
	m := validModel()
	m.Landmarks = []float64{12, 36, 24, 72}
	if got, want := m.DefaultOutcome(), (Outcome{Endpoint: "os", Measure: OutcomeSurvival, Time: 36}); got != want {
		t.Errorf("got %v, want %v", got, want)
	}
	m.Landmarks = []float64{72}
	if got, want := m.DefaultOutcome(), (Outcome{Endpoint: "os", Measure: OutcomeRMST}); got != want {
		t.Errorf("got %v, want %v", got, want)
	}
	if err := m.CheckOutcome(Outcome{Endpoint: "os", Measure: OutcomeSurvival, Time: 72}); err == nil ||
		!strings.Contains(err.Error(), "past the horizon 60") {
		t.Errorf("a time past the horizon: got %v", err)
	}
}

// TestOutcomeString: the written form of each measure.
func TestOutcomeString(t *testing.T) {
	for _, c := range []struct {
		o    Outcome
		want string
	}{
		{Outcome{Endpoint: "os", Measure: OutcomeSurvival, Time: 36}, "os:s36"},
		{Outcome{Endpoint: "cir", Measure: OutcomeIncidence, Time: 2.5}, "cir:f2.5"},
		{Outcome{Endpoint: "os", Measure: OutcomeMedian}, "os:median"},
		{Outcome{Endpoint: "rfs", Measure: OutcomeRMST}, "rfs:rmst"},
	} {
		if got := c.o.String(); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.o, got, c.want)
		}
	}
}
