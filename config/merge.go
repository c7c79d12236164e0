package config

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// loader reads a model file and the files it extends, from one file system.
type loader struct {
	fsys    fs.FS
	display func(name string) string // how a file of fsys is named in messages
	stack   []string                 // the files being read, for cycle detection
	shipped func(string) (fs.FS, string, bool)
	base    string // a loader of a shipped base: the base's path in fsys
}

// resolve reads the file name (an fs path), checks its keys, and if it extends
// a base, reads the base (recursively) and merges the file on top of it. from
// is the `extends` key that named the file, if any. It returns the resolved
// tree, without `extends`, or the issues found.
func (l *loader) resolve(name string, from pos) (*node, issues) {
	name = path.Clean(name)
	var iss issues
	if i := slices.Index(l.stack, name); i >= 0 {
		chain := make([]string, 0, len(l.stack)-i+1)
		for _, s := range append(l.stack[i:], name) {
			chain = append(chain, l.display(s))
		}
		iss.add(from, keyExtends, "extends makes a cycle: %s", strings.Join(chain, " → "))
		return nil, iss
	}
	l.stack = append(l.stack, name)
	defer func() { l.stack = l.stack[:len(l.stack)-1] }()

	t, iss := readTree(l.fsys, name, l.display(name))
	if t == nil {
		if from.file != "" && len(iss) == 1 && errors.Is(iss[0].Err, fs.ErrNotExist) {
			iss[0] = Issue{File: from.file, Line: from.line, Path: keyExtends, Err: iss[0].Err,
				Msg: "cannot read the base model " + l.display(name) + ": no such file"}
		}
		return nil, iss
	}
	return l.resolveTree(t, name)
}

