package sim

import (
	"cmp"
	"math"
	"slices"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// correlatedModel has four uncertain parameters of different families; a–b
// and b–c are declared rank-correlated, a–c and everything with e not.
func correlatedModel() *model.Model {
	m := oneExitPSA(nil)
	m.Parameters = append(m.Parameters,
		model.Parameter{Name: "a", Value: 0.4, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncBeta, A: 20, B: 30}},
		model.Parameter{Name: "b", Value: 1, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncGamma, A: 4, B: 4}},
		model.Parameter{Name: "c", Value: 1, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncLogNormal, A: 0, B: 0.5}},
		model.Parameter{Name: "e", Value: 0, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncNormal, A: 0, B: 1}})
	m.Correlations = []model.Correlation{{A: "b", B: "a", Rank: 0.6}, {A: "b", B: "c", Rank: -0.4}}
	return m
}

// TestCorrelatedDraws draws 10⁴ parameter sets and checks each pair's
// Spearman ρ against the declared one (0 where none is declared) on Fisher's
// z scale, where the sampling SE of a Spearman ρ is √(1.06/(n − 3)) = 0.0103
// at n = 10⁴ (Fieller, Hartley and Pearson 1957, Biometrika 44:470); each
// lies within 4 SEs. Each marginal is unchanged: its draws' median is the
// distribution's median within 4 SEs (SE of a sample median √(1/4n)/f(m)
// on the uniform scale: 0.005).
func TestCorrelatedDraws(t *testing.T) {
	m := correlatedModel()
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	const n = 10_000
	names := []string{"a", "b", "c", "e"}
	cols := make([][]float64, len(names))
	for d := 1; d <= n; d++ {
		v := DrawValues(m, 7, d)
		for j, name := range names {
			cols[j] = append(cols[j], v[name])
		}
	}
	want := map[[2]string]float64{{"a", "b"}: 0.6, {"b", "c"}: -0.4}
	se := math.Sqrt(1.06 / (n - 3))
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			rho := want[[2]string{names[i], names[j]}]
			got := spearman(cols[i], cols[j])
			if z := math.Abs(math.Atanh(got)-math.Atanh(rho)) / se; z > 4 {
				t.Errorf("Spearman(%s, %s) = %.4f, want %v (%.1f SEs off on Fisher's z scale)", names[i], names[j], got, rho, z)
			}
		}
	}
	for j, name := range names {
		u := m.Parameters[slices.IndexFunc(m.Parameters, func(p model.Parameter) bool { return p.Name == name })].Uncertainty
		med := median(cols[j])
		// the draws' median, mapped back to the uniform scale, is 0.5 ± 4·0.005
		if p := cdfByBisection(u, med); math.Abs(p-0.5) > 4*0.005 {
			t.Errorf("%s: the draws' median %v is the %v quantile of its distribution, want 0.5", name, med, p)
		}
	}
	// Without correlations, a draw of an uncorrelated parameter is unchanged.
	plain := correlatedModel()
	plain.Correlations = nil
	if DrawValues(plain, 7, 3)["e"] != DrawValues(m, 7, 3)["e"] {
		t.Error("declaring correlations changed the draws of an uncorrelated parameter")
	}
}

// spearman is Pearson's correlation of the ranks (no ties in continuous draws).
func spearman(x, y []float64) float64 {
	rx, ry := ranks(x), ranks(y)
	n := float64(len(x))
	mean := (n + 1) / 2
	var sxy, sxx, syy float64
	for i := range rx {
		dx, dy := rx[i]-mean, ry[i]-mean
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	return sxy / math.Sqrt(sxx*syy)
}

func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	r := make([]float64, len(x))
	for k, i := range idx {
		r[i] = float64(k + 1)
	}
	return r
}

func median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// cdfByBisection inverts Quantile: the p with Quantile(p) = x.
func cdfByBisection(u *model.Uncertainty, x float64) float64 {
	lo, hi := 0.0, 1.0
	for range 60 {
		mid := (lo + hi) / 2
		if u.Quantile(mid) < x {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}
