package config

import (
	"fmt"

	"github.com/blinasim/blinasim/model"
	"go.yaml.in/yaml/v3"
)

// correlationPlace is an item of `correlations:`: {parameters: [a, b], rank: 0.5}.
var correlationPlace = &place{what: "correlation", keys: []string{"parameters", "rank"}}

// correlation reads {parameters: [a, b], rank: 0.5}.
func (d *decoder) correlation(n *node, path string) model.Correlation {
	var c model.Correlation
	where := "correlation"
	pn := n.val("parameters")
	names := d.names(pn, keyPath(path, "parameters"), where)
	switch {
	case pn == nil:
		d.iss.at(n, path, where, "a correlation needs parameters: the two parameters correlated, e.g. [p_cr, p_mrd]")
	case len(names) != 2 && pn.kind == listNode:
		d.iss.at(pn, keyPath(path, "parameters"), where, "a correlation is between exactly two parameters (got %d); declare one correlation per pair", len(names))
	case len(names) == 2:
		c.A, c.B = names[0], names[1]
	}
	if rn := n.val("rank"); rn == nil {
		d.iss.at(n, path, where, "a correlation needs rank: Spearman's rank correlation, between -1 and 1")
	} else {
		c.Rank, _ = d.number(rn, keyPath(path, "rank"), fmt.Sprintf("correlation of %s and %s", c.A, c.B), plain, false)
	}
	return c
}

func marshalCorrelation(c model.Correlation) *yaml.Node {
	m := &ymap{}
	m.add("parameters", flowList(2, func(i int) *yaml.Node { return str([]string{c.A, c.B}[i]) }))
	m.add("rank", num(c.Rank))
	m.n.Style = yaml.FlowStyle
	return &m.n
}
