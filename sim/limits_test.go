package sim

import (
	"context"
	"errors"
	"math"
	"testing"
)

// TestLimits: sizes computed from user numbers past a limit are a
// *LimitError naming the number, before anything is allocated; none panics.
func TestLimits(t *testing.T) {
	p, err := Compile(referenceModel(0), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		opts  Options
		draws int
		what  string
	}{
		{"patients near 2^63", Options{Patients: math.MaxInt64}, 0, "patients"},
		{"step near 0", Options{Patients: 10, Step: 1e-300}, 0, "step"},
		{"step 1e-15", Options{Patients: 10, Step: 1e-15}, 0, "step"},
		{"psa near 2^63", Options{Patients: 10}, math.MaxInt64, "psa"},
		{"psa past the budget", Options{Patients: 10, Step: 0.001}, 10_000, "psa"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var le *LimitError
			if err := Check([]*Program{p}, tc.opts, tc.draws); !errors.As(err, &le) || le.What != tc.what {
				t.Errorf("Check: %v, want a limit on %s", err, tc.what)
			}
			if tc.draws == 0 {
				if _, err := Run(context.Background(), p, tc.opts); !errors.As(err, &le) {
					t.Errorf("Run: %v, want a limit error", err)
				}
			}
		})
	}
	if err := Check([]*Program{p}, Options{Patients: 10}, 1000); err != nil {
		t.Errorf("a run within the limits: %v", err)
	}
}
