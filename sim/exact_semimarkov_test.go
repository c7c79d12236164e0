package sim

import (
	"fmt"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// A clock-reset Weibull model with a cycle (relapse ⇄ remission, both → death)
// is semi-Markov: its occupancy solves a pair of renewal equations. With a(t),
// b(t) the densities of (re-)entry into relapse (A) and remission (B), f_XY the
// sub-density of leaving X for Y at sojourn s (h_XY(s)·S_X(s)) and S_X the
// sojourn survival of X:
//
//	b(t) = f_AB(t) + ∫₀ᵗ a(u) f_AB(t−u) du,    a(t) = ∫₀ᵗ b(u) f_BA(t−u) du,
//	P_A(t) = S_A(t) + ∫₀ᵗ a(u) S_A(t−u) du,   P_B(t) = ∫₀ᵗ b(u) S_B(t−u) du.
//
// renewalOccupancy discretises them with step dt: densities become point
// masses at t_k = k·dt holding the mass of [t_k − dt/2, t_k + dt/2) (the first
// bucket takes [0, 3dt/2)), so the convolutions are midpoint sums, accurate to
// O(dt²) for shapes > 1; an entry at t_k is half-counted in P(t_k). The mass of
// leaving X for Y over [a, b] is (ΔH_XY/ΔH_X)·(S_X(a) − S_X(b)), exact when the
// cause-specific hazards are proportional over the step.
var renewalExits = struct{ ab, ad, ba, bd [2]float64 }{ // shape, scale (months)
	ab: [2]float64{1.3, 5}, ad: [2]float64{1.2, 30}, ba: [2]float64{1.6, 14}, bd: [2]float64{1.1, 60},
}

func weibullH(p [2]float64, t float64) float64 { return math.Pow(t/p[1], p[0]) }

func renewalOccupancy(dt, horizon float64) (pa, pb []float64) {
	n := int(math.Round(horizon / dt))
	e := renewalExits
	sA := func(t float64) float64 { return math.Exp(-weibullH(e.ab, t) - weibullH(e.ad, t)) }
	sB := func(t float64) float64 { return math.Exp(-weibullH(e.ba, t) - weibullH(e.bd, t)) }
	mass := func(to, other [2]float64, a, b float64) float64 {
		dTo := weibullH(to, b) - weibullH(to, a)
		dAll := dTo + weibullH(other, b) - weibullH(other, a)
		sa, sb := math.Exp(-weibullH(to, a)-weibullH(other, a)), math.Exp(-weibullH(to, b)-weibullH(other, b))
		return dTo / dAll * (sa - sb)
	}
	fAB, fBA := make([]float64, n+1), make([]float64, n+1)
	for m := 1; m <= n; m++ {
		lo, hi := (float64(m)-0.5)*dt, (float64(m)+0.5)*dt
		if m == 1 {
			lo = 0
		}
		fAB[m], fBA[m] = mass(e.ab, e.ad, lo, hi), mass(e.ba, e.bd, lo, hi)
	}
	// a[k], b[k]: mass of entering A, B at t_k; a[0] = 1 is the start.
	a, b := make([]float64, n+1), make([]float64, n+1)
	a[0] = 1
	for k := 1; k <= n; k++ {
		for u := 0; u < k; u++ {
			b[k] += a[u] * fAB[k-u]
			a[k] += b[u] * fBA[k-u]
		}
	}
	pa, pb = make([]float64, n+1), make([]float64, n+1)
	for k := 0; k <= n; k++ {
		t := float64(k) * dt
		x, y := sA(t), 0.0
		for u := 1; u <= k; u++ {
			w := 1.0
			if u == k {
				w = 0.5
			}
			x += w * a[u] * sA(t-float64(u)*dt)
			y += w * b[u] * sB(t-float64(u)*dt)
		}
		pa[k], pb[k] = x, y
	}
	return pa, pb
}

func renewalModel() *model.Model {
	e := renewalExits
	return &model.Model{Name: "renewal-weibull", Unit: model.Month, Horizon: 60, States: []model.State{
		{Name: "relapse", Initial: model.Num(1), Exits: []model.Exit{
			weibullExit("remission", e.ab[0], e.ab[1]), weibullExit("death", e.ad[0], e.ad[1])}},
		{Name: "remission", Exits: []model.Exit{
			weibullExit("relapse", e.ba[0], e.ba[1]), weibullExit("death", e.bd[0], e.bd[1])}},
		{Name: "death"},
	}}
}

// TestClockResetWeibullMatchesRenewalEquations: occupancy of relapse and
// remission at months 0..60 within 4 SE of the renewal-equation solution. The
// discretisation error is itself bounded: the solutions at dt and dt/2 must
// agree to a tenth of the Monte Carlo SE, else the reference is not exact enough.
func TestClockResetWeibullMatchesRenewalEquations(t *testing.T) {
	const n = 1_000_000
	r := mustRun(t, renewalModel(), Options{Patients: n, Seed: 99, Step: 1})
	const dt = 0.02
	pa, pb := renewalOccupancy(dt, 60)
	pa2, pb2 := renewalOccupancy(dt/2, 60)
	for k, tm := range r.Grid {
		i, i2 := int(math.Round(tm/dt)), int(math.Round(tm/(dt/2)))
		for _, c := range []struct {
			state       string
			exact, fine float64
		}{{"relapse", pa[i], pa2[i2]}, {"remission", pb[i], pb2[i2]}} {
			se := math.Sqrt(c.fine * (1 - c.fine) / n)
			if d := math.Abs(c.exact - c.fine); se > 0 && d > se/10 {
				t.Fatalf("reference not converged at %s, month %g: dt and dt/2 differ by %.2g (SE %.2g)", c.state, tm, d, se)
			}
			got := r.States[stateIdx(r, c.state)].Occupancy[k].Value
			within(t, fmt.Sprintf("P(%s at month %g)", c.state, tm), got, c.fine, se, 4)
		}
	}
}
