package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// formats maps a file extension to how the file is read.
var formats = map[string]string{".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}

// Limits on YAML alias expansion, so that a hostile file cannot exhaust memory.
const (
	maxDepth = 64
	maxNodes = 1 << 20
)

// readTree reads the file name of fsys into a tree whose positions name the
// file as display. YAML is read with yaml.v3 (lines for every node); TOML and
// JSON through viper (JSON lines are recovered by reading it as YAML too).
func readTree(fsys fs.FS, name, display string) (*node, issues) {
	var iss issues
	file := pos{file: display}
	format, ok := formats[strings.ToLower(path.Ext(name))]
	if !ok {
		iss.add(file, "", "unknown model file type %q (allowed: .yaml, .yml, .toml, .json)", path.Ext(name))
		return nil, iss
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		msg := err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			msg = pe.Err.Error()
		}
		return nil, issues{{File: display, Msg: "cannot read the model file: " + msg, Err: err}}
	}
	var root *node
	if format == "yaml" {
		root, iss = fromYAML(data, display)
	} else {
		root, iss = fromViper(data, format, display)
	}
	if len(iss) > 0 {
		return nil, iss
	}
	if root == nil || root.kind == nullNode {
		iss.add(file, "", "the file is empty: a model file is a mapping of keys (name, unit, horizon, states...)")
		return nil, iss
	}
	if root.kind != mapNode {
		iss.add(root.pos, "", "a model file is a mapping of keys (name, unit, horizon, states...), not %s", root.describe())
		return nil, iss
	}
	root.pos.line = 0 // issues about the whole file name no line
	return root, nil
}

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// fromYAML reads YAML text into a tree.
func fromYAML(data []byte, file string) (*node, issues) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		is := Issue{File: file, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: "), Err: err}
		if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
			is.Line, _ = strconv.Atoi(m[1])
			is.Msg = "not valid YAML: " + m[2]
		}
		return nil, issues{is}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	c := yamlConv{file: file}
	n := c.conv(doc.Content[0], 0)
	return n, c.iss
}

// yamlConv converts yaml.v3 nodes, expanding aliases and merge keys (<<).
type yamlConv struct {
	file  string
	nodes int
	iss   issues
}

func (c *yamlConv) conv(y *yaml.Node, depth int) *node {
	p := pos{c.file, y.Line}
	c.nodes++
	if depth > maxDepth || c.nodes > maxNodes {
		if len(c.iss) == 0 {
			c.iss.add(p, "", "the document nests too deep or expands too many aliases")
		}
		return &node{kind: nullNode, pos: p}
	}
	switch y.Kind {
	case yaml.AliasNode:
		return c.conv(y.Alias, depth+1)
	case yaml.SequenceNode:
		n := &node{kind: listNode, pos: p}
		for _, it := range y.Content {
			n.items = append(n.items, c.conv(it, depth+1))
		}
		return n
	case yaml.MappingNode:
		return c.mapping(y, p, depth)
	case yaml.ScalarNode:
		n := &node{kind: scalarNode, pos: p, text: y.Value, tag: "str"}
		switch y.ShortTag() {
		case "!!null":
			n.kind = nullNode
		case "!!bool":
			n.tag = "bool"
		case "!!int", "!!float":
			if err := y.Decode(&n.num); err == nil {
				n.tag = strings.TrimPrefix(y.ShortTag(), "!!")
			}
		}
		return n
	}
	c.iss.add(p, "", "unexpected YAML node")
	return &node{kind: nullNode, pos: p}
}

func (c *yamlConv) mapping(y *yaml.Node, p pos, depth int) *node {
	n := &node{kind: mapNode, pos: p}
	var merges []*node
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, v := y.Content[i], y.Content[i+1]
		val := c.conv(v, depth+1)
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, val)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			c.iss.add(pos{c.file, k.Line}, "", "a key must be a plain word, not a list or mapping")
			continue
		}
		key := strings.ToLower(k.Value)
		if old := n.get(key); old != nil {
			hint := ""
			if key != k.Value {
				hint = "; keys are read in lower case"
			}
			c.iss.add(pos{c.file, k.Line}, "", "duplicate key %q (first written at line %d%s)", k.Value, old.keyPos.line, hint)
			continue
		}
		n.entries = append(n.entries, entry{key: key, keyPos: pos{c.file, k.Line}, val: val})
	}
	// Merge keys: explicit keys win over merged ones, earlier merges over later.
	for _, m := range merges {
		srcs := []*node{m}
		if m.kind == listNode {
			srcs = m.items
		}
		for _, s := range srcs {
			if s.kind != mapNode {
				c.iss.add(s.pos, "", "a merge key (<<) takes a mapping or a list of mappings")
				continue
			}
			for _, e := range s.entries {
				if n.get(e.key) == nil {
					n.entries = append(n.entries, e)
				}
			}
		}
	}
	return n
}

// fromViper reads TOML or JSON text through viper into a tree.
func fromViper(data []byte, format, file string) (*node, issues) {
	v := viper.New()
	v.SetConfigType(format)
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		is := Issue{File: file, Msg: fmt.Sprintf("not valid %s: %v", strings.ToUpper(format), cause(err)), Err: err}
		var te *toml.DecodeError
		var je *json.SyntaxError
		switch {
		case errors.As(err, &te):
			is.Line, _ = te.Position()
		case errors.As(err, &je):
			is.Line = 1 + bytes.Count(data[:min(int(je.Offset), len(data))], []byte("\n"))
		}
		return nil, issues{is}
	}
	root := fromAny(v.AllSettings(), pos{file: file})
	if format == "json" {
		var doc yaml.Node // JSON is YAML: read it again for the lines
		if yaml.Unmarshal(data, &doc) == nil && len(doc.Content) > 0 {
			addLines(root, doc.Content[0])
		}
	}
	return root, nil
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

// fromAny converts viper's settings (maps with lower-case keys, lists,
// scalars) into a tree; map keys are sorted since Go maps have no order.
func fromAny(v any, p pos) *node {
	switch x := v.(type) {
	case map[string]any:
		n := &node{kind: mapNode, pos: p}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n.entries = append(n.entries, entry{key: strings.ToLower(k), keyPos: p, val: fromAny(x[k], p)})
		}
		return n
	case []map[string]any:
		n := &node{kind: listNode, pos: p}
		for _, it := range x {
			n.items = append(n.items, fromAny(it, p))
		}
		return n
	case []any:
		n := &node{kind: listNode, pos: p}
		for _, it := range x {
			n.items = append(n.items, fromAny(it, p))
		}
		return n
	}
	return scalar(v, p)
}

// addLines copies line numbers from a YAML reading of a JSON file onto the
// tree viper gave, matching keys case-insensitively and list items by index.
func addLines(n *node, y *yaml.Node) {
	n.pos.line = y.Line
	switch {
	case n.kind == mapNode && y.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(y.Content); i += 2 {
			if e := n.get(strings.ToLower(y.Content[i].Value)); e != nil {
				e.keyPos.line = y.Content[i].Line
				addLines(e.val, y.Content[i+1])
			}
		}
	case n.kind == listNode && y.Kind == yaml.SequenceNode && len(n.items) == len(y.Content):
		for i, it := range n.items {
			addLines(it, y.Content[i])
		}
	}
}
