package model

import (
	"math"
	"testing"
)

// Identities every distribution must satisfy, checked over a grid of times
// (and of cumulative hazards) for every case of distCases. Tolerances are
// rounding errors scaled by the problem's condition number where the identity
// is ill-conditioned: an error δ in H moves the inverse by δ/h(t), so a
// relative error ε·H in H gives a relative error ε·H/(t·h) in t.

const eps = 0x1p-52 // float64 machine epsilon

// identityGrid returns times from 1e-4 to c.tmax where the hazard is positive
// and the probability of an event after t, S(t) - S(∞), is at least 1e-7:
// beyond, H(t) rounds to H(∞) in a defective case and t cannot be recovered.
func identityGrid(c distCase) []float64 {
	out := make([]float64, 0, 80)
	s := plateau(c.d)
	for _, t := range timeGrid(1e-4, c.tmax, 80) {
		if c.d.Survival(t)-s >= 1e-7 && c.d.Hazard(t) > 0 {
			out = append(out, t)
		}
	}
	return out
}

func TestDistInvCumHazardOfCumHazard(t *testing.T) {
	for _, c := range distCases() {
		t.Run(c.name, func(t *testing.T) {
			for _, x := range identityGrid(c) {
				h, hz := c.d.CumHazard(x), c.d.Hazard(x)
				got := c.d.InvCumHazard(h)
				tol := 1e-12 + 16*eps*h/(x*hz)
				if e := relErr(got, x); !(e <= tol) {
					t.Errorf("InvCumHazard(CumHazard(%g) = %g) = %.17g, relative error %.3g > %.3g", x, h, got, e, tol)
				}
			}
		})
	}
}

func TestDistCumHazardOfInvCumHazard(t *testing.T) {
	for _, c := range distCases() {
		t.Run(c.name, func(t *testing.T) {
			ymax := 50.0
			if s := plateau(c.d); s > 0 {
				ymax = -0.95 * math.Log(s) // stay clear of H(∞), where H is flat
			}
			for _, y := range timeGrid(1e-8, ymax, 60) {
				x := c.d.InvCumHazard(y)
				got := c.d.CumHazard(x)
				// A relative error ε in t moves H by ε·t·h/H relative.
				tol := 1e-12 * math.Max(1, x*c.d.Hazard(x)/y)
				if e := relErr(got, y); !(e <= tol) {
					t.Errorf("CumHazard(InvCumHazard(%g) = %.17g) = %.17g, relative error %.3g > %.3g", y, x, got, e, tol)
				}
			}
		})
	}
}

func TestDistQuantileOfCDF(t *testing.T) {
	for _, c := range distCases() {
		t.Run(c.name, func(t *testing.T) {
			for _, x := range identityGrid(c) {
				p := c.d.CDF(x)
				got := c.d.Quantile(p)
				// An error of a few ε·p in p moves the quantile by that over f(t).
				f := c.d.Hazard(x) * c.d.Survival(x)
				tol := 1e-12 + 16*eps*p/(x*f)
				if e := relErr(got, x); !(e <= tol) {
					t.Errorf("Quantile(CDF(%g) = %.17g) = %.17g, relative error %.3g > %.3g", x, p, got, e, tol)
				}
			}
		})
	}
}

func TestDistSurvivalCDFAndCumHazardAgree(t *testing.T) {
	for _, c := range distCases() {
		t.Run(c.name, func(t *testing.T) {
			for _, x := range timeGrid(1e-4, c.tmax, 80) {
				h, s, f := c.d.CumHazard(x), c.d.Survival(x), c.d.CDF(x)
				// exp(-H) turns an absolute error ε·H in H into a relative one.
				if e, tol := relErr(s, math.Exp(-h)), 8*eps*(1+h); !(e <= tol) {
					t.Errorf("t=%g: Survival %.17g, exp(-CumHazard) %.17g: relative error %.3g > %.3g", x, s, math.Exp(-h), e, tol)
				}
				if e := math.Abs(s + f - 1); !(e <= 4*eps) {
					t.Errorf("t=%g: Survival + CDF = %.17g", x, s+f)
				}
			}
			if s, f := c.d.Survival(0), c.d.CDF(0); s != 1 || f != 0 || c.d.CumHazard(0) != 0 {
				t.Errorf("at t=0: Survival %g, CDF %g, CumHazard %g; want 1, 0, 0", s, f, c.d.CumHazard(0))
			}
		})
	}
}

