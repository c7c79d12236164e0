package sim

import (
	"context"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

const ln2 = math.Ln2

func pow(x, y float64) float64 { return math.Pow(x, y) }

// mustRun compiles and runs m.
func mustRun(t testing.TB, m *model.Model, opts Options) *Result {
	t.Helper()
	p, err := Compile(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// within checks that got is within k standard errors of want, where se is the
// Monte Carlo standard error of got (computed from the exact answer).
func within(t *testing.T, what string, got, want, se, k float64) {
	t.Helper()
	if se == 0 {
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("%s: got %.6g, want exactly %.6g", what, got, want)
		}
		return
	}
	if z := (got - want) / se; math.Abs(z) > k {
		t.Errorf("%s: got %.6g, want %.6g ± %.2g (z = %.2f, allowed ±%v SE)", what, got, want, se, z, k)
	}
}

func stateIdx(r *Result, name string) int {
	for i, s := range r.States {
		if s.Name == name {
			return i
		}
	}
	panic("no state " + name)
}

func endpointIdx(r *Result, name string) int {
	if i := endpointIndex(r, name); i >= 0 {
		return i
	}
	panic("no endpoint " + name)
}
