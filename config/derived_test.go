package config

import (
	"errors"
	"fmt"
	"github.com/blinasim/blinasim/model"
	"math"
	"strings"
	"testing"
)

// derivedTop adds parameters from line 10 of tiny, with the exit's rate the
// parameter h.
func derivedTop(params string) string {
	return strings.Replace(withTop("parameters:\n"+params), "rate: 0.1", "rate: h", 1)
}

// TestDerivedLoaded reads a mixture probability and a rate as expressions,
// and writes them back as written.
func TestDerivedLoaded(t *testing.T) {
	text := derivedTop(`  - {name: q0, value: 0.2, source: 'assumption: test'}
  - {name: c, value: 0.35, source: 'assumption: test'}
  - {name: p, value: "q0 + (1 - q0) * c", source: 'assumption: test'}
  - {name: h, value: "-log(1 - p) / 12", source: 'assumption: test'}
`)
	m, err := loadFiles(map[string]string{"m.yaml": text}, "m.yaml", Options{Sets: []string{"parameters.c.value=0.5"}})
	if err != nil {
		t.Fatal(err)
	}
	v := m.Values()
	q0, c := 0.2, 0.5
	p := q0 + (1-q0)*c
	if v["p"] != p || v["h"] != -logOf(1-p)/12 {
		t.Errorf("p = %v, h = %v; want %v, %v (derived values follow --set on their inputs)", v["p"], v["h"], p, -logOf(1-p)/12)
	}
	out, err := Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "value: q0 + (1 - q0) * c") {
		t.Errorf("marshalled model lost the expression:\n%s", out)
	}
}

// TestDerivedRejected checks that bad expressions are reported with the
// file and the line of the value.
func TestDerivedRejected(t *testing.T) {
	const s = ", source: 'assumption: test'}\n"
	cases := []struct{ name, params, want string }{
		{"unknown name", "  - {name: h, value: \"base * 2\"" + s,
			`m.yaml:11: parameters[0].value (parameter "h"): expression "base * 2" names "base", which is not a parameter of the model`},
		{"cycle", "  - {name: h, value: \"a\"" + s + "  - {name: a, value: \"h / 2\"" + s,
			`m.yaml:11: parameters[0].value (parameter "h"): derived parameters form a cycle: h → a → h`},
		{"syntax", "  - {name: h, value: \"0.1 *\"" + s, `m.yaml:11: parameters[0].value (parameter "h"): expression "0.1 *", at character 6`},
		{"type", "  - {name: h, value: \"exp * 2\"" + s, `m.yaml:11: parameters[0].value (parameter "h"): expression "exp * 2", at character 1: exp is a function`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadFiles(map[string]string{"m.yaml": derivedTop(c.params)}, "m.yaml", Options{})
			var ce *Error
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error containing\n%s", err, c.want)
			}
			if err != nil && strings.Contains(err.Error(), "exponential rate") {
				t.Errorf("a bad expression also reported the rate that uses it:\n%v", err)
			}
		})
	}
}

func logOf(x float64) float64 { return math.Log(x) }

// TestCorrelationsLoaded reads a correlations section and reports a bad one
// at its line.
func TestCorrelationsLoaded(t *testing.T) {
	params := `  - {name: h, value: 0.1, source: 'assumption: test', uncertainty: {dist: gamma, shape: 10, rate: 100}}
  - {name: q, value: 0.5, source: 'assumption: test', uncertainty: {dist: beta, x: 5, n: 10}}
correlations:
  - {parameters: [h, q], rank: %s}
`
	m, err := loadFiles(map[string]string{"m.yaml": derivedTop(fmt.Sprintf(params, "-0.5"))}, "m.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Correlations) != 1 || m.Correlations[0] != (model.Correlation{A: "h", B: "q", Rank: -0.5}) {
		t.Errorf("correlations %v", m.Correlations)
	}
	out, _ := Marshal(m)
	if !strings.Contains(string(out), "correlations:\n  - {parameters: [h, q], rank: -0.5}") {
		t.Errorf("marshalled:\n%s", out)
	}
	_, err = loadFiles(map[string]string{"m.yaml": derivedTop(fmt.Sprintf(params, "1.5"))}, "m.yaml", Options{})
	if want := `m.yaml:14: correlations[0].rank (correlation of h and q): rank must lie strictly between -1 and 1 (got 1.5)`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestDerivedExample loads the shipped example of docs/parameters.md.
func TestDerivedExample(t *testing.T) {
	m, err := LoadFile("../examples/derived-correlated.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v := m.Values(); v["p_resp"] != 0.475 || len(m.Correlations) != 2 {
		t.Errorf("p_resp = %v, correlations %v", v["p_resp"], m.Correlations)
	}
}
