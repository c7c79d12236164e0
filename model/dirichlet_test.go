package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

// dirichletModel is validModel with a three-arm response branch whose
// probabilities p0, p1, p2 form the Dirichlet group "arms" with concentrations
// a, plus a gamma-uncertain hazard h between them (its draw must not disturb
// the group's).
func dirichletModel(a [3]float64) *Model {
	m := validModel()
	a0 := a[0] + a[1] + a[2]
	dir := func(i int) Parameter {
		return Parameter{Name: fmt.Sprintf("p%d", i), Value: a[i] / a0, Source: "assumption: test",
			Uncertainty: &Uncertainty{Family: UncDirichlet, A: a[i], Group: "arms"}}
	}
	m.Parameters = []Parameter{dir(0), dir(1),
		{Name: "h", Value: 0.1, Source: "assumption: test", Uncertainty: &Uncertainty{Family: UncGamma, A: 4, B: 40}},
		dir(2)}
	m.States = append(m.States, State{Name: "refractory", Exits: []Exit{{To: "death", Dist: DistSpec{Family: FamExponential, Rate: Ref("h").ptr()}}}})
	m.States[0].Exits[0].Branch = []Destination{{To: "remission", Prob: Ref("p0")}, {To: "refractory", Prob: Ref("p1")}, {To: "death", Prob: Ref("p2")}}
	return m
}

func (q Quantity) ptr() *Quantity { return &q }

// TestDirichletMarginalsAreBeta: drawn by normalised gamma quantiles, each
// component of Dirichlet(a) has the marginal Beta(a_i, a₀ − a_i) (e.g.
// Devroye 1986, §XI.4). For 10 000 draws (uniforms from a fixed PCG stream),
// the Kolmogorov-Smirnov distance to that Beta's CDF (mathext.RegIncBeta) is
// below 1.95/√n, the 0.1% critical value, and the sample mean and variance
// lie within 4 standard errors of a_i/a₀ and a_i(a₀−a_i)/(a₀²(a₀+1)). The
// components sum to 1 within 4 ulps, and h keeps its gamma quantile.
func TestDirichletMarginalsAreBeta(t *testing.T) {
	const n = 10_000
	for _, a := range [][3]float64{{2, 3, 5}, {29, 20, 15}, {0.5, 0.5, 1}} {
		t.Run(fmt.Sprint(a), func(t *testing.T) {
			m := dirichletModel(a)
			if err := m.Validate(); err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			draws := make([][3]float64, n)
			us := make([]float64, len(m.Parameters))
			for d := range draws {
				for i := range us {
					us[i] = rng.Float64()
				}
				vals := m.DrawValues(func(i int) float64 { return us[i] })
				draws[d] = [3]float64{vals["p0"], vals["p1"], vals["p2"]}
				if s := vals["p0"] + vals["p1"] + vals["p2"]; math.Abs(s-1) > 4*0x1p-52 {
					t.Fatalf("draw %d sums to %.17g", d, s)
				}
				if want := m.Parameters[2].Uncertainty.Quantile(us[2]); vals["h"] != want {
					t.Fatalf("draw %d: h = %v, want its gamma quantile %v", d, vals["h"], want)
				}
			}
			a0 := a[0] + a[1] + a[2]
			for i := range 3 {
				xs := make([]float64, n)
				for d := range draws {
					xs[d] = draws[d][i]
				}
				slices.Sort(xs)
				ks := 0.0
				for k, x := range xs {
					f := mathext.RegIncBeta(a[i], a0-a[i], x)
					ks = math.Max(ks, math.Max(math.Abs(float64(k+1)/n-f), math.Abs(f-float64(k)/n)))
				}
				if crit := 1.95 / math.Sqrt(n); ks > crit {
					t.Errorf("component %d: KS distance %.4f to Beta(%g, %g) > %.4f", i, ks, a[i], a0-a[i], crit)
				}
				mean, v := meanVar(xs)
				wantMean, wantVar := a[i]/a0, a[i]*(a0-a[i])/(a0*a0*(a0+1))
				if se := math.Sqrt(wantVar / n); math.Abs(mean-wantMean) > 4*se {
					t.Errorf("component %d: mean %.5f, want %.5f ± 4·%.5f", i, mean, wantMean, se)
				}
				// SE of a sample variance: √((μ₄ − σ⁴)/n), with μ₄ ≤ 3σ⁴ for
				// a Beta's kurtosis ≤ 3 here; so ≤ σ²√(2/n).
				if se := wantVar * math.Sqrt(2.0/n); math.Abs(v-wantVar) > 4*se {
					t.Errorf("component %d: variance %.6f, want %.6f ± 4·%.6f", i, v, wantVar, se)
				}
			}
		})
	}
}

func meanVar(xs []float64) (mean, v float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		v += (x - mean) * (x - mean)
	}
	return mean, v / float64(len(xs)-1)
}

// TestDrawValuesKeepsFixedParameters: a parameter without an uncertainty or
// with a fixed one keeps its value; a univariate one takes its quantile.
func TestDrawValuesKeepsFixedParameters(t *testing.T) {
	m := validModel()
	m.Parameters = append(m.Parameters,
		Parameter{Name: "f", Value: 3, Source: "t", Uncertainty: &Uncertainty{Family: UncFixed}},
		Parameter{Name: "b", Value: 0.5, Source: "t", Uncertainty: &Uncertainty{Family: UncBeta, A: 2, B: 2}})
	vals := m.DrawValues(func(int) float64 { return 0.25 })
	if vals["p_cr"] != 0.45 || vals["f"] != 3 {
		t.Errorf("fixed parameters changed: %v", vals)
	}
	if want := (Uncertainty{Family: UncBeta, A: 2, B: 2}).Quantile(0.25); vals["b"] != want {
		t.Errorf("b = %v, want qbeta(0.25, 2, 2) = %v", vals["b"], want)
	}
}
