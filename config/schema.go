package config

import (
	"fmt"
	"slices"
)

// place describes the keys allowed at one place of a model file (the top
// level, a state, an exit...), and which of them hold further places.
type place struct {
	what  string            // in messages: "state", "exit"
	keys  []string          // every key allowed here, in the README's order
	lists map[string]*place // keys holding a list of items of a place
	maps  map[string]*place // keys holding one mapping of a place
	named bool              // items are merged by name (exits: by name, else to)
}

// Item flags that only a file that extends another may use.
const (
	keyRemove  = "remove"
	keyReplace = "replace"
	keyExtends = "extends"
)

var (
	armPlace  = &place{what: "branch arm", keys: []string{"to", "prob", "levels"}, lists: map[string]*place{"levels": levelProbPlace}}
	exitPlace = &place{what: "exit", named: true, keys: []string{
		"name", "to", "branch", "dist", "rate", "median", "shape", "scale", "meanlog", "sdlog",
		"duration", "breaks", "rates", "cure", "clock", "hr", "tr", "note", "since", "when", "effects", "branch_by"},
		lists: map[string]*place{"branch": armPlace, "when": conditionPlace, "effects": effectPlace}}
	statePlace = &place{what: "state", named: true, keys: []string{"name", "title", "description", "initial", "exits", "updates"},
		lists: map[string]*place{"exits": exitPlace, "updates": updatePlace}}
	endpointPlace = &place{what: "endpoint", named: true, keys: []string{
		"name", "title", "kind", "start", "events", "competing", "tau"}}
	uncertaintyPlace = &place{what: "uncertainty", keys: []string{
		"dist", "a", "b", "x", "n", "prior_a", "prior_b", "shape", "rate", "meanlog", "sdlog", "mean", "sd", "min", "max", "group", "values"}}
	parameterPlace = &place{what: "parameter", named: true, keys: []string{"name", "title", "value", "source", "uncertainty"},
		maps: map[string]*place{"uncertainty": uncertaintyPlace}}
	targetPlace = &place{what: "target", named: true, keys: []string{
		"name", "measure", "endpoint", "state", "states", "among", "subgroup", "time", "value", "n", "lower", "upper", "source", "note"}}
	freePlace      = &place{what: "free parameter", named: true, keys: []string{"name", "lower", "upper", "transform"}}
	calibratePlace = &place{what: "calibrate", keys: []string{"parameters", "patients", "starts", "max_evaluations", "seed", "prior"},
		lists: map[string]*place{"parameters": freePlace}}
	boundsPlace      = &place{what: "sensitivity parameter", named: true, keys: []string{"name", "low", "high"}}
	sweepAxisPlace   = &place{what: "sweep parameter", named: true, keys: []string{"name", "values", "from", "to", "steps"}}
	sweepPlace       = &place{what: "sweep", named: true, keys: []string{"name", "parameters"}, lists: map[string]*place{"parameters": sweepAxisPlace}}
	sensitivityPlace = &place{what: "sensitivity", keys: []string{"outcome", "parameters", "sweeps"},
		lists: map[string]*place{"parameters": boundsPlace, "sweeps": sweepPlace}}
	topPlace = &place{what: "model", keys: []string{
		"extends", "name", "title", "description", "unit", "horizon", "landmarks", "cohort", "death_states",
		"attributes", "by", "states", "endpoints", "parameters", "correlations", "targets", "calibrate", "sensitivity"},
		lists: map[string]*place{"states": statePlace, "endpoints": endpointPlace,
			"parameters": parameterPlace, "targets": targetPlace, "attributes": attributePlace, "correlations": correlationPlace},
		maps: map[string]*place{"calibrate": calibratePlace, "sensitivity": sensitivityPlace}}
)

// has reports whether key is allowed here.
func (p *place) has(key string) bool { return slices.Contains(p.keys, key) }

// child returns the place of the items (or the mapping) a key holds, and
// whether it is a list, or nil when the key holds a plain value.
func (p *place) child(key string) (*place, bool) {
	if c := p.lists[key]; c != nil {
		return c, true
	}
	return p.maps[key], false
}

// identity returns the name an item is merged by: its name, or for an exit
// its destination; "" when it has neither.
func identity(item *node, p *place) string {
	if s := item.str("name"); s != "" {
		return s
	}
	if p == exitPlace {
		return item.str("to")
	}
	return ""
}

// itemPath returns the path of a list item: "states[2]".
func itemPath(parent, key string, i int) string {
	if parent == "" {
		return fmt.Sprintf("%s[%d]", key, i)
	}
	return fmt.Sprintf("%s.%s[%d]", parent, key, i)
}

// keyPath joins a path and a key.
func keyPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// checkKeys reports every key of n (a mapping at place p, found at path) that
// is not allowed there, descending into the places it holds. The item flags
// remove and replace are allowed only when flags is set (the file extends
// another); shapes other than mappings are left for decoding to report.
func checkKeys(n *node, p *place, path string, flags bool, iss *issues) {
	if n == nil || n.kind != mapNode {
		return
	}
	for _, e := range n.entries {
		switch {
		case p.has(e.key):
		case p.named && (e.key == keyRemove || e.key == keyReplace):
			if !flags {
				iss.add(e.keyPos, path, "%q is only allowed in a file that extends another (it changes an item of the base)", e.key)
			}
			continue
		default:
			keys := p.keys
			if p.named && flags {
				keys = append(slices.Clip(keys), keyRemove, keyReplace)
			}
			what := "key"
			if path == "" {
				what = "top-level key"
			}
			if len(*iss) >= maxShown { // not shown (Error summarises them): spare the suggestion's cost
				iss.add(e.keyPos, path, "unknown %s %q", what, clip(e.key, 80))
				continue
			}
			iss.add(e.keyPos, path, "unknown %s %q %s", what, clip(e.key, 80), allowed(e.key, keys))
			continue
		}
		c, isList := p.child(e.key)
		switch {
		case c == nil:
		case isList && e.val.kind == listNode:
			for i, it := range e.val.items {
				checkKeys(it, c, itemPath(path, e.key, i), flags, iss)
			}
		case !isList:
			checkKeys(e.val, c, keyPath(path, e.key), flags, iss)
		}
	}
}
