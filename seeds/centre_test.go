package seeds_test

import (
	"io/fs"
	"math"
	"testing"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/seeds"
)

// centreTol is how far, relative, a parameter's value may lie from the centre
// of its uncertainty distribution: the rounding of the distribution's
// parameters to four significant figures in the files (a shape of 30 and a
// rate given to 0.1 put the mean within 0.05%), with room to spare.
const centreTol = 0.005

// TestValueAtCentreOfUncertainty: every shipped parameter with an
// uncertainty distribution has its value at that distribution's mean or
// median, so that a PSA varies around the figure the deterministic run uses.
// A calibration that moves a value must re-centre its uncertainty (as
// `blinasim calibrate` does); a value edited by hand afterwards would not be,
// and this test says which.
func TestValueAtCentreOfUncertainty(t *testing.T) {
	files, err := fs.Glob(seeds.FS, "*.yaml")
	scenarios, err2 := fs.Glob(seeds.FS, "scenarios/*.yaml")
	if err != nil || err2 != nil || len(files) == 0 || len(scenarios) == 0 {
		t.Fatalf("no shipped studies (%d) or scenarios (%d): %v %v", len(files), len(scenarios), err, err2)
	}
	files = append(files, scenarios...)
	for _, f := range files {
		m, err := config.Load(seeds.FS, f, config.Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, p := range m.Parameters {
			u := p.Uncertainty
			if u == nil || p.Expr != "" {
				continue
			}
			mean, median := u.Mean(), u.Quantile(0.5)
			if math.IsNaN(mean) && math.IsNaN(median) {
				continue // fixed, or a Dirichlet component
			}
			near := func(c float64) bool { return math.Abs(p.Value-c) <= centreTol*math.Abs(p.Value) }
			if !near(mean) && !near(median) {
				t.Errorf("%s: parameter %s = %g, but its uncertainty %s(%g, %g) has mean %.5g and median %.5g: re-centre it on the value",
					f, p.Name, p.Value, u.Family, u.A, u.B, mean, median)
			}
		}
	}
}
