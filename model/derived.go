package model

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Derived is a derived parameter: its expression and the parameters it reads.
type Derived struct {
	Name   string
	Expr   *Expr
	Inputs []string // the parameters the expression names, sorted
}

// IsDerived reports whether the parameter's value is an expression.
func (p Parameter) IsDerived() bool { return p.Expr != "" }

// Derived returns the model's derived parameters in evaluation order: each
// after every derived parameter it reads (a topological order; among
// parameters that do not depend on each other, the file's order). It leaves
// out what does not parse or takes part in a cycle, which Validate reports.
func (m *Model) Derived() []Derived {
	ds, _ := m.derivedOrder()
	return ds
}

// derivedOrder parses the derived parameters and orders them; cycle names
// one cycle among the rest, as a → b → a, or is nil.
func (m *Model) derivedOrder() (ds []Derived, cycle []string) {
	byName := map[string]Derived{}
	var names []string
	for _, p := range m.Parameters {
		if !p.IsDerived() {
			continue
		}
		e, err := ParseExpr(p.Expr)
		if err != nil {
			continue
		}
		byName[p.Name] = Derived{Name: p.Name, Expr: e, Inputs: e.Names()}
		names = append(names, p.Name)
	}
	// Depth-first search from each derived parameter in file order.
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(n string) bool
	visit = func(n string) bool {
		switch state[n] {
		case done:
			return true
		case active:
			i := slices.Index(stack, n)
			cycle = append(slices.Clone(stack[i:]), n)
			return false
		}
		state[n] = active
		stack = append(stack, n)
		d := byName[n]
		for _, in := range d.Inputs {
			if _, ok := byName[in]; ok && !visit(in) {
				return false
			}
		}
		stack = stack[:len(stack)-1]
		state[n] = done
		ds = append(ds, d)
		return true
	}
	for _, n := range names {
		if state[n] == unseen && !visit(n) {
			return ds, cycle
		}
	}
	return ds, nil
}

// Derive returns a copy of vals with every derived parameter evaluated from
// the values in it, in dependency order, so that derived values follow their
// inputs (a PSA draw, a one-way end, a sweep point, a calibration step).
func (m *Model) Derive(vals Values) Values {
	v := maps.Clone(vals)
	m.derive(v)
	return v
}

// derive evaluates the derived parameters into v in place.
func (m *Model) derive(v Values) {
	for _, p := range m.Parameters {
		if p.IsDerived() {
			for _, d := range m.Derived() {
				v[d.Name] = d.Expr.Eval(v)
			}
			return
		}
	}
}

// validateDerived checks the derived parameters and stores their values in
// vals: each expression parses and names only parameters of the model; no
// derived parameter depends on itself; a derived parameter has no
// uncertainty of its own (it follows its inputs' draws) and is not varied
// directly by a one-way analysis, a sweep or calibration (vary its inputs);
// its value from the parameters' own values is a finite number.
//
// It reports whether the derived values could be computed: when not, the
// caller stops, since every check of a number that uses one would fail too.
func (m *Model) validateDerived(ps *Problems, vals Values) bool {
	idx := map[string]int{}
	for i, p := range m.Parameters {
		idx[p.Name] = i
	}
	bad := false
	for i, p := range m.Parameters {
		if !p.IsDerived() {
			continue
		}
		path := fmt.Sprintf("parameters[%d].value", i)
		where := fmt.Sprintf("parameter %q", p.Name)
		e, err := ParseExpr(p.Expr)
		if err != nil {
			ps.add(path, where, "%v", err)
			bad = true
			continue
		}
		for _, n := range e.Names() {
			if _, ok := idx[n]; !ok {
				ps.add(path, where, "expression %q names %q, which is not a parameter of the model (parameters: %s; functions: %s)",
					p.Expr, n, strings.Join(slices.Sorted(maps.Keys(idx)), ", "), strings.Join(ExprFunctions(), ", "))
				bad = true
			}
		}
		if p.Uncertainty != nil {
			ps.add(fmt.Sprintf("parameters[%d].uncertainty", i), where,
				"a derived parameter (value = %s) has no uncertainty of its own: its PSA draws follow its inputs' draws; give the inputs uncertainties instead", p.Expr)
		}
	}
	if _, cycle := m.derivedOrder(); cycle != nil {
		ps.add(fmt.Sprintf("parameters[%d].value", idx[cycle[0]]), fmt.Sprintf("parameter %q", cycle[0]),
			"derived parameters form a cycle: %s (each is an expression of the next)", strings.Join(cycle, " → "))
		bad = true
	}
	m.validateDerivedUses(ps, idx)
	if bad {
		return false
	}
	m.derive(vals)
	for _, d := range m.Derived() {
		if x := vals[d.Name]; math.IsNaN(x) || math.IsInf(x, 0) {
			ps.add(fmt.Sprintf("parameters[%d].value", idx[d.Name]), fmt.Sprintf("parameter %q", d.Name),
				"expression %q evaluates to %v with the parameters' values (%s); it must be a finite number", d.Expr, x, describeInputs(d.Inputs, vals))
			bad = true
		}
	}
	return !bad
}

// validateDerivedUses rejects a derived parameter where a value is set
// directly: bounds and sweeps of the sensitivity section, calibration.
func (m *Model) validateDerivedUses(ps *Problems, idx map[string]int) {
	derived := func(name string) (string, bool) {
		i, ok := idx[name]
		if !ok || !m.Parameters[i].IsDerived() {
			return "", false
		}
		return m.Parameters[i].Expr, true
	}
	const hint = "a derived parameter follows its inputs; vary them instead"
	for i, b := range m.Sensitivity.Parameters {
		if e, ok := derived(b.Name); ok {
			ps.add(fmt.Sprintf("sensitivity.parameters[%d].name", i), fmt.Sprintf("parameter %q", b.Name), "%q is derived (value = %s): %s", b.Name, e, hint)
		}
	}
	for i, sw := range m.Sensitivity.Sweeps {
		for j, a := range sw.Axes {
			if e, ok := derived(a.Name); ok {
				ps.add(fmt.Sprintf("sensitivity.sweeps[%d].parameters[%d].name", i, j), fmt.Sprintf("sweep %q", sw.Name), "%q is derived (value = %s): %s", a.Name, e, hint)
			}
		}
	}
	if m.Calibrate != nil {
		for i, f := range m.Calibrate.Parameters {
			if e, ok := derived(f.Name); ok {
				ps.add(fmt.Sprintf("calibrate.parameters[%d].name", i), fmt.Sprintf("parameter %q", f.Name), "%q is derived (value = %s): %s", f.Name, e, hint)
			}
		}
	}
}

// describeInputs writes "a = 0.3, b = 2" for messages.
func describeInputs(names []string, vals Values) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s = %v", n, vals[n])
	}
	return strings.Join(parts, ", ")
}
