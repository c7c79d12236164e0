package sim

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blinasim/blinasim/model"
)

// OneWayUnits is the number of units of work of a one-way analysis of n
// ranges, for sharding: unit 0 is the base run, unit 1+i range i (both ends).
func OneWayUnits(n int) int { return 1 + n }

// OneWayPart is what a span of a one-way analysis's units gives: the base's
// totals if the span holds unit 0, and the rows of its ranges, in the order of
// the ranges. AssembleOneWay puts the parts of all spans together.
type OneWayPart struct {
	Span Span
	base *Tally // nil unless Span holds unit 0
	rows []OneWayRow
}

// oneWayPrograms compiles the base and every end of an analysis of m (ends[2i]
// is range i at its low end, ends[2i+1] at its high), so that a bad end fails
// before anything is simulated.
func oneWayPrograms(m *model.Model, o model.Outcome, ranges []Range) (base *Program, ends []*Program, err error) {
	am, err := analysisModel(m, o)
	if err != nil {
		return nil, nil, err
	}
	if base, err = Compile(am, nil); err != nil {
		return nil, nil, err
	}
	ends = make([]*Program, 0, 2*len(ranges))
	for _, r := range ranges {
		for _, end := range []string{"low", "high"} {
			p, err := compileEnd(am, r, end)
			if err != nil {
				return nil, nil, err
			}
			ends = append(ends, p)
		}
	}
	return base, ends, nil
}

// RunOneWayPart runs the units of span (all when nil; see OneWayUnits) of the
// one-way analysis that RunOneWay runs.
func RunOneWayPart(ctx context.Context, m *model.Model, o model.Outcome, ranges []Range, span *Span, opts Options) (*OneWayPart, error) {
	base, ends, err := oneWayPrograms(m, o, ranges)
	if err != nil {
		return nil, err
	}
	sp, err := resolveSpan(span, OneWayUnits(len(ranges)), "one-way units")
	if err != nil {
		return nil, err
	}
	part := &OneWayPart{Span: sp}
	wantBase := sp.Lo == 0 && sp.Hi > 0
	rs := sp.Within(1, OneWayUnits(len(ranges)))
	for start := rs.Lo; start < rs.Hi; start += oneWayBatch {
		stop := min(start+oneWayBatch, rs.Hi)
		progs := append([]*Program{base}, ends[2*start:2*stop]...)
		t, err := SimulateScenarios(ctx, progs, opts)
		if err != nil {
			return nil, err
		}
		if wantBase && part.base == nil {
			part.base = t.only(0)
		}
		results, comps := t.Results()
		for i, r := range ranges[start:stop] {
			row := OneWayRow{Range: r, DiffLow: outcomeDifference(comps[2*i], o), DiffHigh: outcomeDifference(comps[2*i+1], o)}
			if row.AtLow, err = OutcomeOf(results[2*i+1], o); err != nil {
				return nil, err
			}
			if row.AtHigh, err = OutcomeOf(results[2*i+2], o); err != nil {
				return nil, err
			}
			part.rows = append(part.rows, row)
		}
	}
	if wantBase && part.base == nil { // no range in the span: the base alone
		if part.base, err = SimulateScenarios(ctx, []*Program{base}, opts); err != nil {
			return nil, err
		}
	}
	return part, nil
}

// only returns the totals of program s alone.
func (t *Tally) only(s int) *Tally {
	return &Tally{progs: t.progs[s : s+1], ls: t.ls[s : s+1], accs: t.accs[s : s+1], opts: t.opts}
}

// AssembleOneWay puts together the parts of a one-way analysis of m, which
// must hold each of its units once, into what RunOneWay returns: the rows
// sorted by swing, largest first (rows without a swing last, in the model's
// order).
func AssembleOneWay(m *model.Model, o model.Outcome, ranges []Range, opts Options, parts ...*OneWayPart) (*OneWay, error) {
	ow := &OneWay{Outcome: o}
	next := 0
	for _, p := range sortedSpans(parts, func(p *OneWayPart) Span { return p.Span }) {
		if p.Span.Lo != next {
			return nil, fmt.Errorf("one-way units %d..%d are missing or given twice", next, p.Span.Lo)
		}
		next = p.Span.Hi
		if p.base != nil {
			r, _ := p.base.Results()
			ow.BaseResult = r[0]
		}
		ow.Rows = append(ow.Rows, p.rows...)
	}
	if next != OneWayUnits(len(ranges)) || ow.BaseResult == nil {
		return nil, fmt.Errorf("one-way parts hold units 0..%d of 0..%d", next, OneWayUnits(len(ranges)))
	}
	var err error
	if ow.Base, err = OutcomeOf(ow.BaseResult, o); err != nil {
		return nil, err
	}
	ow.sortBySwing()
	return ow, nil
}

