package model

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// DrawValues returns a parameter set drawn from the parameters' uncertainty
// distributions by inversion, one uniform per parameter: u(i) in (0, 1) is the
// uniform of m.Parameters[i]. A parameter with a univariate uncertainty takes
// its Quantile at u(i). The parameters of a Dirichlet group are drawn jointly:
// g_i is the Gamma(a_i, 1) quantile at u(i) and p_i = g_i / Σ_group g, since
// independent Gamma(a_i, 1) variates divided by their sum are
// Dirichlet(a_1, ..., a_k) (Devroye 1986, Non-Uniform Random Variate
// Generation, §XI.4.1); each component's marginal is Beta(a_i, Σa − a_i).
// Inversion keeps every value a smooth function of its own uniform, so keyed
// uniforms give reproducible draws. Parameters without an uncertainty, or
// with a fixed one, keep their value.
//
// A group's sum is taken in the order of its parameters' names, so the values
// do not depend on the order the parameters are listed in.
func (m *Model) DrawValues(u func(i int) float64) Values {
	u = m.copula(u)
	vals := m.Values()
	groups := map[string][]string{}
	samples := map[string][]int{}
	for i, p := range m.Parameters {
		unc := p.Uncertainty
		switch {
		case unc == nil || unc.Family == UncFixed:
		case unc.Family == UncSample:
			samples[unc.Group] = append(samples[unc.Group], i)
		case unc.Family == UncDirichlet:
			vals[p.Name] = distuv.Gamma{Alpha: unc.A, Beta: 1}.Quantile(u(i))
			groups[unc.Group] = append(groups[unc.Group], p.Name)
		default:
			vals[p.Name] = unc.Quantile(u(i))
		}
	}
	for _, names := range groups {
		slices.Sort(names)
		sum := 0.0
		for _, n := range names {
			sum += vals[n]
		}
		for _, n := range names {
			vals[n] /= sum
		}
	}
	m.drawSamples(vals, samples, u)
	m.derive(vals)
	return vals
}

// validateGroups checks each Dirichlet group as a whole: at least two
// parameters, whose values (the probabilities of one branch, before any
// draw) sum to 1. The problem is reported at the group's last parameter.
func (m *Model) validateGroups(ps *Problems) {
	type group struct {
		names []string
		sum   float64
		last  int // index of the last member
	}
	groups := map[string]*group{}
	var order []string
	for i, p := range m.Parameters {
		unc := p.Uncertainty
		if unc == nil || unc.Family != UncDirichlet || unc.Group == "" {
			continue
		}
		g := groups[unc.Group]
		if g == nil {
			g = &group{}
			groups[unc.Group] = g
			order = append(order, unc.Group)
		}
		g.names = append(g.names, p.Name)
		g.sum += p.Value
		g.last = i
	}
	for _, name := range order {
		g := groups[name]
		path := fmt.Sprintf("parameters[%d].uncertainty", g.last)
		where := fmt.Sprintf("parameter %q", m.Parameters[g.last].Name)
		switch {
		case len(g.names) < 2:
			ps.add(path+".group", where, "dirichlet group %q has only this parameter: a group is the probabilities of the arms of one branch (at least 2), each with the same group", name)
		case math.Abs(g.sum-1) > sumTol:
			ps.add(path+".group", where, "the values of dirichlet group %q (%s) sum to %v; they must sum to 1 (the probabilities of one branch's arms)",
				name, strings.Join(g.names, ", "), g.sum)
		}
	}
}
