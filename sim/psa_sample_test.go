package sim

import (
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestSampleDrawsWholeRows: two parameters of one sample group take the same
// row in every draw (b = 10·a row by row), and every row is drawn about
// equally often (the index is ⌊u·n⌋ of a keyed uniform).
func TestSampleDrawsWholeRows(t *testing.T) {
	const n = 5
	a, b := make([]float64, n), make([]float64, n)
	for i := range n {
		a[i], b[i] = float64(i+1), float64(10*(i+1))
	}
	m := oneExitPSA(nil)
	m.Parameters = append(m.Parameters,
		model.Parameter{Name: "a", Value: 1, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncSample, Group: "post", Sample: &model.Sample{Values: a}}},
		model.Parameter{Name: "b", Value: 10, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncSample, Group: "post", Sample: &model.Sample{Values: b}}})
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	counts := map[float64]int{}
	const draws = 5000
	for d := 1; d <= draws; d++ {
		v := DrawValues(m, 9, d)
		if v["b"] != 10*v["a"] {
			t.Fatalf("draw %d: a = %v, b = %v: not one row", d, v["a"], v["b"])
		}
		counts[v["a"]]++
	}
	// each row: binomial(5000, 0.2), SD 28.3; within 4 SDs of 1000
	for _, x := range a {
		if c := float64(counts[x]); c < 1000-4*28.3 || c > 1000+4*28.3 {
			t.Errorf("row %v drawn %v times of %d, want about 1000", x, c, draws)
		}
	}
	m.Parameters[2].Uncertainty.Sample = &model.Sample{Values: a[:3]}
	if err := m.Validate(); err == nil {
		t.Error("a sample group with columns of different lengths was accepted")
	}
}