// sortBySwing sets each row's swing, |AtHigh − AtLow| (NaN when either end
// does not exist), and sorts the rows by it, largest first and rows without
// one last, in their order.
func (ow *OneWay) sortBySwing() {
	for i := range ow.Rows {
		r := &ow.Rows[i]
		r.Swing = math.Abs(r.AtHigh.Value - r.AtLow.Value)
		if math.IsInf(r.Swing, 0) {
			r.Swing = math.NaN()
		}
	}
	// cmp.Compare orders NaN below every number, so NaN last.
	slices.SortStableFunc(ow.Rows, func(a, b OneWayRow) int { return cmp.Compare(b.Swing, a.Swing) })
}

// sortedSpans returns the non-empty parts in the order of their spans.
func sortedSpans[P any](parts []P, span func(P) Span) []P {
	var s []P
	for _, p := range parts {
		if span(p).Len() > 0 {
			s = append(s, p)
		}
	}
	slices.SortStableFunc(s, func(a, b P) int { return cmp.Compare(span(a).Lo, span(b).Lo) })
	return s
}

// Ints returns the part as arrays of integers (unitPartInts): per row its
// estimates at the low and high ends and its differences from the base.
func (p *OneWayPart) Ints() [][]int64 {
	rows := make([][]float64, len(p.rows))
	for i, r := range p.rows {
		f := estimateFloats(nil, r.AtLow)
		f = estimateFloats(f, r.AtHigh)
		f = differenceFloats(f, r.DiffLow)
		rows[i] = differenceFloats(f, r.DiffHigh)
	}
	return unitPartInts(p.base, rows)
}

// rowNumbers is how many numbers a row of a one-way part holds: two
// estimates of 4 and two differences of 9.
const rowNumbers = 2*4 + 2*9

// OneWayPartFromInts reads back a part written by Ints, of the one-way
// analysis of m with the same outcome, ranges and options.
func OneWayPartFromInts(m *model.Model, o model.Outcome, ranges []Range, opts Options, span Span, xs [][]int64) (*OneWayPart, error) {
	base, _, err := oneWayPrograms(m, o, ranges)
	if err != nil {
		return nil, err
	}
	part := &OneWayPart{Span: span}
	var rows [][]float64
	if part.base, rows, err = readUnitPart("one-way part", []*Program{base}, opts, span, len(ranges), rowNumbers, xs); err != nil {
		return nil, err
	}
	rs := span.Within(1, OneWayUnits(len(ranges)))
	for i, f := range rows {
		r := OneWayRow{Range: ranges[rs.Lo+i]}
		r.AtLow, f = floatsEstimate(f)
		r.AtHigh, f = floatsEstimate(f)
		r.DiffLow, f = floatsDifference(f)
		r.DiffHigh, _ = floatsDifference(f)
		part.rows = append(part.rows, r)
	}
	return part, nil
}

func estimateFloats(f []float64, e Estimate) []float64 {
	return append(f, e.Value, e.SE, e.Lower, e.Upper)
}

func floatsEstimate(f []float64) (Estimate, []float64) {
	return Estimate{Value: f[0], SE: f[1], Lower: f[2], Upper: f[3]}, f[4:]
}

func differenceFloats(f []float64, d Difference) []float64 {
	paired := 0.0
	if d.Paired {
		paired = 1
	}
	return estimateFloats(append(estimateFloats(f, d.Estimate), paired), d.Unpaired)
}

func floatsDifference(f []float64) (Difference, []float64) {
	var d Difference
	d.Estimate, f = floatsEstimate(f)
	d.Paired, f = f[0] == 1, f[1:]
	d.Unpaired, f = floatsEstimate(f)
	return d, f
}
