package model

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Correlation is a declared rank correlation between two uncertain
// parameters: Spearman's ρ of their PSA draws, in (−1, 1).
type Correlation struct {
	A, B string  // the parameters' names
	Rank float64 // Spearman's rank correlation
}

// pearsonOfRank is the correlation r of a bivariate normal whose Spearman
// rank correlation is rho: r = 2 sin(π ρ / 6) (Pearson 1907; Kruskal 1958,
// "Ordinal measures of association", JASA 53:814). A Gaussian copula keeps
// ranks under the monotone marginal quantiles, so the parameters' Spearman ρ
// is the declared one exactly, whatever their distributions.
func pearsonOfRank(rho float64) float64 { return 2 * math.Sin(math.Pi*rho/6) }

// correlated returns the names of the parameters that take part in a
// correlation, sorted (the copula's order, so that draws do not depend on the
// order the file lists them in), and the Cholesky factor L of their normal
// correlation matrix (R = L Lᵀ); ok is false when R is not positive definite.
func (m *Model) correlated() (names []string, l *mat.TriDense, ok bool) {
	for _, c := range m.Correlations {
		names = append(names, c.A, c.B)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	r, ok := corrMatrix(names, m.Correlations)
	if !ok {
		return names, nil, false
	}
	var ch mat.Cholesky
	if !ch.Factorize(r) {
		return names, nil, false
	}
	l = &mat.TriDense{}
	ch.LTo(l)
	return names, l, true
}

// corrMatrix is the normal correlation matrix of names under cs.
func corrMatrix(names []string, cs []Correlation) (*mat.SymDense, bool) {
	r := mat.NewSymDense(len(names), nil)
	for i := range names {
		r.SetSym(i, i, 1)
	}
	for _, c := range cs {
		i, j := slices.Index(names, c.A), slices.Index(names, c.B)
		if i < 0 || j < 0 || i == j {
			return nil, false
		}
		r.SetSym(i, j, pearsonOfRank(c.Rank))
	}
	return r, true
}

// copula returns the uniforms of a draw with the correlated parameters' made
// dependent by a Gaussian copula: z = Φ⁻¹(u) of their own keyed uniforms,
// x = L z, u' = Φ(x) (e.g. Nelsen 2006, An Introduction to Copulas, §2.9).
// Parameters not correlated keep their own uniforms, so their draws are
// what they would be without correlations.
func (m *Model) copula(u func(i int) float64) func(i int) float64 {
	if len(m.Correlations) == 0 {
		return u
	}
	names, l, ok := m.correlated()
	if !ok {
		return u
	}
	idx := make(map[string]int, len(m.Parameters))
	for i, p := range m.Parameters {
		idx[p.Name] = i
	}
	z := make([]float64, len(names))
	for j, n := range names {
		z[j] = distuv.UnitNormal.Quantile(u(idx[n]))
	}
	out := map[int]float64{}
	for j, n := range names {
		x := 0.0
		for k := 0; k <= j; k++ {
			x += l.At(j, k) * z[k]
		}
		out[idx[n]] = distuv.UnitNormal.CDF(x)
	}
	return func(i int) float64 {
		if v, ok := out[i]; ok {
			return v
		}
		return u(i)
	}
}

// validateCorrelations checks the declared correlations: each names two
// different parameters of the model with a univariate uncertainty (not
// fixed, Dirichlet or derived), once per pair, with a rank in (−1, 1); and
// together they form a positive-definite correlation matrix. When they do
// not, the correlation whose addition (in the file's order) breaks it is
// named.
func (m *Model) validateCorrelations(ps *Problems) {
	if len(m.Correlations) == 0 {
		return
	}
	byName := map[string]Parameter{}
	for _, p := range m.Parameters {
		byName[p.Name] = p
	}
	seen := map[[2]string]bool{}
	bad := false
	for i, c := range m.Correlations {
		path := fmt.Sprintf("correlations[%d]", i)
		where := fmt.Sprintf("correlation of %s and %s", c.A, c.B)
		for _, n := range []string{c.A, c.B} {
			p, ok := byName[n]
			switch {
			case !ok:
				ps.add(path+".parameters", where, "unknown parameter %q", n)
			case p.IsDerived():
				ps.add(path+".parameters", where, "%q is derived (value = %s): it follows its inputs; correlate them instead", n, p.Expr)
			case p.Uncertainty == nil || p.Uncertainty.Family == UncFixed:
				ps.add(path+".parameters", where, "%q has no uncertainty distribution: only drawn parameters can be correlated", n)
			case p.Uncertainty.Family == UncSample:
				ps.add(path+".parameters", where, "%q is drawn from a sample (group %q), which carries its own correlations: it cannot also be correlated", n, p.Uncertainty.Group)
			case p.Uncertainty.Family == UncDirichlet:
				ps.add(path+".parameters", where, "%q is a component of dirichlet group %q, drawn jointly with its group: it cannot also be correlated", n, p.Uncertainty.Group)
			default:
				continue
			}
			bad = true
		}
		key := [2]string{min(c.A, c.B), max(c.A, c.B)}
		switch {
		case c.A == c.B:
			ps.add(path+".parameters", where, "a correlation is between two different parameters")
			bad = true
		case seen[key]:
			ps.add(path+".parameters", where, "the correlation of %s and %s is declared twice", c.A, c.B)
			bad = true
		}
		seen[key] = true
		if !(c.Rank > -1 && c.Rank < 1) {
			ps.add(path+".rank", where, "rank must lie strictly between -1 and 1 (got %v); for a parameter that moves with another exactly, make it a derived parameter", c.Rank)
			bad = true
		}
	}
	if bad {
		return
	}
	if _, _, ok := m.correlated(); ok {
		return
	}
	m.blameCorrelations(ps)
}

// blameCorrelations reports a correlation matrix that is not positive
// definite by the first three parameters whose ranks are impossible
// together (the usual case: a and b, and a and c, strongly correlated, but b
// and c not), at the last declared of their correlations; else at the last
// correlation, for the matrix as a whole.
func (m *Model) blameCorrelations(ps *Problems) {
	names, _, _ := m.correlated()
	rank := rankOf(m)
	last := func(ns ...string) int {
		k := -1
		for i, c := range m.Correlations {
			if slices.Contains(ns, c.A) && slices.Contains(ns, c.B) {
				k = i
			}
		}
		return k
	}
	for i := 0; i < len(names); i++ {
		for j := i + 1; j < len(names); j++ {
			for k := j + 1; k < len(names); k++ {
				tri := []string{names[i], names[j], names[k]}
				var cs []Correlation
				var parts []string
				for _, pr := range [][2]string{{tri[0], tri[1]}, {tri[0], tri[2]}, {tri[1], tri[2]}} {
					r, ok := rank[pr]
					show := fmt.Sprint(r)
					if !ok {
						show = "none (independent)"
					}
					parts = append(parts, fmt.Sprintf("%s–%s %s", pr[0], pr[1], show))
					if ok {
						cs = append(cs, Correlation{A: pr[0], B: pr[1], Rank: r})
					}
				}
				sub := &Model{Correlations: cs}
				if _, _, ok := sub.correlated(); ok || len(cs) < 2 {
					continue
				}
				at := last(tri...)
				c := m.Correlations[at]
				ps.add(fmt.Sprintf("correlations[%d].rank", at), fmt.Sprintf("correlation of %s and %s", c.A, c.B),
					"the rank correlations of %s, %s and %s are impossible together (%s): their correlation matrix is not positive definite; "+
						"weaken one, or declare the missing one (parameters not declared correlated are independent)", tri[0], tri[1], tri[2], strings.Join(parts, ", "))
				return
			}
		}
	}
	at := len(m.Correlations) - 1
	c := m.Correlations[at]
	ps.add(fmt.Sprintf("correlations[%d].rank", at), fmt.Sprintf("correlation of %s and %s", c.A, c.B),
		"the declared rank correlations (of %s) are impossible together: their correlation matrix is not positive definite; weaken some of them", strings.Join(names, ", "))
}
