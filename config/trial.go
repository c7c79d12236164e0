package config

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/blinasim/blinasim/model"
)

// A trial file describes a simulated two-arm trial (docs/trials.md): one
// top-level key, `trial:`, whose keys are listed in trialKeys. It is read
// strictly, like a model file: an unknown key (with the closest allowed one
// suggested), a wrong type or an out-of-range number is an issue naming the
// file, its line and the key. Durations may carry a unit (24mo, 2y) and are
// converted to the arms' unit by TrialSpec.Check, once the arms are loaded.

// Duration is a time read from a trial file: a number in the arms' unit, or
// with its own unit.
type Duration struct {
	Value float64
	Unit  model.Unit // 0: the arms' unit
}

// In returns the duration in unit u.
func (d Duration) In(u model.Unit) float64 {
	if d.Unit == 0 {
		return d.Value
	}
	return u.Convert(d.Value, d.Unit)
}

// TrialArm is an arm: its label and its model (a file, relative to the trial
// file's folder, or a shipped model's name).
type TrialArm struct {
	Name, Model string
}

// TrialSpec is a trial file as read. Zero values are the documented defaults.
type TrialSpec struct {
	File         string // as given
	Dir          string // the folder arms' model files are relative to
	Name, Title  string
	Arms         []TrialArm // control first
	Allocation   []int      // default 1 for every arm
	Sizes        []int      // `size` or `sizes`
	Period, Rate float64    // accrual: Period in the arms' unit after Check; Rate per arms' unit
	period, ramp Duration
	Ramp         float64
	Dropout      float64 // hazard per arms' unit
	Time         float64 // analysis time after the first enrolment (after Check)
	time         Duration
	Events       int
	Endpoint     string  // default "os"
	Alpha        float64 // default 0.05
	OneSided     bool    // test sides: 1
	Estimate     string  // "cox" (the only one)
	RMST         float64 // after Check; 0: none
	rmst         Duration

	lines map[string]int // key path -> line
}

var trialKeys = []string{"name", "title", "arms", "allocation", "size", "sizes", "accrual", "dropout", "analysis",
	"endpoint", "test", "estimate", "rmst"}

