package config

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/blinasim/blinasim/model"
)

// numKind says what a number means, and so whether it may carry a time unit.
type numKind int

const (
	plain numKind = iota // a probability, a shape, a ratio: no unit
	timed                // a time: a bare number in the model's unit, or a duration (28d)
	rated                // a rate per model unit: never a duration
)

var (
	durationRe = regexp.MustCompile(`^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([a-zA-Z]+)$`)
	identRe    = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// decoder turns a resolved tree into a model, collecting issues as it goes.
type decoder struct {
	unit model.Unit // the model's unit, for converting durations; 0 if not (yet) known
	iss  issues
}

// quantity reads a number, a duration (time-valued keys only) or the name of a
// parameter. It reports what is wrong and returns ok = false.
func (d *decoder) quantity(n *node, path, where string, k numKind) (model.Quantity, bool) {
	if n != nil && n.kind == scalarNode && n.tag == "str" && identRe.MatchString(n.text) {
		return model.Ref(n.text), true
	}
	x, ok := d.number(n, path, where, k, true)
	return model.Num(x), ok
}

// number reads a number or, for a time, a duration converted to the model's
// unit. refs says whether the caller also accepts a parameter name (for the
// message only).
func (d *decoder) number(n *node, path, where string, k numKind, refs bool) (float64, bool) {
	want := "a number"
	if k == timed {
		want = "a number (in the model's unit) or a duration such as 28d, 6w, 2.8mo, 5y"
	}
	if refs {
		want += " or a parameter name"
	}
	switch {
	case n == nil || n.kind == nullNode:
		d.iss.at(n, path, where, "expected %s, got nothing", want)
		return 0, false
	case n.kind != scalarNode || n.tag == "bool":
		d.iss.at(n, path, where, "expected %s, not %s", want, n.describe())
		return 0, false
	case n.tag == "int" || n.tag == "float":
		return n.num, true
	}
	s := strings.TrimSpace(n.text)
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		return x, true // a quoted number ("0.25")
	}
	m := durationRe.FindStringSubmatch(s)
	switch {
	case m == nil && identRe.MatchString(s):
		d.iss.at(n, path, where, "expected %s, not the name %q: parameters can be named only in states, exits and branches", want, s)
		return 0, false
	case m == nil:
		d.iss.at(n, path, where, "expected %s, not %s", want, n.describe())
		return 0, false
	}
	x, _ := strconv.ParseFloat(m[1], 64)
	u, err := model.ParseUnit(m[2])
	switch {
	case err != nil:
		d.iss.at(n, path, where, "%q: unknown time unit %q (allowed: d, w, mo, y, or day, week, month, year)", s, m[2])
		return 0, false
	case k == rated:
		d.iss.at(n, path, where, "%q is a duration, but a rate is a bare number per model unit (per %s): "+
			"write e.g. 0.05, or give a median instead of a rate", s, d.unitName())
		return 0, false
	case k == plain:
		d.iss.at(n, path, where, "%q is a duration, but this key takes %s without a unit (durations go only on times: scale, median, duration, breaks, horizon, landmarks, tau, target time)", s, want)
		return 0, false
	case d.unit == 0:
		return math.NaN(), false // the missing unit is reported once, at `unit`
	}
	return d.unit.Convert(x, u), true
}

func (d *decoder) unitName() string {
	if d.unit == 0 {
		return "the model's unit"
	}
	return d.unit.String()
}

// quantities reads a list of quantities (piecewise breaks and rates).
func (d *decoder) quantities(n *node, path, where string, k numKind) []model.Quantity {
	if !d.isList(n, path, where, "numbers") {
		return nil
	}
	var out []model.Quantity // nil when empty, as when absent
	for i, it := range n.items {
		q, _ := d.quantity(it, itemPath("", path, i), where, k)
		out = append(out, q)
	}
	return out
}

// numbers reads a list of numbers (landmarks).
func (d *decoder) numbers(n *node, path, where string, k numKind) []float64 {
	if !d.isList(n, path, where, "numbers") {
		return nil
	}
	var out []float64
	for i, it := range n.items {
		x, _ := d.number(it, itemPath("", path, i), where, k, false)
		out = append(out, x)
	}
	return out
}

// integer reads a whole number (a target's sample size).
func (d *decoder) integer(n *node, path, where string) int {
	x, ok := d.number(n, path, where, plain, false)
	if ok && (x != math.Trunc(x) || math.Abs(x) > 1e15) {
		d.iss.at(n, path, where, "expected a whole number, not %v", x)
		return 0
	}
	return int(x)
}

// text reads free text or a name; any scalar is taken as written.
func (d *decoder) text(n *node, path, where string) string {
	switch {
	case n == nil || n.kind == nullNode:
		return ""
	case n.kind != scalarNode:
		d.iss.at(n, path, where, "expected text, not %s", n.describe())
		return ""
	}
	return n.text
}

// names reads a list of names (states): [relapse, death].
func (d *decoder) names(n *node, path, where string) []string {
	if n == nil || n.kind == nullNode {
		return nil
	}
	if !d.isList(n, path, where, "state names, such as [relapse, death]") {
		return nil
	}
	var out []string
	for i, it := range n.items {
		out = append(out, d.text(it, itemPath("", path, i), where))
	}
	return out
}

// choice reads one of a fixed set of words; def is returned when absent.
func (d *decoder) choice(n *node, path, where, def string, choices ...string) string {
	if n == nil || n.kind == nullNode {
		return def
	}
	s := d.text(n, path, where)
	for _, c := range choices {
		if strings.EqualFold(s, c) {
			return c
		}
	}
	if n.kind == scalarNode {
		d.iss.at(n, path, where, "unknown value %q %s", s, allowed(s, choices))
	}
	return def
}

// isList reports whether n is a list, and reports it when it is not.
func (d *decoder) isList(n *node, path, where, of string) bool {
	if n != nil && n.kind == listNode {
		return true
	}
	d.iss.at(n, path, where, "expected a list of %s, not %s", of, n.describe())
	return false
}
