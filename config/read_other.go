package config

// Reading TOML and JSON model files into the same tree as YAML, with the
// same errors: duplicate keys (also differing only by case), and lines.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// fromOther reads TOML or JSON text into a tree (nil for a JSON null). Keys
// written twice, exactly or differing only by case, are errors, as in YAML.
func fromOther(data []byte, format, file string) (*node, issues) {
	var v any
	var err error
	if format == "toml" {
		var m map[string]any
		err = toml.Unmarshal(data, &m)
		v = m
	} else if err = jsonDuplicates(data, file); err == nil {
		err = json.Unmarshal(data, &v)
	}
	if err != nil {
		var is *Issue
		if errors.As(err, &is) {
			return nil, issues{*is}
		}
		iss := Issue{File: file, Msg: fmt.Sprintf("not valid %s: %v", strings.ToUpper(format), cause(err)), Err: err}
		var te *toml.DecodeError
		var je *json.SyntaxError
		var ue *json.UnmarshalTypeError
		switch {
		case errors.As(err, &te):
			iss.Line, _ = te.Position()
		case errors.As(err, &je):
			iss.Line = lineAt(data, je.Offset)
		case errors.As(err, &ue):
			iss.Line = lineAt(data, ue.Offset)
		}
		return nil, issues{iss}
	}
	var iss issues
	root := fromAny(v, pos{file: file}, "", &iss)
	if len(iss) > 0 {
		return nil, iss
	}
	if root.kind == nullNode {
		return nil, nil
	}
	if format == "json" {
		var doc yaml.Node // JSON is YAML: read it again for the lines
		if yaml.Unmarshal(data, &doc) == nil && len(doc.Content) > 0 {
			addLines(root, doc.Content[0])
		}
	}
	return root, nil
}

// lineAt returns the 1-based line of a byte offset of data.
func lineAt(data []byte, off int64) int {
	return 1 + bytes.Count(data[:min(max(int(off), 0), len(data))], []byte("\n"))
}

// jsonDuplicates reports the first key written twice in one JSON object
// (encoding/json keeps the last silently), by walking the tokens: linear in
// the file. Keys differing only by case are found later, by fromAny.
func jsonDuplicates(data []byte, file string) error {
	type frame struct {
		keys      map[string]int64 // key -> offset, nil for an array
		expectKey bool
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return nil // json.Unmarshal reports it, with its position
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, &frame{keys: map[string]int64{}, expectKey: true})
			case '[':
				stack = append(stack, &frame{})
			default:
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1].keys != nil {
					stack[len(stack)-1].expectKey = true
				}
			}
			continue
		case string:
			if top != nil && top.keys != nil && top.expectKey {
				off := dec.InputOffset() // lines are counted only for a duplicate: linear
				if first, dup := top.keys[t]; dup {
					return &Issue{File: file, Line: lineAt(data, off), Msg: fmt.Sprintf("duplicate key %q (first written at line %d)", t, lineAt(data, first))}
				}
				top.keys[t] = off
				top.expectKey = false
				continue
			}
		}
		if top != nil && top.keys != nil {
			top.expectKey = true
		}
	}
}

// cause returns the innermost error's message (viper's wrapping adds nothing).
func cause(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}

// fromAny converts decoded TOML or JSON (maps, lists, scalars) into a tree
// with lower-case keys, sorted since Go maps have no order; two keys that
// differ only by case are reported as duplicates.
func fromAny(v any, p pos, path string, iss *issues) *node {
	switch x := v.(type) {
	case map[string]any:
		n := &node{kind: mapNode, pos: p}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		seen := make(map[string]string, len(keys))
		for _, k := range keys {
			lk := strings.ToLower(k)
			if first, dup := seen[lk]; dup {
				iss.add(p, path, "duplicate key %q (also written as %q; keys are read in lower case)", k, first)
				continue
			}
			seen[lk] = k
			n.entries = append(n.entries, entry{key: lk, keyPos: p, val: fromAny(x[k], p, keyPath(path, lk), iss)})
		}
		return n
	case []map[string]any:
		n := &node{kind: listNode, pos: p}
		for i, it := range x {
			n.items = append(n.items, fromAny(it, p, fmt.Sprintf("%s[%d]", path, i), iss))
		}
		return n
	case []any:
		n := &node{kind: listNode, pos: p}
		for i, it := range x {
			n.items = append(n.items, fromAny(it, p, fmt.Sprintf("%s[%d]", path, i), iss))
		}
		return n
	}
	return scalar(v, p)
}
