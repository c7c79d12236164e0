package model

import "slices"

// AttrKind is what an attribute holds.
type AttrKind int

// The kinds of attribute. Every attribute's value is held as a float64: a flag
// as 0 (false) or 1 (true), a count as a whole number, a category as its
// level's index, a recorded time as a time in the model's unit (NaN while
// never recorded), a number as itself.
const (
	AttrFlag     AttrKind = iota // true or false; levels "false", "true"
	AttrCount                    // a whole number ≥ 0 (number of HSCTs)
	AttrTime                     // a recorded time (entry into HSCT), or not recorded
	AttrCategory                 // one of named levels (MRD negative, positive)
	AttrNumber                   // a real number (age at baseline)
)

var attrKindNames = []string{"flag", "count", "time", "category", "number"}

// AttrKinds returns the kinds' names as written in files.
func AttrKinds() []string { return slices.Clone(attrKindNames) }

// String returns the kind's name as written in files.
func (k AttrKind) String() string {
	if k < 0 || int(k) >= len(attrKindNames) {
		return "unknown"
	}
	return attrKindNames[k]
}

// ParseAttrKind returns the kind named s, or false.
func ParseAttrKind(s string) (AttrKind, bool) {
	i := slices.Index(attrKindNames, s)
	return AttrKind(i), i >= 0
}

// Attribute is a patient characteristic that exits may depend on: declared
// with its baseline (an initial value, category shares, or a distribution) and
// changed by state updates.
type Attribute struct {
	Name        string // identifier: [a-z][a-z0-9_]*
	Title       string // optional readable label (subgroup legends)
	Description string
	Kind        AttrKind
	Levels      []string // category: the level names (≥ 2); flag: implied false, true
	// Baseline, at most one of:
	Initial *Quantity // count, number, time: the value at the start (time: recorded at that time); nil: 0 (time: not recorded)
	Level   string    // flag ("true"/"false"), category: the level at the start; "": the first level (flag: false)
	Shares  []Share   // category: one per level; flag: one, the probability of true. Drawn per patient.
	Dist    *DistSpec // number: drawn per patient by inversion, X = H⁻¹(−log U)
}

// Share is a baseline probability of a level.
type Share struct {
	Prob Quantity
	Rest bool // takes 1 − the others; at most one
}

// LevelNames returns the attribute's levels: a category's, or false and true
// for a flag; nil for the other kinds.
func (a Attribute) LevelNames() []string {
	switch a.Kind {
	case AttrFlag:
		return []string{"false", "true"}
	case AttrCategory:
		return a.Levels
	}
	return nil
}

// Label returns the attribute's title, or its name.
func (a Attribute) Label() string {
	if a.Title != "" {
		return a.Title
	}
	return a.Name
}

// Drawn reports whether the attribute's baseline is drawn per patient.
func (a Attribute) Drawn() bool { return len(a.Shares) > 0 || a.Dist != nil }

// Update changes an attribute on entry into a state, before the state's exits
// draw their times. Exactly one of Set, Add, Record.
type Update struct {
	Attr   string
	Set    string    // flag: true/false; category: a level; count, number: a number or a parameter name
	Add    *Quantity // count: a whole number; number: any
	Record bool      // time: record the entry time
}

// Effect is one term of an exit's hazard ratio from an attribute; the exit's
// hazard is multiplied by every term that applies.
type Effect struct {
	Attr  string
	Level string    // flag, category: HR applies at this level
	Count *int      // count: HR applies from this count on (until the next listed count)
	Beta  *Quantity // count, number: hr = exp(beta·value), log-linear
	HR    *Quantity // the hazard ratio (with Level or Count)
}

// Condition is one condition under which an exit is open; an exit is open
// when all its conditions hold.
type Condition struct {
	Attr string
	Is   string    // flag, category: open only at this level
	Not  string    // flag, category: open except at this level
	Min  *Quantity // count, number: open when value ≥ Min
	Max  *Quantity // count, number: open when value ≤ Max
}

// LevelProb is a branch arm's probability for patients at one level of the
// exit's BranchBy attribute.
type LevelProb struct {
	Level string
	Prob  Quantity
	Rest  bool
}

// AttributeIndex returns the index of the named attribute, or -1.
func (m *Model) AttributeIndex(name string) int {
	for i := range m.Attributes {
		if m.Attributes[i].Name == name {
			return i
		}
	}
	return -1
}

// UsesAttributes reports whether anything in the model depends on
// attributes, so the engine needs its attribute-aware path.
func (m *Model) UsesAttributes() bool { return len(m.Attributes) > 0 }
