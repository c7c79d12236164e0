package config

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// envPrefix starts every environment variable that overrides a model key.
const envPrefix = "BLINASIM_"

// override is one path=value change from the environment or the command line.
type override struct {
	label string   // what the user wrote, for messages: "--set horizon=36" or "BLINASIM_HORIZON"
	segs  []string // the path, split
	value string   // YAML text
}

// overrides returns the environment's overrides (sorted by name, for
// determinism) followed by the --set ones in order: later ones win.
func overrides(opts Options) ([]override, issues) {
	var out []override
	var iss issues
	var env []override
	for _, kv := range opts.Env {
		name, value, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, envPrefix) || slices.Contains(opts.EnvIgnore, name) {
			continue
		}
		rest := strings.ToLower(strings.TrimPrefix(name, envPrefix))
		env = append(env, override{label: name, segs: strings.Split(rest, "__"), value: value})
	}
	sort.SliceStable(env, func(i, j int) bool { return env[i].label < env[j].label })
	out = append(out, env...)
	for _, s := range opts.Sets {
		p, value, ok := strings.Cut(s, "=")
		label := "--set " + s
		if !ok || strings.TrimSpace(p) == "" {
			iss.add(pos{file: label}, "", "expected path=value, e.g. parameters.p_cr.value=0.5 or horizon=36mo")
			continue
		}
		out = append(out, override{label: label, segs: strings.Split(strings.TrimSpace(p), "."), value: value})
	}
	return out, iss
}

// apply sets one override in the resolved tree. Keys must be allowed at their
// place (they need not be written in the file); list items are addressed by
// name (or, in lists of plain values, by index), and must exist.
func (o override) apply(root *node, iss *issues) {
	at := pos{file: o.label}
	fail := func(format string, args ...any) { iss.add(at, "", format, args...) }
	if slices.Contains(o.segs, "") {
		fail("empty part in the path %q (parts are separated by %s)", o.path(), o.sep())
		return
	}
	val, err := parseValue(o.value, at)
	if err != nil {
		fail("the value %q is not valid YAML: %v", o.value, err)
		return
	}
	cur, p, path := root, topPlace, ""
	for i := 0; i < len(o.segs); i++ {
		key, last := strings.ToLower(o.segs[i]), i == len(o.segs)-1
		if !p.has(key) || key == keyExtends {
			keys := slices.DeleteFunc(slices.Clone(p.keys), func(k string) bool { return k == keyExtends })
			fail("%s has no key %q %s", describePlace(p, path), key, allowed(key, keys))
			return
		}
		c, isList := p.child(key)
		kp := keyPath(path, key)
		if last {
			if c != nil {
				checkValue(val, c, isList, kp, iss)
			}
			cur.set(entry{key: key, keyPos: at, val: val})
			return
		}
		next := cur.val(key)
		switch {
		case c != nil && !isList: // a mapping such as uncertainty: create it if needed
			if next == nil || next.kind != mapNode {
				next = &node{kind: mapNode, pos: at}
				cur.set(entry{key: key, keyPos: at, val: next})
			}
			cur, p, path = next, c, kp
			continue
		case next == nil || next.kind != listNode:
			if c == nil {
				fail("%s is a single value: it has no part %q", kp, o.segs[i+1])
			} else {
				fail("%s has no %ss yet, so none named %q", describePlace(p, path), c.what, o.segs[i+1])
			}
			return
		}
		// A list: address an item by name or index.
		i++
		j, ok := findItem(next, c, o.segs[i])
		if !ok {
			fail("%s", missingItem(next, c, kp, o.segs[i]))
			return
		}
		ip := itemPath("", kp, j)
		if c == nil { // a list of plain values (landmarks, events)
			if i != len(o.segs)-1 {
				fail("%s is a single value: it has no part %q", ip, o.segs[i+1])
				return
			}
			next.items[j] = val
			return
		}
		if i == len(o.segs)-1 {
			checkValue(val, c, false, ip, iss)
			next.items[j] = val
			return
		}
		cur, p, path = next.items[j], c, ip
	}
}

// findItem finds a list item by name (exact, then ignoring case, as
// environment variables are upper case) or, for plain lists, by index.
func findItem(list *node, c *place, seg string) (int, bool) {
	if c == nil {
		j, err := strconv.Atoi(seg)
		return j, err == nil && j >= 0 && j < len(list.items)
	}
	for _, fold := range []bool{false, true} {
		for j, it := range list.items {
			id := identity(it, c)
			if id == seg || fold && strings.EqualFold(id, seg) {
				return j, true
			}
		}
	}
	return 0, false
}

// missingItem says that no item has that name, and which names there are.
func missingItem(list *node, c *place, path, seg string) string {
	if c == nil {
		return fmt.Sprintf("%s has no item %q: items of this list are addressed by index, 0 to %d", path, seg, len(list.items)-1)
	}
	var names []string
	for _, it := range list.items {
		if id := identity(it, c); id != "" {
			names = append(names, id)
		}
	}
	return fmt.Sprintf("%s has no %s named %q %s", path, c.what, seg, allowed(seg, names))
}

// describePlace names a place for messages: "the model", `states[0]`.
func describePlace(p *place, path string) string {
	if path == "" {
		return "the model"
	}
	article := "a"
	if strings.ContainsRune("aeiou", rune(p.what[0])) {
		article = "an"
	}
	return fmt.Sprintf("%s (%s %s)", path, article, p.what)
}

// checkValue checks the keys of a value set at a place (a whole state, say).
func checkValue(val *node, c *place, isList bool, path string, iss *issues) {
	if !isList {
		checkKeys(val, c, path, false, iss)
		return
	}
	if val.kind == listNode {
		for j, it := range val.items {
			checkKeys(it, c, itemPath("", path, j), false, iss)
		}
	}
}

// parseValue reads an override's value as YAML: a scalar (0.5, 36mo, p_cr) or
// a flow value ([12, 24], {dist: beta, x: 3, n: 10}).
func parseValue(s string, at pos) (*node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(s), &doc); err != nil {
		return nil, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return &node{kind: nullNode, pos: at}, nil
	}
	c := yamlConv{file: at.file}
	n := c.conv(doc.Content[0], 0)
	if len(c.iss) > 0 {
		return nil, fmt.Errorf("%s", c.iss[0].Msg)
	}
	setPos(n, at)
	return n, nil
}

// setPos gives every node of a value the override's position.
func setPos(n *node, at pos) {
	n.pos = at
	for i := range n.entries {
		n.entries[i].keyPos = at
		setPos(n.entries[i].val, at)
	}
	for _, it := range n.items {
		setPos(it, at)
	}
}

func (o override) path() string {
	return strings.Join(o.segs, o.sep())
}

func (o override) sep() string {
	if strings.HasPrefix(o.label, envPrefix) {
		return "__"
	}
	return "."
}
