package sim

import (
	"fmt"
	"math"
	"slices"

	"github.com/blinasim/blinasim/model"
)

// attrProgram is the compiled form of a model's attributes: what the
// attribute-aware patient loop (attr_patient.go) needs. A Program without
// attributes has none, and its patients run the plain loop unchanged.
type attrProgram struct {
	attrs   []cattr
	primary int       // the attribute drawn from the initial uniform (level-major with the initial state), or -1
	updFrom []int32   // per state: its updates are upd[updFrom[s]:updFrom[s+1]]
	upd     []cupdate // every state's updates
	exits   []cexitAttr
	group   int // attribute whose level picks the patient's subgroup accumulator, or -1
	// levelArmCum holds, for exits with branch_by, each level's cumulative
	// arm probabilities: level l of an exit is levelArmCum[ex.levelCum+l·bN:][:bN].
	levelArmCum []float64
}

// cattr is one attribute's baseline.
type cattr struct {
	kind   model.AttrKind
	init   float64   // the value when not drawn (time: NaN = not recorded)
	shares []float64 // cumulative level shares, the last +Inf; nil: not drawn
	probs  []float64 // the level shares themselves (to rescale the primary's uniform)
	dist   cumHazard // number drawn by inversion; nil: not drawn
	key    uint64    // hash of the name: the draw's key, so scenarios agree whatever the order
}

// update operations.
const (
	opSet uint8 = iota
	opAdd
	opRecord
)

type cupdate struct {
	attr int32
	op   uint8
	x    float64
}

// cexitAttr is what an exit takes from attributes.
type cexitAttr struct {
	since    int32 // time attribute the clock runs from, or -1
	conds    []ccond
	effects  []ceffect
	hr       float64 // the exit's own hazard ratio
	rate     float64 // exponential: the rate (to rebuild k = tr/(hr·rate) exactly as compileExit does)
	branchBy int32   // attribute whose level picks the arms' probabilities, or -1
	levelCum int32   // offset into levelArmCum
}

// ccond: open iff (lo ≤ v ≤ hi) != neg.
type ccond struct {
	attr   int32
	lo, hi float64
	neg    bool
}

// ceffect: an hr that applies when lo ≤ v < hi (level: lo = v = level, hi =
// lo+1), or exp(beta·v) when beta is set.
type ceffect struct {
	attr   int32
	lo, hi float64
	hr     float64
	beta   float64
	linear bool
}

// compileAttrs builds p.attr from the model; it leaves it nil for a model
// without attributes.
func (p *Program) compileAttrs(m *model.Model, vals model.Values, idx map[string]int32) error {
	if !m.UsesAttributes() {
		return nil
	}
	a := &attrProgram{primary: -1, group: -1}
	for i, at := range m.Attributes {
		c, err := compileAttr(at, vals)
		if err != nil {
			return fmt.Errorf("attribute %q: %w", at.Name, err)
		}
		if c.shares != nil && a.primary < 0 {
			a.primary = i
		}
		a.attrs = append(a.attrs, c)
	}
	if g := groupAttr(m); g != "" {
		a.group = m.AttributeIndex(g)
	}
	for _, s := range m.States {
		a.updFrom = append(a.updFrom, int32(len(a.upd)))
		for _, u := range s.Updates {
			cu := cupdate{attr: int32(m.AttributeIndex(u.Attr))}
			at := m.Attributes[cu.attr]
			var err error
			switch {
			case u.Record:
				cu.op = opRecord
			case u.Add != nil:
				cu.op = opAdd
				cu.x, err = vals.Resolve(*u.Add)
			case at.LevelNames() != nil:
				cu.x = float64(slices.Index(at.LevelNames(), u.Set))
			default:
				cu.x, err = model.ParseSetValue(u.Set, vals)
			}
			if err != nil {
				return fmt.Errorf("state %q: update of %q: %w", s.Name, u.Attr, err)
			}
			a.upd = append(a.upd, cu)
		}
	}
	a.updFrom = append(a.updFrom, int32(len(a.upd)))
	k := 0
	for _, s := range m.States {
		for _, e := range s.Exits {
			ce, err := a.compileExitAttrs(m, e, vals, &p.exits[k])
			if err != nil {
				return fmt.Errorf("state %q, exit %q: %w", s.Name, e.ExitName(), err)
			}
			a.exits = append(a.exits, ce)
			k++
		}
	}
	p.attr = a
	return nil
}

// groupAttr returns the attribute results are grouped by: the model's By, or
// else the attribute its subgroup targets name.
func groupAttr(m *model.Model) string {
	if m.By != "" {
		return m.By
	}
	for _, t := range m.Targets {
		if a, _, ok := model.SplitSubgroup(t.Subgroup); ok {
			return a
		}
	}
	return ""
}

func compileAttr(at model.Attribute, vals model.Values) (cattr, error) {
	c := cattr{kind: at.Kind, key: nameKey(at.Name)} // nameKey: psa.go
	var err error
	switch {
	case at.Initial != nil:
		c.init, err = vals.Resolve(*at.Initial)
	case at.Kind == model.AttrTime:
		c.init = math.NaN()
	case at.Level != "":
		c.init = float64(slices.Index(at.LevelNames(), at.Level))
	case at.Dist != nil:
		var d model.Distribution
		if d, err = at.Dist.Build(vals); err == nil {
			c.dist = d
		}
	case len(at.Shares) > 0:
		c.probs, err = shareProbs(at, vals)
		cum := 0.0
		for _, x := range c.probs {
			cum += x
			c.shares = append(c.shares, cum)
		}
		c.shares[len(c.shares)-1] = math.Inf(1)
	}
	return c, err
}

