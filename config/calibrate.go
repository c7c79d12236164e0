package config

import (
	"fmt"
	"strconv"

	"github.com/blinasim/blinasim/model"
	"go.yaml.in/yaml/v3"
)

// calibrate reads the calibrate section:
//
//	calibrate:
//	  parameters:
//	    - {name: h_relapse, lower: 0.05, upper: 1}
//	  patients: 20000
//	  starts: 5
//	  max_evaluations: 400
//	  seed: 1
//	  prior: bounds      # IMIS: or uncertainty
//
// Bounds are read like the parameter's value (a time may carry a unit); what
// is semantically wrong (unknown names, disordered bounds) is left to
// model.Validate.
func (d *decoder) calibrate(n *node, path string) *model.Calibrate {
	if n.kind == nullNode {
		return nil
	}
	if n.kind != mapNode {
		d.iss.at(n, path, "", "expected a mapping such as {parameters: [{name: h_relapse, lower: 0.05, upper: 1}]}, not %s", n.describe())
		return nil
	}
	c := &model.Calibrate{}
	count := func(v *node, key string) int {
		x := d.integer(v, keyPath(path, key), "")
		if x < 0 {
			d.iss.at(v, keyPath(path, key), "", "%s must be ≥ 0 (got %d; 0 or absent means the default)", key, x)
			return 0
		}
		return x
	}
	for _, e := range n.entries {
		switch e.key {
		case "parameters":
			d.items(e.val, keyPath(path, e.key), freePlace, func(it *node, ip string) {
				c.Parameters = append(c.Parameters, d.freeParameter(it, ip))
			})
		case "patients":
			c.Patients = count(e.val, e.key)
		case "starts":
			c.Starts = count(e.val, e.key)
		case "max_evaluations":
			c.MaxEvaluations = count(e.val, e.key)
		case "seed":
			c.Seed = uint64(count(e.val, e.key))
		case "prior":
			c.Prior = model.Prior(d.choice(e.val, keyPath(path, e.key), "", "", model.Priors()...))
		}
	}
	return c
}

func (d *decoder) freeParameter(n *node, path string) model.FreeParameter {
	f := model.FreeParameter{}
	where := fmt.Sprintf("free parameter %q", n.str("name"))
	for _, e := range n.entries {
		kp := keyPath(path, e.key)
		switch e.key {
		case "name":
			f.Name = d.text(e.val, kp, where)
		case "lower":
			f.Lower, _ = d.number(e.val, kp, where, timed, false)
		case "upper":
			f.Upper, _ = d.number(e.val, kp, where, timed, false)
		case "transform":
			f.Transform = model.Transform(d.choice(e.val, kp, where, "", model.Transforms()...))
		}
	}
	for _, k := range []string{"name", "lower", "upper"} {
		if n.val(k) == nil {
			d.iss.at(n, path, where, "a free parameter needs %s (it takes name, lower, upper and optionally transform: %s)", k, "logit, log or none")
		}
	}
	return f
}

// marshalCalibrate writes the calibrate section; defaults (zeros) are left out.
func marshalCalibrate(c *model.Calibrate) *yaml.Node {
	m := &ymap{}
	addList(m, "parameters", c.Parameters, func(f model.FreeParameter) *yaml.Node {
		fm := &ymap{}
		fm.str("name", f.Name, true)
		fm.add("lower", num(f.Lower))
		fm.add("upper", num(f.Upper))
		fm.str("transform", string(f.Transform), false)
		fm.n.Style = yaml.FlowStyle
		return &fm.n
	})
	for _, x := range []struct {
		key string
		v   uint64
	}{{"patients", uint64(c.Patients)}, {"starts", uint64(c.Starts)}, {"max_evaluations", uint64(c.MaxEvaluations)}, {"seed", c.Seed}} {
		if x.v != 0 {
			m.add(x.key, &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.FormatUint(x.v, 10)})
		}
	}
	m.str("prior", string(c.Prior), false)
	if m.n.Kind == 0 {
		m.n.Kind = yaml.MappingNode
	}
	return &m.n
}
