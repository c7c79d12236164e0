package sim

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// markovOccupancy returns P(in state j at t) for the reference model started in
// relapse, from the exact solution of the Kolmogorov forward equations of a
// constant-hazard model, P(t) = expm(Q·t) (gonum's mat.Exp: scaling and
// squaring with Padé approximants, Higham 2005).
func markovOccupancy(t float64) []float64 {
	n := len(referenceStates)
	idx := map[string]int{}
	for i, s := range referenceStates {
		idx[s] = i
	}
	qm := mat.NewDense(n, n, nil)
	for _, r := range referenceRates {
		i, j := idx[r.from], idx[r.to]
		qm.Set(i, j, qm.At(i, j)+r.rate*t)
		qm.Set(i, i, qm.At(i, i)-r.rate*t)
	}
	var p mat.Dense
	p.Exp(qm)
	out := make([]float64, n)
	for j := range out {
		out[j] = p.At(idx["relapse"], j)
	}
	return out
}

// TestReferenceOccupancyMatchesMatrixExponential is issue 2's exactness check:
// every occupancy value of the reference model at months 0..60, simulated with
// 10^6 patients, lies within 4 binomial standard errors of expm(Q t).
func TestReferenceOccupancyMatchesMatrixExponential(t *testing.T) {
	const n = 1_000_000
	r := mustRun(t, referenceModel(0), Options{Patients: n, Seed: 20261121, Step: 1})
	if len(r.Grid) != 61 {
		t.Fatalf("grid has %d points, want 61 (months 0..60)", len(r.Grid))
	}
	worst := 0.0
	for k, tm := range r.Grid {
		exact := markovOccupancy(tm)
		for j, s := range referenceStates {
			p := exact[j]
			se := math.Sqrt(p * (1 - p) / n)
			got := r.States[stateIdx(r, s)].Occupancy[k].Value
			within(t, fmt.Sprintf("P(%s at month %g)", s, tm), got, p, se, 4)
			if se > 0 {
				worst = math.Max(worst, math.Abs(got-p)/se)
			}
		}
	}
	t.Logf("largest deviation over 61×5 occupancy values: %.2f SE", worst)
}

// TestReferenceEndpointsMatchMatrixExponential checks curves derived from the
// same chain: overall survival S(t) = 1 − P(death at t), and the incidence of
// death from the start (no competing events, no censoring before the horizon)
// F(t) = P(death at t); both within 4 SE at every month, and the interval of
// each covers the exact value's neighbourhood (SE agrees with the binomial SE).
func TestReferenceEndpointsMatchMatrixExponential(t *testing.T) {
	const n = 400_000
	r := mustRun(t, referenceModel(0), Options{Patients: n, Seed: 7})
	os := r.Endpoints[endpointIdx(r, "os")]
	dead := r.Endpoints[endpointIdx(r, "dead")]
	if os.N != n || dead.N != n {
		t.Fatalf("denominators %d, %d; want %d", os.N, dead.N, n)
	}
	for k, tm := range r.Grid {
		pd := markovOccupancy(tm)[4]
		se := math.Sqrt(pd * (1 - pd) / n)
		within(t, fmt.Sprintf("OS(%g)", tm), os.Curve[k].Value, 1-pd, se, 4)
		within(t, fmt.Sprintf("F_death(%g)", tm), dead.Curve[k].Value, pd, se, 4)
		// Without censoring Greenwood's and the delta-method SEs equal the
		// binomial SE of the estimate (Pintilie 2006, §4.2).
		if s := os.Curve[k].Value; s > 0 && s < 1 {
			want := math.Sqrt(s * (1 - s) / n)
			if math.Abs(os.Curve[k].SE-want) > 1e-9 {
				t.Errorf("OS(%g) SE %.6g, want binomial %.6g", tm, os.Curve[k].SE, want)
			}
			if math.Abs(dead.Curve[k].SE-want) > 1e-9 {
				t.Errorf("F_death(%g) SE %.6g, want binomial %.6g", tm, dead.Curve[k].SE, want)
			}
		}
	}
	// RMST of OS = ∫₀⁶⁰ (1 − P_death(t)) dt by Simpson's rule on a fine grid.
	const steps = 6000
	h := 60.0 / steps
	area := 0.0
	for i := 0; i <= steps; i++ {
		w := 2.0
		switch {
		case i == 0 || i == steps:
			w = 1
		case i%2 == 1:
			w = 4
		}
		area += w * (1 - markovOccupancy(float64(i) * h)[4])
	}
	area *= h / 3
	within(t, "RMST(OS, 60)", os.RMST.Value, area, os.RMST.SE, 4)
}
