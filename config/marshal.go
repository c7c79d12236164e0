package config

import (
	"bytes"
	"fmt"
	"math"
	"strconv"

	"github.com/blinasim/blinasim/model"
	"go.yaml.in/yaml/v3"
)

// Marshal writes a model as a YAML model file that Load reads back to an
// identical model: every default made explicit (landmarks), parameter
// references kept as names, times as bare numbers in the model's unit,
// uncertainties as {dist, a, b}-style keys, and every source included. It is
// what a run writes as its resolved model.
func Marshal(m *model.Model) ([]byte, error) {
	if m.Unit < model.Day || m.Unit > model.Year {
		return nil, fmt.Errorf("config: cannot write a model with an invalid unit (%d)", int(m.Unit))
	}
	top := &ymap{}
	top.str("name", m.Name, true)
	top.str("title", m.Title, false)
	top.str("description", m.Description, false)
	top.str("unit", m.Unit.String(), true)
	top.add("horizon", num(m.Horizon))
	if len(m.Landmarks) > 0 {
		top.add("landmarks", flowList(len(m.Landmarks), func(i int) *yaml.Node { return num(m.Landmarks[i]) }))
	}
	if m.Cohort != 0 {
		top.add("cohort", &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.Itoa(m.Cohort)})
	}
	top.strs("death_states", m.DeathStates)
	addList(top, "attributes", m.Attributes, marshalAttribute)
	top.str("by", m.By, false)
	addList(top, "states", m.States, marshalState)
	addList(top, "endpoints", m.Endpoints, marshalEndpoint)
	addList(top, "parameters", m.Parameters, marshalParameter)
	addList(top, "correlations", m.Correlations, marshalCorrelation)
	addList(top, "targets", m.Targets, marshalTarget)
	if m.Calibrate != nil {
		top.add("calibrate", marshalCalibrate(m.Calibrate))
	}
	if !m.Sensitivity.IsZero() {
		top.add("sensitivity", marshalSensitivity(m.Sensitivity))
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{&top.n},
		HeadComment: fmt.Sprintf("Resolved model: every time is in %ss, every rate per %s.", m.Unit, m.Unit)}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("config: writing the model: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("config: writing the model: %w", err)
	}
	return buf.Bytes(), nil
}

func marshalState(s model.State) *yaml.Node {
	m := &ymap{}
	m.str("name", s.Name, true)
	m.str("title", s.Title, false)
	m.str("description", s.Description, false)
	if s.Initial != (model.Quantity{}) {
		m.add("initial", quantity(s.Initial))
	}
	if len(s.Exits) > 0 {
		exits := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range s.Exits {
			exits.Content = append(exits.Content, marshalExit(e))
		}
		m.add("exits", exits)
	}
	if len(s.Updates) > 0 {
		m.add("updates", marshalUpdates(s.Updates))
	}
	return &m.n
}

func marshalExit(e model.Exit) *yaml.Node {
	m := &ymap{}
	m.str("name", e.Name, false)
	m.str("to", e.To, false)
	d := e.Dist
	m.str("dist", string(d.Family), false)
	for _, a := range []struct {
		key string
		q   *model.Quantity
	}{{"rate", d.Rate}, {"median", d.Median}, {"shape", d.Shape}, {"scale", d.Scale},
		{"meanlog", d.MeanLog}, {"sdlog", d.SdLog}, {"duration", d.Duration}} {
		if a.q != nil {
			m.add(a.key, quantity(*a.q))
		}
	}
	for _, l := range []struct {
		key string
		qs  []model.Quantity
	}{{"breaks", d.Breaks}, {"rates", d.Rates}} {
		if len(l.qs) > 0 {
			m.add(l.key, flowList(len(l.qs), func(i int) *yaml.Node { return quantity(l.qs[i]) }))
		}
	}
	if d.Cure != nil {
		m.add("cure", quantity(*d.Cure))
	}
	if e.Clock == model.ClockForward {
		m.add("clock", str(e.Clock.String()))
	}
	if e.HazardRatio != nil {
		m.add("hr", quantity(*e.HazardRatio))
	}
	if e.TimeRatio != nil {
		m.add("tr", quantity(*e.TimeRatio))
	}
	marshalExitHistory(m, e)
	if len(e.Branch) > 0 {
		arms := &yaml.Node{Kind: yaml.SequenceNode}
		for _, a := range e.Branch {
			arm := &ymap{}
			arm.str("to", a.To, true)
			if a.Rest {
				arm.add("prob", str("rest"))
			} else {
				arm.add("prob", quantity(a.Prob))
			}
			marshalLevelProbs(arm, a.ByLevel)
			arm.n.Style = yaml.FlowStyle
			arms.Content = append(arms.Content, &arm.n)
		}
		m.add("branch", arms)
	}
	m.str("note", e.Note, false)
	if len(e.Branch) == 0 && e.Note == "" {
		m.n.Style = yaml.FlowStyle
	}
	return &m.n
}