func TestDistHazardIsDerivativeOfCumHazard(t *testing.T) {
	// Central difference with step δ = 1e-5·t: its truncation error δ²·H'''/6
	// is of order 1e-10·h, far below the stated 1e-6 relative tolerance; its
	// rounding error ε·H/δ is too, except where h ≪ H/t (near a plateau), and
	// points where it exceeds 1e-8·h are skipped: the difference cannot
	// resolve h there (TestCureHazard checks those by the closed form).
	const tol = 1e-6
	for _, c := range distCases() {
		t.Run(c.name, func(t *testing.T) {
			n := 0
			defer func() {
				if n < 30 {
					t.Errorf("only %d points checked; want at least 30", n)
				}
			}()
			for _, x := range identityGrid(c) {
				d := 1e-5 * x
				if nearBreak(c.d, x, 2*d) {
					continue // the hazard jumps at a piecewise break
				}
				if eps*c.d.CumHazard(x)/d > 1e-8*c.d.Hazard(x) {
					continue
				}
				n++
				num := (c.d.CumHazard(x+d) - c.d.CumHazard(x-d)) / (2 * d)
				if e := relErr(c.d.Hazard(x), num); !(e <= tol) {
					t.Errorf("t=%g: Hazard %.12g, central difference of CumHazard %.12g: relative error %.3g", x, c.d.Hazard(x), num, e)
				}
			}
		})
	}
}

// nearBreak reports whether t is within d of a break of a Piecewise (itself or
// as the base of a Cure).
func nearBreak(dist Distribution, t, d float64) bool {
	if c, ok := dist.(Cure); ok {
		dist = c.Base
	}
	p, ok := dist.(Piecewise)
	if !ok {
		return false
	}
	for _, b := range p.Breaks {
		if math.Abs(t-b) < d {
			return true
		}
	}
	return false
}

func TestCureHazard(t *testing.T) {
	// h = (1-c)·f₀/S = (1-c)·h₀·S₀/(c + (1-c)·S₀), the defining formula, over
	// the whole grid including the plateau.
	for _, c := range baseDistCases() {
		cure := Cure{Fraction: cureFraction, Base: c.d}
		for _, x := range timeGrid(1e-4, c.tmax, 80) {
			s0 := c.d.Survival(x)
			want := (1 - cureFraction) * c.d.Hazard(x) * s0 / (cureFraction + (1-cureFraction)*s0)
			if e := relErr(cure.Hazard(x), want); !(e <= 1e-13*(1+c.d.CumHazard(x))) {
				t.Errorf("%s, t=%g: cured Hazard %.17g, (1-c)·h₀·S₀/S %.17g: relative error %.3g", c.name, x, cure.Hazard(x), want, e)
			}
		}
	}
}

func TestDistFlatPieceInvertsToItsStart(t *testing.T) {
	// Rates 0.3 on [0, 2), 0 on [2, 5): H = 0.6 on all of [2, 5], and the
	// smallest t with H(t) ≥ 0.6 is 2.
	p := Piecewise{Breaks: []float64{0, 2, 5}, Rates: []float64{0.3, 0, 0.1}}
	for _, x := range []float64{2, 3, 4.999} {
		if got := p.InvCumHazard(p.CumHazard(x)); got != 2 {
			t.Errorf("InvCumHazard(CumHazard(%g)) = %.17g, want 2", x, got)
		}
		if got := p.Quantile(p.CDF(x)); math.Abs(got-2) > 1e-14 {
			t.Errorf("Quantile(CDF(%g)) = %.17g, want 2", x, got)
		}
	}
}

func TestDistPlateau(t *testing.T) {
	for _, c := range distCases() {
		s := plateau(c.d)
		if s == 0 {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			if got := c.d.Survival(1e300); !(relErr(got, s) <= 1e-12) {
				t.Errorf("Survival(1e300) = %.17g, want the plateau %.17g", got, s)
			}
			if got := c.d.Quantile(1 - s + 1e-9); !math.IsInf(got, 1) {
				t.Errorf("Quantile(1 - plateau + 1e-9) = %g, want +Inf", got)
			}
			if got := c.d.Quantile(1 - s - 1e-6); math.IsInf(got, 0) || math.IsNaN(got) {
				t.Errorf("Quantile(1 - plateau - 1e-6) = %g, want finite", got)
			}
			if got := c.d.InvCumHazard(-math.Log(s) * (1 + 1e-9)); !math.IsInf(got, 1) {
				t.Errorf("InvCumHazard(H(∞)·(1 + 1e-9)) = %g, want +Inf", got)
			}
			if got := c.d.Mean(); !math.IsInf(got, 1) {
				t.Errorf("Mean() = %g, want +Inf for a defective distribution", got)
			}
		})
	}
}

