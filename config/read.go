package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// formats maps a file extension to how the file is read.
var formats = map[string]string{".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}

// Limits on what a model file may hold, so that a hostile file cannot
// exhaust memory or time (docs/limits.md).
const (
	// MaxFileSize is the largest model file read, in bytes; a longer file (or a
	// FIFO or device that never ends) is refused once this much is read.
	MaxFileSize = 64 << 20
	// maxDepth is the deepest nesting of lists and mappings (aliases included).
	maxDepth = 64
	// maxNodes is the most values a file may hold once aliases are expanded.
	maxNodes = 1 << 18
)

// readTree reads the file name of fsys, which must hold one model (one YAML
// document), into a tree whose positions name the file as display.
func readTree(fsys fs.FS, name, display string) (*node, issues) {
	trees, iss := readTrees(fsys, name, display)
	if len(iss) > 0 {
		return nil, iss
	}
	if len(trees) > 1 {
		iss.add(trees[1].pos, "", "the file holds %d models (YAML documents separated by ---) where one is expected: "+
			"only `run` and `compare` read every document, as scenarios; split the file or keep one document", len(trees))
		return nil, iss
	}
	return trees[0], nil
}

// readTrees reads the file name of fsys into one tree per YAML document (TOML
// and JSON files hold one), whose positions name the file as display. YAML is
// read with yaml.v3 (lines for every node); TOML and JSON with their own
// decoders (JSON lines are recovered by reading it as YAML too). The file is
// read through a limit of MaxFileSize bytes, whatever it is (a FIFO, a link to
// /dev/zero).
func readTrees(fsys fs.FS, name, display string) ([]*node, issues) {
	var iss issues
	file := pos{file: display}
	format, ok := formats[strings.ToLower(path.Ext(name))]
	if !ok {
		iss.add(file, "", "unknown model file type %q (allowed: .yaml, .yml, .toml, .json)", path.Ext(name))
		return nil, iss
	}
	data, err := readLimited(fsys, name)
	if err != nil {
		msg := err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			msg = pe.Err.Error()
		}
		return nil, issues{{File: display, Msg: "cannot read the model file: " + msg, Err: err}}
	}
	if n := separators(data); n > maxNodes {
		iss.add(file, "", "the file has %d lines and commas, more than the %d a model file may have (it may hold at most %d values, the limit)", n, maxNodes, maxNodes)
		return nil, iss
	}
	var roots []*node
	if format == "yaml" {
		roots, iss = fromYAML(data, display)
	} else {
		var root *node
		root, iss = fromOther(data, format, display)
		if root != nil {
			roots = []*node{root}
		}
	}
	if len(iss) > 0 {
		return nil, iss
	}
	if len(roots) == 0 {
		iss.add(file, "", "the file is empty: a model file is a mapping of keys (name, unit, horizon, states...)")
		return nil, iss
	}
	for i, root := range roots {
		if root.kind != mapNode {
			iss.add(root.pos, "", "a model file is a mapping of keys (name, unit, horizon, states...), not %s", root.describe())
			return nil, iss
		}
		if i == 0 {
			root.pos.line = 0 // issues about the whole file name no line
		}
	}
	return roots, nil
}

// separators counts the newlines and commas of data: every value of a file
// but a few per line is separated from the next by one of them, so that this
// bounds the values the parsers (whose trees take some 50 times the text's
// size) are asked to build, before they build them.
func separators(data []byte) int {
	return bytes.Count(data, []byte{'\n'}) + bytes.Count(data, []byte{','})
}

// errTooLarge says that a model file is longer than MaxFileSize.
var errTooLarge = fmt.Errorf("the file is larger than %d MiB, the limit for a model file (or it never ends: a FIFO, a device)", MaxFileSize>>20)

// readLimited reads the file name of fsys, but no more than MaxFileSize bytes.
func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a folder, not a model file")}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errTooLarge}
	}
	return data, nil
}

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// fromYAML reads YAML text into a tree per document (empty documents are
// skipped). The node limit is shared by all documents.
func fromYAML(data []byte, file string) ([]*node, issues) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	c := yamlConv{file: file}
	var out []*node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			is := Issue{File: file, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: "), Err: err}
			if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
				is.Line, _ = strconv.Atoi(m[1])
				is.Msg = "not valid YAML: " + m[2]
			}
			return nil, issues{is}
		}
		if doc.Kind == 0 || len(doc.Content) == 0 {
			continue
		}
		n := c.conv(doc.Content[0], 0)
		if len(c.iss) > 0 {
			return nil, c.iss
		}
		if n.kind != nullNode {
			out = append(out, n)
		}
	}
}

// yamlConv converts yaml.v3 nodes, expanding aliases and merge keys (<<).
type yamlConv struct {
	file      string
	nodes     int
	iss       issues
	expanding map[*yaml.Node]bool // the anchors whose aliases are being expanded
}

func (c *yamlConv) conv(y *yaml.Node, depth int) *node {
	p := pos{c.file, y.Line}
	c.nodes++
	if depth > maxDepth || c.nodes > maxNodes {
		if len(c.iss) == 0 {
			if depth > maxDepth {
				c.iss.add(p, "", "the file nests lists and mappings (or aliases) more than %d deep, the limit", maxDepth)
			} else {
				c.iss.add(p, "", "the file holds more than %d values (lists items, keys, values, with aliases expanded), the limit", maxNodes)
			}
		}
		return &node{kind: nullNode, pos: p}
	}
	switch y.Kind {
	case yaml.AliasNode:
		if c.expanding[y.Alias] { // &a [*a]: an alias inside its own anchor never ends
			c.iss.add(p, "", "the alias *%s is used inside its own anchor &%s: it would never end", y.Value, y.Value)
			return &node{kind: nullNode, pos: p}
		}
		if c.expanding == nil {
			c.expanding = map[*yaml.Node]bool{}
		}
		c.expanding[y.Alias] = true
		n := c.conv(y.Alias, depth+1)
		delete(c.expanding, y.Alias)
		return n
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
	seen := make(map[string]int, len(y.Content)/2) // key -> index in n.entries: linear in the keys
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
		if i, dup := seen[key]; dup {
			hint := ""
			if key != k.Value {
				hint = "; keys are read in lower case"
			}
			c.iss.add(pos{c.file, k.Line}, "", "duplicate key %q (first written at line %d%s)", k.Value, n.entries[i].keyPos.line, hint)
			continue
		}
		seen[key] = len(n.entries)
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
				if _, ok := seen[e.key]; !ok {
					seen[e.key] = len(n.entries)
					n.entries = append(n.entries, e)
				}
			}
		}
	}
	return n
}

// Error makes an Issue an error, so that a reader can return one.
func (is *Issue) Error() string { return is.String() }

// addLines copies line numbers from a YAML reading of a JSON file onto the
// tree viper gave, matching keys case-insensitively and list items by index.
func addLines(n *node, y *yaml.Node) {
	n.pos.line = y.Line
	switch {
	case n.kind == mapNode && y.Kind == yaml.MappingNode:
		at := make(map[string]*entry, len(n.entries)) // linear in the keys
		for i := range n.entries {
			at[n.entries[i].key] = &n.entries[i]
		}
		for i := 0; i+1 < len(y.Content); i += 2 {
			if e := at[strings.ToLower(y.Content[i].Value)]; e != nil {
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