// ReadTrialFile reads a trial file from disk.
func ReadTrialFile(file string) (*TrialSpec, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, &Error{Issues: []Issue{{File: file, Msg: fmt.Sprintf("cannot read the trial file: %v", err), Err: err}}}
	}
	s, err := ParseTrial(file, b)
	if s != nil {
		s.Dir = path.Dir(strings.ReplaceAll(file, `\`, "/"))
	}
	return s, err
}

// ReadTrial reads a trial file from fsys.
func ReadTrial(fsys fs.FS, name string) (*TrialSpec, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, &Error{Issues: []Issue{{File: name, Msg: fmt.Sprintf("cannot read the trial file: %v", err), Err: err}}}
	}
	s, err := ParseTrial(name, b)
	if s != nil {
		s.Dir = path.Dir(name)
	}
	return s, err
}

// trialReader decodes a trial file's nodes, collecting issues.
type trialReader struct {
	file string
	iss  issues
	s    *TrialSpec
}

func (r *trialReader) bad(n *yaml.Node, key, format string, a ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	r.iss = append(r.iss, Issue{File: r.file, Line: line, Path: key, Msg: fmt.Sprintf(format, a...)})
}

// ParseTrial decodes a trial file's bytes; file names it in messages.
func ParseTrial(file string, b []byte) (*TrialSpec, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil {
		return nil, &Error{Issues: []Issue{{File: file, Msg: fmt.Sprintf("not valid YAML: %v", err), Err: err}}}
	}
	r := &trialReader{file: file, s: &TrialSpec{File: file, Endpoint: model.OSName,
		Alpha: 0.05, Estimate: "cox", lines: map[string]int{}}}
	if len(doc.Content) == 0 {
		return nil, &Error{Issues: []Issue{{File: file, Msg: "empty trial file: it needs a top-level key `trial:`"}}}
	}
	root := doc.Content[0]
	top := r.mapping(root, "", []string{"trial"})
	t, ok := top["trial"]
	if !ok {
		r.bad(root, "", "a trial file has one top-level key, `trial:`")
		return nil, r.iss.err()
	}
	keys := r.mapping(t, "trial", trialKeys)
	for _, k := range trialKeys {
		n, ok := keys[k]
		if !ok {
			continue
		}
		p := "trial." + k
		r.s.lines[p] = n.Line
		switch k {
		case "name":
			r.s.Name = r.str(n, p)
		case "title":
			r.s.Title = r.str(n, p)
		case "arms":
			r.arms(n, p)
		case "allocation":
			r.s.Allocation = r.ints(n, p, 1)
		case "size":
			r.s.Sizes = []int{r.integer(n, p, 2)}
		case "sizes":
			r.s.Sizes = r.ints(n, p, 2)
		case "accrual":
			r.accrual(n, p)
		case "dropout":
			r.s.Dropout = r.number(n, p, "a hazard per model unit ≥ 0 (e.g. 0.01)", func(x float64) bool { return x >= 0 })
		case "analysis":
			r.analysis(n, p)
		case "endpoint":
			r.s.Endpoint = r.str(n, p)
		case "test":
			r.test(n, p)
		case "estimate":
			if r.s.Estimate = r.str(n, p); r.s.Estimate != "cox" {
				r.bad(n, p, "%q: the hazard ratio estimate is `cox` (Cox partial likelihood, Efron ties), the only one", r.s.Estimate)
			}
		case "rmst":
			r.s.rmst = r.duration(n, p)
		}
	}
	if _, ok := keys["size"]; ok {
		if _, ok2 := keys["sizes"]; ok2 {
			r.bad(keys["sizes"], "trial.sizes", "give `size` or `sizes`, not both")
		}
	}
	for _, k := range []string{"arms", "accrual", "analysis"} {
		if _, ok := keys[k]; !ok {
			r.bad(t, "trial", "missing `%s` (required: arms, size or sizes, accrual, analysis)", k)
		}
	}
	if _, ok := keys["size"]; !ok && keys["sizes"] == nil {
		r.bad(t, "trial", "missing `size` (or `sizes`, a list for a power curve)")
	}
	if r.s.Allocation == nil { // default: equal allocation
		for range r.s.Arms {
			r.s.Allocation = append(r.s.Allocation, 1)
		}
	}
	if len(r.iss) > 0 {
		return nil, r.iss.err()
	}
	return r.s, nil
}

// mapping returns a mapping node's values by key, reporting keys not allowed.
func (r *trialReader) mapping(n *yaml.Node, p string, allowedKeys []string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		r.bad(n, p, "want a mapping of keys (allowed: %s)", strings.Join(allowedKeys, ", "))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if !contains(allowedKeys, k) {
			r.bad(n.Content[i], join(p, k), "unknown key %q %s", k, allowed(k, allowedKeys))
			continue
		}
		if _, dup := out[k]; dup {
			r.bad(n.Content[i], join(p, k), "key %q given twice", k)
		}
		out[k] = n.Content[i+1]
	}
	return out
}

func join(p, k string) string {
	if p == "" {
		return k
	}
	return p + "." + k
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (r *trialReader) str(n *yaml.Node, p string) string {
	if n.Kind != yaml.ScalarNode || n.Value == "" {
		r.bad(n, p, "want a text value")
		return ""
	}
	return n.Value
}

func (r *trialReader) integer(n *yaml.Node, p string, least int) int {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil || v < least {
		r.bad(n, p, "%q: want a whole number ≥ %d", n.Value, least)
		return 0
	}
	return v
}

func (r *trialReader) ints(n *yaml.Node, p string, least int) []int {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		r.bad(n, p, "want a list of whole numbers ≥ %d, e.g. [1, 1]", least)
		return nil
	}
	var out []int
	for i, c := range n.Content {
		out = append(out, r.integer(c, fmt.Sprintf("%s[%d]", p, i), least))
	}
	return out
}

func (r *trialReader) number(n *yaml.Node, p, want string, ok func(float64) bool) float64 {
	v, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || err != nil || math.IsNaN(v) || math.IsInf(v, 0) || !ok(v) {
		r.bad(n, p, "%q: want %s", n.Value, want)
		return 0
	}
	return v
}

// duration reads a positive time: a bare number (the arms' unit) or with a
// unit (24mo, 2y, 104w, 730d).
func (r *trialReader) duration(n *yaml.Node, p string) Duration {
	const want = "a time > 0: a number in the arms' unit, or a duration such as 24mo, 2y, 104w"
	if n.Kind != yaml.ScalarNode {
		r.bad(n, p, "want %s", want)
		return Duration{}
	}
	if v, err := strconv.ParseFloat(n.Value, 64); err == nil {
		if !(v > 0) || math.IsInf(v, 0) {
			r.bad(n, p, "%q: want %s", n.Value, want)
		}
		return Duration{Value: v}
	}
	m := durationRe.FindStringSubmatch(strings.TrimSpace(n.Value))
	if m == nil {
		r.bad(n, p, "%q: want %s", n.Value, want)
		return Duration{}
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	u, err := model.ParseUnit(m[2])
	if err != nil {
		r.bad(n, p, "%q: unknown time unit %q (allowed: d, w, mo, y, or day, week, month, year)", n.Value, m[2])
		return Duration{}
	}
	if !(v > 0) || math.IsInf(v, 0) {
		r.bad(n, p, "%q: want %s", n.Value, want)
	}
	return Duration{Value: v, Unit: u}
}

// maxTrialArms is the most arms of a trial (sim.MaxArms).
const maxTrialArms = 8

func (r *trialReader) arms(n *yaml.Node, p string) {
	if n.Kind != yaml.SequenceNode {
		r.bad(n, p, "want a list of 2 to %d arms, control first: - {name: control, model: FILE or shipped name}", maxTrialArms)
		return
	}
	for i, c := range n.Content {
		ip := fmt.Sprintf("%s[%d]", p, i)
		r.s.lines[ip] = c.Line
		m := r.mapping(c, ip, []string{"name", "model"})
		a := TrialArm{}
		for _, k := range []string{"name", "model"} {
			if v, ok := m[k]; ok {
				s := r.str(v, ip+"."+k)
				if k == "name" {
					a.Name = s
				} else {
					a.Model = s
				}
			} else if c.Kind == yaml.MappingNode {
				r.bad(c, ip, "missing `%s`", k)
			}
		}
		r.s.Arms = append(r.s.Arms, a)
	}
	if len(r.s.Arms) < 2 || len(r.s.Arms) > maxTrialArms {
		r.bad(n, p, "%d arms: a trial has 2 to %d, control first", len(r.s.Arms), maxTrialArms)
	}
}

func (r *trialReader) accrual(n *yaml.Node, p string) {
	m := r.mapping(n, p, []string{"period", "rate", "ramp"})
	if v, ok := m["period"]; ok {
		r.s.period = r.duration(v, p+".period")
	}
	if v, ok := m["rate"]; ok {
		r.s.Rate = r.number(v, p+".rate", "patients per model unit > 0", func(x float64) bool { return x > 0 })
	}
	if v, ok := m["ramp"]; ok {
		r.s.ramp = r.duration(v, p+".ramp")
	}
	if (m["period"] == nil) == (m["rate"] == nil) && n.Kind == yaml.MappingNode {
		r.bad(n, p, "give exactly one of `period` (a duration) and `rate` (patients per model unit)")
	}
}

func (r *trialReader) analysis(n *yaml.Node, p string) {
	m := r.mapping(n, p, []string{"time", "events"})
	if v, ok := m["time"]; ok {
		r.s.time = r.duration(v, p+".time")
	}
	if v, ok := m["events"]; ok {
		r.s.Events = r.integer(v, p+".events", 1)
	}
	if (m["time"] == nil) == (m["events"] == nil) && n.Kind == yaml.MappingNode {
		r.bad(n, p, "give exactly one of `time` (after the first enrolment) and `events` (the D-th event)")
	}
}

func (r *trialReader) test(n *yaml.Node, p string) {
	m := r.mapping(n, p, []string{"method", "sides", "alpha"})
	if v, ok := m["method"]; ok {
		if s := r.str(v, p+".method"); s != "logrank" {
			r.bad(v, p+".method", "%q: the test is `logrank` (the Cox Wald and RMST tests are reported beside it)", s)
		}
	}
	if v, ok := m["sides"]; ok {
		switch v.Value {
		case "1":
			r.s.OneSided = true
		case "2":
		default:
			r.bad(v, p+".sides", "%q: want 1 (benefit of the second arm only) or 2", v.Value)
		}
	}
	if v, ok := m["alpha"]; ok {
		r.s.Alpha = r.number(v, p+".alpha", "a level in (0, 1), e.g. 0.05", func(x float64) bool { return x > 0 && x < 1 })
	}
}

// Check converts the spec's durations to the arms' unit and checks it
// against the arms' models (aligned with Arms): one unit and horizon, the
// endpoint present in each as a survival endpoint from time 0, the analysis
// time, the ramp and the RMST time within the horizon, sample sizes in whole
// allocation blocks. Issues name the trial file's lines.
func (s *TrialSpec) Check(models []*model.Model) error {
	var iss issues
	bad := func(key, format string, a ...any) {
		is := Issue{File: s.File, Line: s.lines[key], Path: key, Msg: fmt.Sprintf(format, a...)}
		for _, o := range iss {
			if o == is {
				return // the same problem in both arms
			}
		}
		iss = append(iss, is)
	}
	u, h := models[0].Unit, models[0].Horizon
	for i, m := range models {
		key := fmt.Sprintf("trial.arms[%d]", i)
		if m.Unit != u || m.Horizon != h {
			bad(key, "arm %q: unit %v and horizon %v differ from arm %q's (%v, %v); the arms are scenarios of one base",
				s.Arms[i].Name, m.Unit, m.Horizon, s.Arms[0].Name, u, h)
		}
		var ok bool
		var names []string
		for _, e := range m.AllEndpoints() {
			if len(e.Start) == 0 && e.Kind == model.Survival {
				names = append(names, e.Name)
			}
			if e.Name == s.Endpoint {
				ok = true
				switch {
				case len(e.Start) > 0:
					bad("trial.endpoint", "endpoint %q starts at entry into %v, not at randomisation (time 0); a trial's endpoint must start at randomisation", e.Name, e.Start)
				case e.Kind != model.Survival:
					bad("trial.endpoint", "endpoint %q is a cumulative incidence; a trial's endpoint is a survival endpoint", e.Name)
				}
			}
		}
		if !ok {
			bad("trial.endpoint", "arm %q (%s) has no endpoint %q %s", s.Arms[i].Name, m.Name, s.Endpoint, allowed(s.Endpoint, names))
		}
	}
	s.Period, s.Ramp, s.Time, s.RMST = s.period.In(u), s.ramp.In(u), s.time.In(u), s.rmst.In(u)
	if s.Period > 0 && s.Ramp > s.Period {
		bad("trial.accrual", "ramp %.4g %s is longer than the accrual period %.4g", s.Ramp, plural(u), s.Period)
	}
	if s.Time > h {
		bad("trial.analysis", "analysis %.4g %s after the first enrolment is past the arms' horizon (%v): nobody is followed past it", s.Time, plural(u), h)
	}
	if s.RMST > h {
		bad("trial.rmst", "RMST time %.4g %s is past the arms' horizon (%v)", s.RMST, plural(u), h)
	}
	block := 0
	for _, a := range s.Allocation {
		block += a
	}
	if len(s.Allocation) != len(s.Arms) {
		bad("trial.allocation", "%d numbers for %d arms", len(s.Allocation), len(s.Arms))
	}
	key := "trial.sizes"
	if _, ok := s.lines[key]; !ok {
		key = "trial.size"
	}
	for i, n := range s.Sizes {
		if block > 0 && n%block != 0 {
			bad(key, "sample size %d is not a multiple of the allocation's sum %d (whole randomisation blocks)", n, block)
		}
		if i > 0 && n <= s.Sizes[i-1] {
			bad(key, "sample sizes must ascend (%d after %d)", n, s.Sizes[i-1])
		}
		if s.Events > n {
			bad("trial.analysis", "analysis at %d events, more than sample size %d", s.Events, n)
		}
	}
	return iss.err()
}

func plural(u model.Unit) string { return u.String() + "s" }
