package model

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Calibrate says which parameters calibration may change, within which bounds
// and on which scale, and how hard it searches. Package fit does the fitting;
// the zero value of every number means a documented default.
type Calibrate struct {
	Parameters     []FreeParameter // at least one
	Patients       int             // simulated patients per evaluation, ≥ 0; 0: 20000
	Starts         int             // starts of the search, ≥ 0: the file's values, then random ones; 0: 5
	MaxEvaluations int             // objective evaluations per start, ≥ 0; 0: 400
	Seed           uint64          // run seed of every evaluation (common random numbers) and of the random starts; 0: 1
	Prior          Prior           // IMIS's prior; "": bounds
}

// FreeParameter is a parameter calibration may change, within [Lower, Upper].
type FreeParameter struct {
	Name         string    // a parameter of the model
	Lower, Upper float64   // finite bounds, Lower < Upper, in the parameter's units (times in the model's unit)
	Transform    Transform // the scale searched on; "" picks one from the bounds (see Scale)
}

// Transform names the scale on which a free parameter is searched. Nelder-Mead
// has no bounds, so each scale maps the bounds onto the whole real line.
type Transform string

// The transforms a free parameter may have.
const (
	TransformAuto  Transform = ""      // logit within [0, 1], else log when Lower > 0, else none
	TransformLogit Transform = "logit" // y = logit((x − Lower)/(Upper − Lower)): probabilities, cure fractions
	TransformLog   Transform = "log"   // y = logit of the position of log x between log Lower and log Upper: rates, ratios, times (Lower > 0)
	TransformNone  Transform = "none"  // y = x, searched as is; a point outside the bounds is rejected
)

// Transforms lists the transforms a file may name.
func Transforms() []string {
	return []string{string(TransformLogit), string(TransformLog), string(TransformNone)}
}

// Scale returns the transform used: the one given, or by default logit when
// 0 ≤ Lower < Upper ≤ 1, else log when Lower > 0, else none.
func (f FreeParameter) Scale() Transform {
	switch {
	case f.Transform != TransformAuto:
		return f.Transform
	case f.Lower >= 0 && f.Upper <= 1:
		return TransformLogit
	case f.Lower > 0:
		return TransformLog
	}
	return TransformNone
}

// IsFree reports whether calibration may change the named parameter.
func (c *Calibrate) IsFree(name string) bool {
	if c == nil {
		return false
	}
	for _, f := range c.Parameters {
		if f.Name == name {
			return true
		}
	}
	return false
}

// validateCalibrate checks the calibrate section against the parameters.
// ValidateCalibrate checks the calibrate section (its free parameters, their
// bounds, the targets it needs) of a valid model. Validate leaves it out: the
// section matters only to a calibration, and a scenario that inherits it from
// its base (and drops the targets, say) is still a model to run.
func (m *Model) ValidateCalibrate() error {
	var ps Problems
	m.validateCalibrate(&ps)
	return ps.err()
}

func (m *Model) validateCalibrate(ps *Problems) {
	c := m.Calibrate
	if c == nil {
		return
	}
	if len(m.Targets) == 0 {
		ps.add("calibrate", "", "calibration needs targets (published figures) to fit; the model has none")
	}
	if len(c.Parameters) == 0 {
		ps.add("calibrate.parameters", "", "calibration needs at least one free parameter: {name, lower, upper}")
	}
	if !slices.Contains(append(Priors(), ""), string(c.Prior)) {
		ps.add("calibrate.prior", "", "unknown prior %q (allowed: %s)", c.Prior, strings.Join(Priors(), ", "))
	}
	for _, x := range []struct {
		key string
		v   int
	}{{"patients", c.Patients}, {"starts", c.Starts}, {"max_evaluations", c.MaxEvaluations}} {
		if x.v < 0 {
			ps.add("calibrate."+x.key, "", "%s must be ≥ 0 (got %d; 0 means the default)", x.key, x.v)
		}
	}
	params := make(map[string]Parameter, len(m.Parameters))
	var names []string
	for _, p := range m.Parameters {
		params[p.Name] = p
		names = append(names, p.Name)
	}
	seen := map[string]bool{}
	for i, f := range c.Parameters {
		path := fmt.Sprintf("calibrate.parameters[%d]", i)
		where := fmt.Sprintf("free parameter %q", f.Name)
		p, ok := params[f.Name]
		if !ok {
			ps.add(path+".name", where, "unknown parameter %q (parameters: %s)", f.Name, strings.Join(names, ", "))
		}
		if seen[f.Name] {
			ps.add(path+".name", where, "parameter %q is listed twice", f.Name)
		}
		seen[f.Name] = true
		if math.IsNaN(f.Lower) || math.IsInf(f.Lower, 0) || math.IsNaN(f.Upper) || math.IsInf(f.Upper, 0) || !(f.Lower < f.Upper) {
			ps.add(path, where, "bounds must be finite with lower < upper (got lower %v, upper %v)", f.Lower, f.Upper)
			continue
		}
		switch f.Scale() {
		case TransformLog:
			if !(f.Lower > 0) {
				ps.add(path+".transform", where, "transform log needs lower > 0 (got %v); use none for a parameter that may be ≤ 0", f.Lower)
				continue
			}
		case TransformLogit, TransformNone:
		default:
			ps.add(path+".transform", where, "unknown transform %q (allowed: %s)", f.Transform, strings.Join(Transforms(), ", "))
			continue
		}
		if ok && !(f.Lower <= p.Value && p.Value <= f.Upper) {
			ps.add(path, where, "the parameter's value %v must lie within the bounds [%v, %v]: it is the first start of the search", p.Value, f.Lower, f.Upper)
		}
	}
}
