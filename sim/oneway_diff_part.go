package sim

import (
	"context"
	"fmt"

	"github.com/blinasim/blinasim/model"
)

// A one-way analysis of a difference has the units of the one-way analysis
// of one model (OneWayUnits): unit 0 is the base pair (both scenarios at
// their values), unit 1+i range i (both ends, each a pair). Each unit's pairs
// run whole, on all the patients, so a shard of units gives what the whole
// run gives for them, bit for bit.

// OneWayDiffPart is what a span of a one-way analysis of a difference's
// units gives: the base pair's totals if the span holds unit 0 (from which
// the assembly estimates the base difference and both base runs), and each
// range's differences at its low and high ends, in the order of the ranges.
// AssembleOneWayDifference puts the parts of all spans together.
type OneWayDiffPart struct {
	Span Span
	base *Tally       // nil unless Span holds unit 0
	ends []Difference // per range of the span: at its low end, then its high
}

// diffPrograms compiles the base pair and each end's pair of an analysis of
// scen − base (ends[2i] is range i at its low end, ends[2i+1] at its high),
// so that a bad end fails before anything is simulated.
func diffPrograms(base, scen *model.Model, o model.Outcome, ranges []Range) (p0 [2]*Program, ends [][2]*Program, err error) {
	pa, err := newPairAt(base, scen, o)
	if err != nil {
		return p0, nil, err
	}
	if p0, err = pa.compile(nil); err != nil {
		return p0, nil, err
	}
	ends = make([][2]*Program, 0, 2*len(ranges))
	for _, r := range ranges {
		if !pa.has(r.Parameter) {
			return p0, nil, fmt.Errorf("one-way analysis: neither %s nor %s has a parameter %q", base.Name, scen.Name, r.Parameter)
		}
		for _, x := range []float64{r.Low, r.High} {
			p, err := pa.compile(map[string]float64{r.Parameter: x})
			if err != nil {
				return p0, nil, &ValueError{fmt.Errorf("one-way analysis of the difference: parameter %q at %v: %w", r.Parameter, x, err)}
			}
			ends = append(ends, p)
		}
	}
	return p0, ends, nil
}

// RunOneWayDifferencePart runs the units of span (all when nil) of the
// one-way analysis of a difference that RunOneWayDifference runs.
func RunOneWayDifferencePart(ctx context.Context, base, scen *model.Model, o model.Outcome, ranges []Range, span *Span,
	opts Options) (*OneWayDiffPart, error) {
	p0, ends, err := diffPrograms(base, scen, o, ranges)
	if err != nil {
		return nil, err
	}
	sp, err := resolveSpan(span, OneWayUnits(len(ranges)), "one-way units")
	if err != nil {
		return nil, err
	}
	part := &OneWayDiffPart{Span: sp}
	if sp.Lo == 0 && sp.Hi > 0 {
		if part.base, err = SimulateScenarios(ctx, p0[:], opts); err != nil {
			return nil, err
		}
	}
	rs := sp.Within(1, OneWayUnits(len(ranges)))
	for _, p := range ends[2*rs.Lo : 2*rs.Hi] {
		d, _, err := runDiff(ctx, p, o, opts)
		if err != nil {
			return nil, err
		}
		part.ends = append(part.ends, d)
	}
	return part, nil
}

// AssembleOneWayDifference puts together the parts of a one-way analysis of
// scen − base, which must hold each of its units once, into what
// RunOneWayDifference returns: the rows sorted by swing, largest first (rows
// without a swing last, in the order of the ranges).
func AssembleOneWayDifference(scen *model.Model, o model.Outcome, ranges []Range, parts ...*OneWayDiffPart) (*OneWay, error) {
	var base *Tally
	var ends []Difference
	next := 0
	for _, p := range sortedSpans(parts, func(p *OneWayDiffPart) Span { return p.Span }) {
		if p.Span.Lo != next {
			return nil, fmt.Errorf("one-way units %d..%d of the difference are missing or given twice", next, p.Span.Lo)
		}
		next = p.Span.Hi
		if p.base != nil {
			base = p.base
		}
		ends = append(ends, p.ends...)
	}
	if next != OneWayUnits(len(ranges)) || base == nil || len(ends) != 2*len(ranges) {
		return nil, fmt.Errorf("one-way parts of the difference hold units 0..%d of 0..%d", next, OneWayUnits(len(ranges)))
	}
	results, comps := base.Results()
	d0 := outcomeDifference(comps[0], o)
	ow := &OneWay{Outcome: o, Base: d0.Estimate, BaseResult: results[0], ScenarioResult: results[1], Scenario: scen.Name, BasePaired: d0.Paired}
	for i, r := range ranges {
		lo, hi := ends[2*i], ends[2*i+1]
		ow.Rows = append(ow.Rows, OneWayRow{Range: r, AtLow: lo.Estimate, AtHigh: hi.Estimate,
			DiffLow: independent(d0.Estimate, lo.Estimate), DiffHigh: independent(d0.Estimate, hi.Estimate)})
	}
	ow.sortBySwing()
	return ow, nil
}

// Ints returns the part as arrays of integers (unitPartInts): per range its
// differences at the low and high ends.
func (p *OneWayDiffPart) Ints() [][]int64 {
	rows := make([][]float64, 0, len(p.ends)/2)
	for i := 0; i+1 < len(p.ends); i += 2 {
		rows = append(rows, differenceFloats(differenceFloats(nil, p.ends[i]), p.ends[i+1]))
	}
	return unitPartInts(p.base, rows)
}

// diffRowNumbers is how many numbers a range's row of a part holds: two
// differences of 9 (estimate, paired, unpaired estimate).
const diffRowNumbers = 2 * 9

// OneWayDiffPartFromInts reads back a part written by Ints, of the one-way
// analysis of scen − base with the same outcome, ranges and options.
func OneWayDiffPartFromInts(base, scen *model.Model, o model.Outcome, ranges []Range, opts Options, span Span,
	xs [][]int64) (*OneWayDiffPart, error) {
	p0, _, err := diffPrograms(base, scen, o, ranges)
	if err != nil {
		return nil, err
	}
	part := &OneWayDiffPart{Span: span}
	var rows [][]float64
	if part.base, rows, err = readUnitPart("one-way part of the difference", p0[:], opts, span, len(ranges), diffRowNumbers, xs); err != nil {
		return nil, err
	}
	for _, f := range rows {
		lo, f := floatsDifference(f)
		hi, _ := floatsDifference(f)
		part.ends = append(part.ends, lo, hi)
	}
	return part, nil
}
