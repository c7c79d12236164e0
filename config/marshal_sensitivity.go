package config

import (
	"strconv"

	"github.com/blinasim/blinasim/model"
	"go.yaml.in/yaml/v3"
)

// marshalSensitivity writes the `sensitivity:` section as the decoder reads
// it: the outcome as written (os:s36), bounds and sweep parameters in flow
// style.
func marshalSensitivity(s model.Sensitivity) *yaml.Node {
	m := &ymap{}
	if s.Outcome != nil {
		m.add("outcome", str(s.Outcome.String()))
	}
	addList(m, "parameters", s.Parameters, func(b model.Bounds) *yaml.Node {
		bm := &ymap{}
		bm.str("name", b.Name, true)
		bm.add("low", num(b.Low))
		bm.add("high", num(b.High))
		bm.n.Style = yaml.FlowStyle
		return &bm.n
	})
	addList(m, "sweeps", s.Sweeps, func(sw model.Sweep) *yaml.Node {
		sm := &ymap{}
		sm.str("name", sw.Name, true)
		addList(sm, "parameters", sw.Axes, func(a model.SweepAxis) *yaml.Node {
			am := &ymap{}
			am.str("name", a.Name, true)
			if len(a.Values) > 0 {
				am.add("values", flowList(len(a.Values), func(i int) *yaml.Node { return num(a.Values[i]) }))
			} else {
				am.add("from", num(a.From))
				am.add("to", num(a.To))
				am.add("steps", &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.Itoa(a.Steps)})
			}
			am.n.Style = yaml.FlowStyle
			return &am.n
		})
		return &sm.n
	})
	return &m.n
}
