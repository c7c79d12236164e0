package config

import (
	"fmt"
	"strconv"
)

// A model file is first read into a generic tree of nodes, whatever its
// format, each node remembering the file and line it was written at. Extends,
// merging and overrides work on trees; decoding turns the resolved tree into a
// model.Model, and the positions let every error point at its line.

// pos is where a value was written: a file (or an override's label) and a line
// (0 when unknown).
type pos struct {
	file string
	line int
}

// kind is a node's shape.
type kind int

const (
	nullNode   kind = iota // an empty value (YAML `~`, `null` or nothing)
	scalarNode             // a number, a string or a boolean
	mapNode                // a mapping from lower-case keys to nodes
	listNode               // a sequence of nodes
)

// node is one value of a model file.
type node struct {
	kind    kind
	pos     pos
	text    string  // scalars: the value as written
	tag     string  // scalars: "str", "int", "float" or "bool"
	num     float64 // scalars tagged int or float: the number
	entries []entry // maps, in file order (TOML and JSON: sorted)
	items   []*node // lists
}

// entry is one key of a mapping.
type entry struct {
	key    string // lower case
	keyPos pos    // where the key was written
	val    *node
}

// get returns the entry for key, or nil.
func (n *node) get(key string) *entry {
	if n == nil || n.kind != mapNode {
		return nil
	}
	for i := range n.entries {
		if n.entries[i].key == key {
			return &n.entries[i]
		}
	}
	return nil
}

// val returns the value for key, or nil when the key is absent.
func (n *node) val(key string) *node {
	if e := n.get(key); e != nil {
		return e.val
	}
	return nil
}

// set replaces the value of key, or appends the key.
func (n *node) set(e entry) {
	if old := n.get(e.key); old != nil {
		*old = e
		return
	}
	n.entries = append(n.entries, e)
}

// del removes key, if present.
func (n *node) del(key string) {
	for i := range n.entries {
		if n.entries[i].key == key {
			n.entries = append(n.entries[:i:i], n.entries[i+1:]...)
			return
		}
	}
}

// str returns the text of a scalar value for key ("" when absent or not a scalar).
func (n *node) str(key string) string {
	if v := n.val(key); v != nil && v.kind == scalarNode {
		return v.text
	}
	return ""
}

// copyMap returns a shallow copy of a mapping node, so that entries can be
// changed without touching the original.
func (n *node) copyMap() *node {
	c := *n
	c.entries = append([]entry(nil), n.entries...)
	return &c
}

// describe says what a node is, for messages: `a list`, `the text "abc"`.
func (n *node) describe() string {
	if n == nil {
		return "nothing"
	}
	switch n.kind {
	case nullNode:
		return "nothing (null)"
	case mapNode:
		return "a mapping"
	case listNode:
		return "a list"
	}
	switch n.tag {
	case "int", "float":
		return "the number " + n.text
	case "bool":
		return "the boolean " + n.text
	}
	return strconv.Quote(n.text)
}

// scalar returns a scalar node from a decoded TOML or JSON value.
func scalar(v any, p pos) *node {
	n := &node{kind: scalarNode, pos: p}
	switch x := v.(type) {
	case nil:
		n.kind = nullNode
	case bool:
		n.tag, n.text = "bool", strconv.FormatBool(x)
	case string:
		n.tag, n.text = "str", x
	case float64:
		n.tag, n.text, n.num = "float", strconv.FormatFloat(x, 'g', -1, 64), x
	case float32:
		n.tag, n.text, n.num = "float", strconv.FormatFloat(float64(x), 'g', -1, 32), float64(x)
	case int:
		n.tag, n.text, n.num = "int", strconv.Itoa(x), float64(x)
	case int64:
		n.tag, n.text, n.num = "int", strconv.FormatInt(x, 10), float64(x)
	case uint64:
		n.tag, n.text, n.num = "int", strconv.FormatUint(x, 10), float64(x)
	default: // TOML dates and times, say: text that is not a number
		n.tag, n.text = "str", fmt.Sprint(x)
	}
	return n
}