// shareProbs returns a flag's or category's level probabilities.
func shareProbs(at model.Attribute, vals model.Values) ([]float64, error) {
	if at.Kind == model.AttrFlag {
		p, err := vals.Resolve(at.Shares[0].Prob)
		if err != nil || !(p >= 0 && p <= 1) {
			return nil, fmt.Errorf("share %v must be a probability (%v)", p, err)
		}
		return []float64{1 - p, p}, nil
	}
	arms := make([]model.Destination, len(at.Shares))
	for i, s := range at.Shares {
		arms[i] = model.Destination{Prob: s.Prob, Rest: s.Rest}
	}
	return resolveArms(arms, vals)
}

// resolveArms resolves branch-like probabilities, one of which may be rest,
// checking they are probabilities summing to 1.
func resolveArms(arms []model.Destination, vals model.Values) ([]float64, error) {
	rest, sum := -1, 0.0
	probs := make([]float64, len(arms))
	for k, a := range arms {
		if a.Rest {
			rest = k
			continue
		}
		x, err := vals.Resolve(a.Prob)
		if err != nil {
			return nil, err
		}
		if !(x >= 0 && x <= 1) {
			return nil, fmt.Errorf("probability %v outside [0, 1]", x)
		}
		probs[k] = x
		sum += x
	}
	switch {
	case rest >= 0 && sum > 1+1e-9:
		return nil, fmt.Errorf("probabilities sum to %v before `rest`; they must be at most 1", sum)
	case rest < 0 && math.Abs(sum-1) > 1e-9:
		return nil, fmt.Errorf("probabilities sum to %v; they must sum to 1", sum)
	case rest >= 0:
		probs[rest] = math.Max(0, 1-sum)
	}
	return probs, nil
}

func (a *attrProgram) compileExitAttrs(m *model.Model, e model.Exit, vals model.Values, ex *cexit) (cexitAttr, error) {
	c := cexitAttr{since: -1, branchBy: -1, hr: 1 / ex.invHR}
	if e.HazardRatio != nil {
		c.hr, _ = vals.Resolve(*e.HazardRatio) // the same number compileExit inverted
	}
	if d, ok := ex.dist.(model.Exponential); ok {
		c.rate = d.Rate
	}
	if e.Since != "" {
		c.since = int32(m.AttributeIndex(e.Since))
	}
	for _, w := range e.When {
		ai := m.AttributeIndex(w.Attr)
		cc := ccond{attr: int32(ai), lo: math.Inf(-1), hi: math.Inf(1)}
		levels := m.Attributes[ai].LevelNames()
		var err error
		switch {
		case w.Is != "":
			cc.lo = float64(slices.Index(levels, w.Is))
			cc.hi = cc.lo
		case w.Not != "":
			cc.lo = float64(slices.Index(levels, w.Not))
			cc.hi, cc.neg = cc.lo, true
		}
		if w.Min != nil {
			cc.lo, err = vals.Resolve(*w.Min)
		}
		if w.Max != nil && err == nil {
			cc.hi, err = vals.Resolve(*w.Max)
		}
		if err != nil {
			return c, err
		}
		c.conds = append(c.conds, cc)
	}
	for _, f := range e.Effects {
		ai := m.AttributeIndex(f.Attr)
		ce := ceffect{attr: int32(ai)}
		var err error
		switch {
		case f.Beta != nil:
			ce.linear = true
			ce.beta, err = vals.Resolve(*f.Beta)
		case f.Level != "":
			ce.lo = float64(slices.Index(m.Attributes[ai].LevelNames(), f.Level))
			ce.hi = ce.lo + 1
			ce.hr, err = vals.Resolve(*f.HR)
		default:
			// From this count on, until the next count listed for the attribute.
			ce.lo, ce.hi = float64(*f.Count), math.Inf(1)
			for _, g := range e.Effects {
				if g.Attr == f.Attr && g.Count != nil && *g.Count > *f.Count {
					ce.hi = math.Min(ce.hi, float64(*g.Count))
				}
			}
			ce.hr, err = vals.Resolve(*f.HR)
		}
		if err != nil {
			return c, err
		}
		if !ce.linear && !(ce.hr > 0 && !math.IsInf(ce.hr, 0)) {
			return c, fmt.Errorf("hazard ratio %v must be finite and > 0", ce.hr)
		}
		c.effects = append(c.effects, ce)
	}
	if e.BranchBy != "" {
		ai := m.AttributeIndex(e.BranchBy)
		c.branchBy, c.levelCum = int32(ai), int32(len(a.levelArmCum))
		for _, l := range m.Attributes[ai].LevelNames() {
			probs, err := resolveArms(model.LevelArms(e.Branch, l), vals)
			if err != nil {
				return c, fmt.Errorf("branch at level %s of %s: %w", l, e.BranchBy, err)
			}
			cum := 0.0
			for _, x := range probs {
				cum += x
				a.levelArmCum = append(a.levelArmCum, cum)
			}
			a.levelArmCum[len(a.levelArmCum)-1] = math.Inf(1)
		}
	}
	return c, nil
}
