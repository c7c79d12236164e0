package model

import (
	"math"
	"testing"
)

// The inversions that have no closed form, over far wider ranges than the
// distribution cases: the gamma's Newton solve across shapes, and the normal
// upper tail beyond the underflow of 1-Φ.

func TestGammaInversionAcrossShapes(t *testing.T) {
	// t = H⁻¹(y) and back, for y from 1e-30 to 1e4. A relative error ε in H
	// is a relative error ε·H/(t·h) in t, and t·h/H lies between min(a, 1)
	// and max(a, 1): the tolerance is 1e-14 over that slope, plus the
	// prefactor's rounding (about 1e-16·a relative in H for large a).
	for _, a := range []float64{0.01, 0.05, 0.3, 0.9, 1, 1.5, 3, 10, 50, 300, 5000} {
		g := Gamma{Shape: a, Rate: 1}
		tol := (1e-14 + 1e-16*a) / math.Min(a, 1)
		for _, y := range timeGrid(1e-30, 1e4, 200) {
			x := g.InvCumHazard(y)
			if x < 1e-300 {
				continue // t underflows: y^(1/a) for small a
			}
			back := g.InvCumHazard(g.CumHazard(x))
			if e := relErr(back, x); !(e <= tol) {
				t.Errorf("shape %g: InvCumHazard(CumHazard(%.17g)) = %.17g, relative error %.3g > %.3g", a, x, back, e, tol)
			}
			// The same error seen in H: a relative error δ in t is t·h/H·δ in H.
			tolH := tol * math.Max(1, x*g.Hazard(x)/y)
			if e := relErr(g.CumHazard(x), y); !(e <= tolH) {
				t.Errorf("shape %g: CumHazard(InvCumHazard(%g)) = %.17g, relative error %.3g > %.3g", a, y, g.CumHazard(x), e, tolH)
			}
		}
	}
}

func TestNormalUpperTailInversion(t *testing.T) {
	// z with -log(1-Φ(z)) = y, checked through normLogSurv, from y = 1e-300
	// (z = -37) past the underflow of e^{-y} at y ≈ 745 to y = 1e6 (z = 1414).
	// dy/dz = φ/(1-Φ) = normHazard(z), so a relative error of a few ε in z (AS
	// 241's accuracy) is a relative error 8ε·|z|·normHazard(z)/y in y: about
	// 20² ε at z = -20, where y ≈ Φ(z) is tiny, and 16ε in the upper tail.
	for _, y := range timeGrid(1e-300, 1e6, 400) {
		z := normZAtCumHaz(y)
		back := -normLogSurv(z)
		tol := 1e-14 + 8*eps*math.Abs(z)*normHazard(z)/y
		if e := relErr(back, y); !(e <= tol) {
			t.Errorf("y=%g: z = %.17g, -log(1-Φ(z)) = %.17g, relative error %.3g > %.3g", y, z, back, e, tol)
		}
	}
}