func TestDistEdgeArguments(t *testing.T) {
	for _, c := range everyDist() {
		t.Run(c.name, func(t *testing.T) {
			if got := c.d.Quantile(1); !math.IsInf(got, 1) && c.name != "fixed" {
				t.Errorf("Quantile(1) = %g, want +Inf", got)
			}
			for _, p := range []float64{-0.1, 1.1, math.NaN()} {
				if got := c.d.Quantile(p); !math.IsNaN(got) {
					t.Errorf("Quantile(%g) = %g, want NaN", p, got)
				}
			}
			if got := c.d.InvCumHazard(math.NaN()); !math.IsNaN(got) {
				t.Errorf("InvCumHazard(NaN) = %g, want NaN", got)
			}
			if got := c.d.InvCumHazard(math.Inf(1)); !math.IsInf(got, 1) && c.name != "fixed" {
				t.Errorf("InvCumHazard(+Inf) = %g, want +Inf", got)
			}
			s := plateau(c.d)
			if got := c.d.CumHazard(math.Inf(1)); !(relErr(got, -math.Log(s)) <= 1e-15) {
				t.Errorf("CumHazard(+Inf) = %g, want H(∞) = %g", got, -math.Log(s))
			}
			if got := c.d.Survival(math.Inf(1)); !(relErr(got, s) <= 1e-15) {
				t.Errorf("Survival(+Inf) = %g, want S(∞) = %g", got, s)
			}
			for _, x := range []float64{-1, 0, 1e-300, 1e300, math.Inf(1)} {
				if got := c.d.Hazard(x); !(got >= 0) {
					t.Errorf("Hazard(%g) = %g, want ≥ 0", x, got)
				}
			}
		})
	}
}

func TestFixed(t *testing.T) {
	f := Fixed{Duration: 3}
	for _, tc := range []struct {
		t, h, s float64
	}{{0, 0, 1}, {2.999, 0, 1}, {3, math.Inf(1), 0}, {10, math.Inf(1), 0}} {
		if h, s, c := f.CumHazard(tc.t), f.Survival(tc.t), f.CDF(tc.t); h != tc.h || s != tc.s || c != 1-tc.s {
			t.Errorf("t=%g: CumHazard %g, Survival %g, CDF %g; want %g, %g, %g", tc.t, h, s, c, tc.h, tc.s, 1-tc.s)
		}
	}
	for _, y := range []float64{0, 1e-300, 1, 700, math.Inf(1)} {
		if got := f.InvCumHazard(y); got != 3 {
			t.Errorf("InvCumHazard(%g) = %g, want the duration 3 for every y ≥ 0", y, got)
		}
	}
	for _, p := range []float64{0, 0.5, 1} {
		if got := f.Quantile(p); got != 3 {
			t.Errorf("Quantile(%g) = %g, want 3", p, got)
		}
	}
	if f.Mean() != 3 || f.Hazard(1) != 0 || !math.IsInf(f.Hazard(3), 1) {
		t.Errorf("Mean %g, Hazard(1) %g, Hazard(3) %g; want 3, 0, +Inf", f.Mean(), f.Hazard(1), f.Hazard(3))
	}

	// Cured: S = 0.2 + 0.8·1{t < 3}; a draw is cured when e^{-y} ≤ 0.2.
	c := Cure{Fraction: 0.2, Base: f}
	if s := c.Survival(5); math.Abs(s-0.2) > 1e-15 {
		t.Errorf("cured Survival(5) = %g, want 0.2", s)
	}
	if h := c.CumHazard(5); !(relErr(h, -math.Log(0.2)) <= 1e-15) {
		t.Errorf("cured CumHazard(5) = %g, want -log 0.2", h)
	}
	if got := c.InvCumHazard(1); got != 3 { // e^{-1} = 0.37 > 0.2: uncured
		t.Errorf("cured InvCumHazard(1) = %g, want 3", got)
	}
	if got := c.InvCumHazard(2); !math.IsInf(got, 1) { // e^{-2} = 0.14 ≤ 0.2: cured
		t.Errorf("cured InvCumHazard(2) = %g, want +Inf", got)
	}
	if got := c.Quantile(0.79); got != 3 {
		t.Errorf("cured Quantile(0.79) = %g, want 3", got)
	}
	if got := c.Hazard(5); got != 0 {
		t.Errorf("cured Hazard(5) = %g, want 0 after the duration", got)
	}
}
