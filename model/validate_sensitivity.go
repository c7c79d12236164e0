package model

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// validateSensitivity checks the `sensitivity:` section: the outcome fits an
// endpoint; bounds and sweeps name parameters, once each; low < high; a sweep
// varies 1 or 2 parameters over at most MaxSweepCells grid points; and, when
// checkValues is set (the rest of the model is valid), the model stays valid
// with each bound and each swept value in place of the parameter's own value.
func (m *Model) validateSensitivity(ps *Problems, vals Values, checkValues bool) {
	s := m.Sensitivity
	if s.Outcome != nil {
		if err := m.checkOutcome(*s.Outcome, math.Inf(1)); err != nil {
			ps.add("sensitivity.outcome", "", "%v", err)
		}
	}
	bounded := map[string]bool{}
	for i, b := range s.Parameters {
		path := fmt.Sprintf("sensitivity.parameters[%d]", i)
		where := fmt.Sprintf("parameter %q", b.Name)
		if !m.checkParam(ps, vals, b.Name, path+".name", where) {
			continue
		}
		if bounded[b.Name] {
			ps.add(path+".name", where, "parameter %q has bounds twice", b.Name)
		}
		bounded[b.Name] = true
		if !finite(b.Low) || !finite(b.High) {
			ps.add(path, where, "low and high must be finite numbers (got %v, %v)", b.Low, b.High)
			continue
		}
		if !(b.Low < b.High) {
			ps.add(path, where, "low must be < high (got low %v, high %v)", b.Low, b.High)
			continue
		}
		if checkValues {
			m.checkValue(ps, vals, b.Name, b.Low, path+".low", where)
			m.checkValue(ps, vals, b.Name, b.High, path+".high", where)
		}
	}
	sweeps := map[string]bool{}
	for i, sw := range s.Sweeps {
		path := fmt.Sprintf("sensitivity.sweeps[%d]", i)
		where := fmt.Sprintf("sweep %q", sw.Name)
		if !identRe.MatchString(sw.Name) {
			ps.add(path+".name", where, "sweep name %q must match [a-z][a-z0-9_]* (it names the output files)", sw.Name)
		}
		if sweeps[sw.Name] {
			ps.add(path+".name", where, "sweep %q is defined twice", sw.Name)
		}
		sweeps[sw.Name] = true
		if n := len(sw.Axes); n < 1 || n > MaxSweepAxes {
			ps.add(path+".parameters", where, "a sweep varies 1 parameter (a line) or 2 (a heat map), not %d", n)
			continue
		}
		if sw.Cells() > MaxSweepCells {
			ps.add(path+".parameters", where, "the grid has %d points; at most %d are allowed (each is a run)", sw.Cells(), MaxSweepCells)
			continue
		}
		for j, a := range sw.Axes {
			apath := fmt.Sprintf("%s.parameters[%d]", path, j)
			awhere := fmt.Sprintf("%s, parameter %q", where, a.Name)
			if !m.checkParam(ps, vals, a.Name, apath+".name", awhere) {
				continue
			}
			if j > 0 && sw.Axes[0].Name == a.Name {
				ps.add(apath+".name", awhere, "the sweep varies %q twice", a.Name)
			}
			if checkAxis(ps, a, apath, awhere) && checkValues {
				for k, x := range a.Grid() {
					kpath := apath + ".from"
					if len(a.Values) > 0 {
						kpath = fmt.Sprintf("%s.values[%d]", apath, k)
					}
					if !m.checkValue(ps, vals, a.Name, x, kpath, awhere) {
						break
					}
				}
			}
		}
	}
}

// checkAxis checks a sweep axis' values: either values (at least 2, finite,
// strictly increasing) or from < to with steps ≥ 2.
func checkAxis(ps *Problems, a SweepAxis, path, where string) bool {
	switch {
	case len(a.Values) > 0 && (a.Steps != 0 || a.From != 0 || a.To != 0):
		ps.add(path, where, "give either values or from, to and steps, not both")
	case len(a.Values) == 1:
		ps.add(path+".values", where, "a sweep needs at least 2 values (got 1)")
	case len(a.Values) > 1:
		for k, x := range a.Values {
			if !finite(x) {
				ps.add(fmt.Sprintf("%s.values[%d]", path, k), where, "values must be finite numbers (got %v)", x)
				return false
			}
			if k > 0 && !(x > a.Values[k-1]) {
				ps.add(fmt.Sprintf("%s.values[%d]", path, k), where, "values must be strictly increasing (%v follows %v)", x, a.Values[k-1])
				return false
			}
		}
		return true
	case a.Steps < 2:
		ps.add(path+".steps", where, "a sweep parameter needs values: [...], or from, to and steps (≥ 2 values, ends included; got steps %d)", a.Steps)
	case !finite(a.From) || !finite(a.To) || !(a.From < a.To):
		ps.add(path+".to", where, "from must be < to, both finite (got from %v, to %v)", a.From, a.To)
	default:
		return true
	}
	return false
}

// checkParam reports whether name is a parameter of the model.
func (m *Model) checkParam(ps *Problems, vals Values, name, path, where string) bool {
	if _, ok := vals[name]; ok {
		return true
	}
	ps.add(path, where, "unknown parameter %q (parameters: %s)", name, strings.Join(slices.Sorted(maps.Keys(vals)), ", "))
	return false
}

// checkValue reports whether the model is valid with parameter name at x
// (every other parameter at its value), as a sensitivity analysis runs it.
func (m *Model) checkValue(ps *Problems, vals Values, name string, x float64, path, where string) bool {
	v := maps.Clone(vals)
	v[name] = x
	m.derive(v)
	var sub Problems
	m.validateStates(&sub, v)
	if len(sub) == 0 {
		return true
	}
	ps.add(path, where, "with %s = %v the model is invalid: %v", name, x, sub[0])
	return false
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
