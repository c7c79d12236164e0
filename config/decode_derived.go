package config

import (
	"strconv"
	"strings"
)

// paramValue reads a parameter's value: a number, a duration, or an
// expression of other parameters ("q0 + (1 - q0) * c", "p_cr", "expit(x)"),
// returned as text for model.Validate to parse and check (it reports syntax
// errors, unknown names and cycles with this value's line).
func (d *decoder) paramValue(n *node, path, where string) (float64, string) {
	if n != nil && n.kind == scalarNode && n.tag == "str" {
		s := strings.TrimSpace(n.text)
		if _, err := strconv.ParseFloat(s, 64); err != nil && !durationRe.MatchString(s) && s != "" {
			return 0, s
		}
	}
	x, _ := d.number(n, path, where, timed, false)
	return x, ""
}
