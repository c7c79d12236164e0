package model

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a model. Path is the key path in the file
// vocabulary (e.g. "states[1].exits[0].rate"), so that a loader can point at the
// file's line; Where names the objects in words (e.g. `state "remission", exit
// "death"`); Msg says what is wrong and what is allowed.
type Problem struct {
	Path  string
	Where string
	Msg   string
}

func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.Path)
	if p.Where != "" {
		fmt.Fprintf(&b, " (%s)", p.Where)
	}
	b.WriteString(": ")
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is every problem found in a model; it is the error Validate returns.
type Problems []*Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// add records a problem.
func (ps *Problems) add(path, where, format string, args ...any) {
	*ps = append(*ps, &Problem{Path: path, Where: where, Msg: fmt.Sprintf(format, args...)})
}

// err returns ps as an error, or nil when there is none.
func (ps Problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}
