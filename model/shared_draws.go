package model

import (
	"cmp"
	"fmt"
	"slices"
)

// DrawConflicts lists what two scenarios disagree on that PSA draws are keyed
// by: a parameter both draw (an uncertainty other than fixed) with different
// distributions, or a different rank correlation (none counts as 0) between
// two parameters both draw. Draws are keyed by name, so such scenarios would
// share one uniform between different distributions (ranks correlated 1),
// silently narrowing the band of their difference. A parameter drawn in one
// scenario and fixed in the other is no conflict.
func DrawConflicts(a, b *Model) []string {
	da, db := drawnUncertainties(a), drawnUncertainties(b)
	var out []string
	for _, p := range a.Parameters {
		ua, ub := da[p.Name], db[p.Name]
		if ua != nil && ub != nil && !sameUncertainty(*ua, *ub) {
			out = append(out, fmt.Sprintf("parameter %q: %s here, %s there", p.Name, describeUncertainty(*ua), describeUncertainty(*ub)))
		}
	}
	ra, rb := rankOf(a), rankOf(b)
	var pairs [][2]string
	for k := range ra {
		pairs = append(pairs, k)
	}
	for k := range rb {
		if _, ok := ra[k]; !ok {
			pairs = append(pairs, k)
		}
	}
	slices.SortFunc(pairs, func(x, y [2]string) int {
		if x[0] != y[0] {
			return cmp.Compare(x[0], y[0])
		}
		return cmp.Compare(x[1], y[1])
	})
	for _, k := range pairs {
		x, okx := ra[k]
		y, oky := rb[k]
		if x == y || da[k[0]] == nil || da[k[1]] == nil || db[k[0]] == nil || db[k[1]] == nil {
			continue
		}
		show := func(v float64, ok bool) string {
			if !ok {
				return "none"
			}
			return fmt.Sprint(v)
		}
		out = append(out, fmt.Sprintf("the rank correlation of %s and %s: %s here, %s there", k[0], k[1], show(x, okx), show(y, oky)))
	}
	return out
}

func drawnUncertainties(m *Model) map[string]*Uncertainty {
	out := map[string]*Uncertainty{}
	for _, p := range m.Parameters {
		if u := p.Uncertainty; u != nil && u.Family != UncFixed && !p.IsDerived() {
			out[p.Name] = u
		}
	}
	return out
}

func rankOf(m *Model) map[[2]string]float64 {
	out := map[[2]string]float64{}
	for _, c := range m.Correlations {
		out[[2]string{min(c.A, c.B), max(c.A, c.B)}] = c.Rank
	}
	return out
}

// describeUncertainty writes beta(5, 5), dirichlet(3; group g).
func describeUncertainty(u Uncertainty) string {
	if u.Family == UncSample {
		return fmt.Sprintf("sample(%d values, mean %.4g; group %s)", len(u.values()), sampleMean(u.values()), u.Group)
	}
	if u.Family == UncDirichlet {
		return fmt.Sprintf("dirichlet(%v; group %s)", u.A, u.Group)
	}
	return fmt.Sprintf("%s(%v, %v)", u.Family, u.A, u.B)
}
