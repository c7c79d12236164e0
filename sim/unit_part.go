package sim

import "fmt"

// The part files of a one-way analysis's units (of one model, OneWayPart, or
// of a difference, OneWayDiffPart) share one layout: a header array [whether
// the part holds the base run (unit 0), its number of rows], the base's
// totals (Tally.Ints) if it does, then one array per row of the ranges in its
// span, each row's float64s as their IEEE 754 bits (so exactly).

// unitPartInts lays out a part: base is nil unless the span holds unit 0.
func unitPartInts(base *Tally, rows [][]float64) [][]int64 {
	has := int64(0)
	if base != nil {
		has = 1
	}
	xs := [][]int64{{has, int64(len(rows))}}
	if base != nil {
		xs = append(xs, base.Ints()...)
	}
	for _, r := range rows {
		xs = append(xs, floatBits(r))
	}
	return xs
}

// readUnitPart reads back a part of units span of an analysis of nRanges
// ranges laid out by unitPartInts: the base's totals into empty totals of
// progs run with opts (when the span holds unit 0), and each row's floats,
// rowNumbers of them. what names the part in errors ("one-way part").
func readUnitPart(what string, progs []*Program, opts Options, span Span, nRanges, rowNumbers int, xs [][]int64) (*Tally, [][]float64, error) {
	if len(xs) == 0 || len(xs[0]) != 2 {
		return nil, nil, fmt.Errorf("%s: no header array", what)
	}
	has, nRows := xs[0][0] == 1, int(xs[0][1])
	xs = xs[1:]
	rs := span.Within(1, OneWayUnits(nRanges))
	if has != (span.Lo == 0 && span.Hi > 0) || nRows != rs.Len() {
		return nil, nil, fmt.Errorf("%s, units %d..%d, holds %d rows (want %d)", what, span.Lo, span.Hi, nRows, rs.Len())
	}
	var base *Tally
	if has {
		var err error
		if base, err = NewTally(progs, opts); err != nil {
			return nil, nil, err
		}
		n := len(base.Ints())
		if len(xs) < n {
			return nil, nil, fmt.Errorf("%s: the base's totals are cut short", what)
		}
		if err := base.AddInts(xs[:n]); err != nil {
			return nil, nil, fmt.Errorf("%s: base: %w", what, err)
		}
		xs = xs[n:]
	}
	if len(xs) != nRows {
		return nil, nil, fmt.Errorf("%s: %d row arrays for %d rows", what, len(xs), nRows)
	}
	rows := make([][]float64, len(xs))
	for i, x := range xs {
		if rows[i] = bitsFloat(x); len(rows[i]) != rowNumbers {
			return nil, nil, fmt.Errorf("%s: row %d has %d numbers (want %d)", what, i, len(rows[i]), rowNumbers)
		}
	}
	return base, rows, nil
}
