package config

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
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