func marshalEndpoint(e model.Endpoint) *yaml.Node {
	m := &ymap{}
	m.str("name", e.Name, true)
	m.str("title", e.Title, false)
	if e.Kind == model.Incidence {
		m.add("kind", str(e.Kind.String()))
	}
	m.strs("start", e.Start)
	m.strs("events", e.Events)
	m.strs("competing", e.Competing)
	if e.Tau != 0 {
		m.add("tau", num(e.Tau))
	}
	return &m.n
}

// uncertaintyKeys are the file keys of A and B for each family.
var uncertaintyKeys = map[model.UncertaintyFamily][2]string{
	model.UncBeta: {"a", "b"}, model.UncGamma: {"shape", "rate"}, model.UncLogNormal: {"meanlog", "sdlog"},
	model.UncNormal: {"mean", "sd"}, model.UncUniform: {"min", "max"},
}

func marshalParameter(p model.Parameter) *yaml.Node {
	m := &ymap{}
	m.str("name", p.Name, true)
	m.str("title", p.Title, false)
	if p.IsDerived() {
		m.str("value", p.Expr, true)
	} else {
		m.add("value", num(p.Value))
	}
	m.str("source", p.Source, true)
	if u := p.Uncertainty; u != nil {
		um := &ymap{}
		um.str("dist", string(u.Family), true)
		if k, ok := uncertaintyKeys[u.Family]; ok {
			um.add(k[0], num(u.A))
			um.add(k[1], num(u.B))
		}
		if u.Family == model.UncSample {
			um.str(keyGroup, u.Group, true)
			um.add("values", flowList(len(u.Sample.Values), func(i int) *yaml.Node { return num(u.Sample.Values[i]) }))
		}
		if u.Family == model.UncDirichlet {
			um.str(keyGroup, u.Group, true)
			um.add("a", num(u.A))
		}
		um.n.Style = yaml.FlowStyle
		m.add("uncertainty", &um.n)
	}
	return &m.n
}

func marshalTarget(t model.Target) *yaml.Node {
	m := &ymap{}
	m.str("name", t.Name, true)
	m.str("measure", string(t.Measure), true)
	m.str("endpoint", t.Endpoint, false)
	m.str("state", t.State, false)
	m.strs("states", t.States)
	m.strs("among", t.Among)
	m.str("subgroup", t.Subgroup, false)
	if t.Time != 0 {
		m.add("time", num(t.Time))
	}
	m.add("value", num(t.Value))
	if t.N != 0 {
		m.add("n", &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.Itoa(t.N)})
	}
	if t.Lower != 0 || t.Upper != 0 {
		m.add("lower", num(t.Lower))
		m.add("upper", num(t.Upper))
	}
	m.str("source", t.Source, true)
	m.str("note", t.Note, false)
	return &m.n
}

// ymap builds a YAML mapping node in key order.
type ymap struct{ n yaml.Node }

func (m *ymap) add(key string, v *yaml.Node) {
	if m.n.Kind == 0 {
		m.n.Kind = yaml.MappingNode
	}
	m.n.Content = append(m.n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
}

// str adds a text value; an empty one only when always is set.
func (m *ymap) str(key, s string, always bool) {
	if s != "" || always {
		m.add(key, str(s))
	}
}

// strs adds a list of names in flow style, unless it is empty.
func (m *ymap) strs(key string, ss []string) {
	if len(ss) > 0 {
		m.add(key, flowList(len(ss), func(i int) *yaml.Node { return str(ss[i]) }))
	}
}

// str is a text scalar, quoted by the encoder if it would read as another type.
func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// num is a number written as its shortest exact decimal form.
func num(x float64) *yaml.Node {
	v := strconv.FormatFloat(x, 'g', -1, 64)
	switch {
	case math.IsNaN(x):
		v = ".nan"
	case math.IsInf(x, 1):
		v = ".inf"
	case math.IsInf(x, -1):
		v = "-.inf"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Value: v}
}

// quantity writes a number, or a parameter reference as the parameter's name.
func quantity(q model.Quantity) *yaml.Node {
	if q.IsRef() {
		return str(q.Param)
	}
	return num(q.Value)
}

func flowList(n int, item func(int) *yaml.Node) *yaml.Node {
	l := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for i := range n {
		l.Content = append(l.Content, item(i))
	}
	return l
}

// addList writes items under key as a YAML sequence, each by f; nothing when
// there are none.
func addList[T any](m *ymap, key string, items []T, f func(T) *yaml.Node) {
	if len(items) == 0 {
		return
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, it := range items {
		seq.Content = append(seq.Content, f(it))
	}
	m.add(key, seq)
}
