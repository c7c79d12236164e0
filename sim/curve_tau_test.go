package sim

import (
	"math"
	"testing"
)

// TestCurveIntegralToTau: τ = 2.5 cuts the third of four bins of width 1.
// Kaplan-Meier, 10 patients, events 1, 2, 1, 0 and 6 censored at the end:
// S = 1, 0.9, 0.7, 0.6, 0.6 at the edges, so ∫₀^2.5 S = 0.95 + 0.8 +
// 0.5·(0.7 + 0.65)/2 = 2.0875 (S(2.5) = 0.65, linear in the bin), and the
// Klein & Moeschberger variance is A₀² /90 + A₁² 2/63 + ½ A₂² /42 with A₀ =
// 2.0875 − 0.475, A₁ = 2.0875 − 1.35 and, for the bin τ cuts, half its
// events at (2.0875 − 1.75)/2 (hand-computed). Aalen-Johansen, 10 patients,
// an event in bin 0, a competing one in bin 1, an event in bin 2: F = 0, 0.1,
// 0.1, 0.2, 0.2, so ∫₀^2.5 F = 0.05 + 0.1 + 0.5·(0.1 + 0.15)/2 = 0.2125. At τ
// = the horizon both are the whole area.
func TestCurveIntegralToTau(t *testing.T) {
	km := kaplanMeier(10, 0, []int64{1, 2, 1, 0}, []int64{0, 0, 0, 6}, 1, 4, 2.5)
	a0, a1, a2 := 2.0875-0.475, 2.0875-1.35, (2.0875-1.75)/2
	se := math.Sqrt(a0*a0/90 + a1*a1*2/63 + 0.5*a2*a2/42)
	if math.Abs(km.integral.Value-2.0875) > 1e-12 || math.Abs(km.integral.SE-se) > 1e-12 {
		t.Errorf("KM to 2.5: %v (SE %v), want 2.0875 (SE %v)", km.integral.Value, km.integral.SE, se)
	}
	if whole := kaplanMeier(10, 0, []int64{1, 2, 1, 0}, []int64{0, 0, 0, 6}, 1, 4, 4); math.Abs(whole.integral.Value-(0.95+0.8+0.65+0.6)) > 1e-12 {
		t.Errorf("KM to the horizon: %v, want 3", whole.integral.Value)
	}
	aj := aalenJohansen(10, 0, 0, []int64{1, 0, 1, 0}, []int64{0, 1, 0, 0}, []int64{0, 0, 0, 7}, 1, 4, 2.5)
	if math.Abs(aj.integral.Value-0.2125) > 1e-12 {
		t.Errorf("AJ to 2.5: %v, want 0.2125", aj.integral.Value)
	}
	if whole := aalenJohansen(10, 0, 0, []int64{1, 0, 1, 0}, []int64{0, 1, 0, 0}, []int64{0, 0, 0, 7}, 1, 4, 4); math.Abs(whole.integral.Value-(0.05+0.1+0.15+0.2)) > 1e-12 {
		t.Errorf("AJ to the horizon: %v, want 0.5", whole.integral.Value)
	}
}
