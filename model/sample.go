package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// validateSample checks a sample uncertainty on its own: a group name and at
// least two finite values.
func validateSample(u Uncertainty) error {
	if !identRe.MatchString(u.Group) {
		return fmt.Errorf("sample group %q must be a name matching [a-z][a-z0-9_]* (the same for every parameter of one joint sample)", u.Group)
	}
	if len(u.values()) < 2 {
		return fmt.Errorf("a sample needs at least 2 values (got %d)", len(u.values()))
	}
	for i, x := range u.values() {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("sample value %d is %v: every value must be a finite number", i+1, x)
		}
	}
	return nil
}

// validateSamples checks each sample group as a whole: its parameters have
// as many values (rows of one joint sample).
func (m *Model) validateSamples(ps *Problems) {
	size := map[string]int{}
	first := map[string]string{}
	for i, p := range m.Parameters {
		u := p.Uncertainty
		if u == nil || u.Family != UncSample {
			continue
		}
		n, seen := size[u.Group]
		if !seen {
			size[u.Group], first[u.Group] = len(u.values()), p.Name
			continue
		}
		if n != len(u.values()) {
			ps.add(fmt.Sprintf("parameters[%d].uncertainty.values", i), fmt.Sprintf("parameter %q", p.Name),
				"sample group %q: %q has %d values but %q has %d; the parameters of one sample are its columns, with one value per row",
				u.Group, p.Name, len(u.values()), first[u.Group], n)
		}
	}
}

// drawSamples sets the sample parameters of a draw: every parameter of a
// group takes row k = ⌊u·n⌋ of its values, with u the uniform of the group's
// parameter first in name order (so that the row does not depend on the
// order the file lists them in).
func (m *Model) drawSamples(vals Values, groups map[string][]int, u func(i int) float64) {
	for _, idx := range groups {
		lead := slices.MinFunc(idx, func(a, b int) int { return cmp.Compare(m.Parameters[a].Name, m.Parameters[b].Name) })
		n := len(m.Parameters[lead].Uncertainty.values())
		k := min(int(u(lead)*float64(n)), n-1)
		for _, i := range idx {
			if vs := m.Parameters[i].Uncertainty.values(); k < len(vs) {
				vals[m.Parameters[i].Name] = vs[k]
			}
		}
	}
}

// sampleQuantile is the p quantile of xs, R's default type 7.
func sampleQuantile(xs []float64, p float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	h := (float64(len(s)) - 1) * p
	lo := int(math.Floor(h))
	if lo+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
}

func sampleMean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// sameUncertainty reports whether two uncertainties are the same distribution.
func sameUncertainty(a, b Uncertainty) bool {
	return a.Family == b.Family && a.A == b.A && a.B == b.B && a.Group == b.Group && slices.Equal(a.values(), b.values())
}