// resolveTree resolves the extends of t, read from the file name (see
// resolve); name is on the stack.
func (l *loader) resolveTree(t *node, name string) (*node, issues) {
	var iss issues
	ext := t.get(keyExtends)
	checkKeys(t, topPlace, "", ext != nil, &iss)
	if ext == nil {
		return t, iss
	}
	t.del(keyExtends)
	s := ""
	if ext.val.kind == scalarNode && ext.val.tag == "str" {
		s = ext.val.text
	}
	switch {
	case s == "":
		iss.add(ext.keyPos, keyExtends, "extends takes the path of a base model file (relative to this file) or a shipped model's name, not %s", ext.val.describe())
		return nil, iss
	case path.IsAbs(s) || strings.Contains(s, `\`):
		iss.add(ext.keyPos, keyExtends, "extends takes a relative path with '/' separators (got %q)", s)
		return nil, iss
	}
	base := path.Join(path.Dir(name), s)
	from := pos{t.pos.file, ext.keyPos.line}
	var bt *node
	var biss issues
	if sub := l.shippedBase(base, s); sub != nil {
		bt, biss = sub.resolve(sub.base, from)
	} else {
		if _, err := fs.Stat(l.fsys, base); path.Ext(base) == "" && errors.Is(err, fs.ErrNotExist) {
			iss.add(ext.keyPos, keyExtends, "no base model file %q (relative to this file), nor a shipped model of that name (see `blinasim list`)", s)
			return nil, iss
		}
		if !fs.ValidPath(base) {
			iss.add(ext.keyPos, keyExtends, "the base model %q is outside the folder models are read from", s)
			return nil, iss
		}
		bt, biss = l.resolve(base, from)
	}
	iss = append(iss, biss...)
	if bt == nil || len(iss) > 0 {
		return nil, iss
	}
	merged := mergeMap(bt, t, topPlace, "", &iss)
	return merged, iss
}

// mergeMap returns base with over's keys on top: a list of named items merges
// item by item (mergeList); any other key replaces the base's value. Neither
// input is changed.
func mergeMap(base, over *node, p *place, path string, iss *issues) *node {
	out := base.copyMap()
	for _, e := range over.entries {
		if e.key == keyRemove || e.key == keyReplace {
			continue
		}
		c, isList := p.child(e.key)
		if c == nil || !isList || !c.named || e.val.kind != listNode {
			out.set(e)
			continue
		}
		old := out.get(e.key)
		if old == nil || old.val.kind != listNode {
			out.set(entry{key: e.key, keyPos: e.keyPos,
				val: mergeList(&node{kind: listNode, pos: e.val.pos}, e.val, c, keyPath(path, e.key), iss)})
			continue
		}
		out.set(entry{key: e.key, keyPos: old.keyPos, val: mergeList(old.val, e.val, c, keyPath(path, e.key), iss)})
	}
	return out
}

// mergeList merges a list of named items: an item of over with a known name
// changes only the keys it gives; `remove: true` removes the item, `replace:
// true` replaces it whole; an item with a new name is appended.
func mergeList(base, over *node, p *place, path string, iss *issues) *node {
	out := &node{kind: listNode, pos: base.pos, items: slices.Clone(base.items)}
	find := func(id string) int {
		for i, it := range out.items {
			if it != nil && identity(it, p) == id {
				return i
			}
		}
		return -1
	}
	names := func() string {
		var ns []string
		for _, it := range out.items {
			if it != nil && identity(it, p) != "" {
				ns = append(ns, identity(it, p))
			}
		}
		if len(ns) == 0 {
			return "the base has none"
		}
		return "the base has " + strings.Join(ns, ", ")
	}
	for i, it := range over.items {
		ipath := itemPath("", path, i)
		if it.kind != mapNode {
			out.items = append(out.items, it) // decoding reports it
			continue
		}
		remove, replace := itemFlag(it, keyRemove, ipath, iss), itemFlag(it, keyReplace, ipath, iss)
		id := identity(it, p)
		if id == "" {
			hint := "a `name`"
			if p == exitPlace {
				hint = "a `name` (or a `to`)"
			}
			iss.at(it, ipath, "", "in a file that extends another, every %s needs %s: it says which %s of the base it changes, or names a new one", p.what, hint, p.what)
			continue
		}
		j := find(id)
		empty := &node{kind: mapNode, pos: it.pos}
		switch {
		case remove && replace:
			iss.at(it, ipath, "", "an item cannot have both `remove: true` and `replace: true`")
		case (remove || replace) && j < 0:
			iss.at(it, ipath, "", "no %s %q to %s (%s)", p.what, id, map[bool]string{true: "remove", false: "replace"}[remove], names())
		case remove:
			out.items[j] = nil
		case replace:
			out.items[j] = mergeMap(empty, it, p, ipath, iss)
		case j >= 0:
			out.items[j] = mergeMap(out.items[j], it, p, ipath, iss)
		default:
			out.items = append(out.items, mergeMap(empty, it, p, ipath, iss))
		}
	}
	out.items = slices.DeleteFunc(out.items, func(n *node) bool { return n == nil })
	return out
}

// itemFlag reads an item flag (remove, replace): true, false or absent.
func itemFlag(item *node, key, path string, iss *issues) bool {
	v := item.val(key)
	if v == nil {
		return false
	}
	if v.kind != scalarNode || v.tag != "bool" {
		iss.at(v, keyPath(path, key), "", "%s takes true or false, not %s", key, v.describe())
		return false
	}
	return strings.EqualFold(v.text, "true")
}

// shippedBase returns a loader for the shipped model named s (extends:
// stein2019-adult-post-allohsct), when s is a plain name, no file base exists
// and the program ships a model of that name; its stack marks the
// shipped model as its base. Otherwise nil.
func (l *loader) shippedBase(base, s string) *loader {
	if l.shipped == nil || strings.ContainsAny(s, "/\\") {
		return nil
	}
	if _, err := fs.Stat(l.fsys, base); !errors.Is(err, fs.ErrNotExist) && fs.ValidPath(base) {
		return nil
	}
	sfs, p, ok := l.shipped(strings.TrimSuffix(s, path.Ext(s)))
	if !ok || slices.Contains(l.stack, "shipped:"+p) {
		return nil
	}
	return &loader{fsys: sfs, display: func(n string) string { return "shipped:" + n }, shipped: l.shipped,
		stack: append(slices.Clone(l.stack), "shipped:"+p), base: p}
}
