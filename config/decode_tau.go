package config

import "math"

// tau reads an endpoint's RMST window: a time > 0 (a number in the model's
// unit or a duration). The model reads 0 as "the horizon", so an explicit 0
// or less is reported here; past the horizon is the model's check.
func (d *decoder) tau(n *node, path, where string) float64 {
	x, ok := d.number(n, path, where, timed, false)
	if !ok {
		return 0
	}
	if !(x > 0) || math.IsInf(x, 0) {
		d.iss.at(n, path, where, "tau is the window of the restricted mean: a time > 0 and ≤ the horizon, such as 48 or 4y (got %v); leave it out for the horizon", x)
		return 0
	}
	return x
}
