package sim

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// TestOneWayDiffPartsAssemble: the parts of 1 to 3 spans of a one-way
// analysis of a difference, written as integers and read back, assemble to
// what RunOneWayDifference returns, exactly; damaged integers are an error
// naming what is wrong, never a panic.
func TestOneWayDiffPartsAssemble(t *testing.T) {
	base, scen, o := halfHazardPair()
	ranges := append(DiffRanges(base, scen), Range{Parameter: "h", Value: 0.1, Low: 0.05, High: 0.3, Ends: EndsBounds})
	opts := Options{Patients: 3000, Seed: 7, Workers: 2}
	ctx := context.Background()
	whole, err := RunOneWayDifference(ctx, base, scen, o, ranges, opts)
	if err != nil {
		t.Fatal(err)
	}
	units := OneWayUnits(len(ranges))
	for _, n := range []int{1, 2, 3} {
		var parts []*OneWayDiffPart
		for k := range n {
			sp := ShardSpan(units, k, n)
			p, err := RunOneWayDifferencePart(ctx, base, scen, o, ranges, &sp, Options{Patients: 3000, Seed: 7, Workers: 1 + k%2})
			if err != nil {
				t.Fatal(err)
			}
			back, err := OneWayDiffPartFromInts(base, scen, o, ranges, opts, sp, p.Ints())
			if err != nil {
				t.Fatalf("%d shards, part %d: %v", n, k, err)
			}
			parts = append(parts, back)
		}
		got, err := AssembleOneWayDifference(scen, o, ranges, parts...)
		if err != nil {
			t.Fatalf("%d shards: %v", n, err)
		}
		// Rows have no NaN here; results may (fingerprint compares them bit for bit).
		if !reflect.DeepEqual(got.Rows, whole.Rows) || got.Base != whole.Base || got.BasePaired != whole.BasePaired ||
			fingerprint(got.BaseResult) != fingerprint(whole.BaseResult) || fingerprint(got.ScenarioResult) != fingerprint(whole.ScenarioResult) {
			t.Errorf("%d shards: the assembled analysis differs from the whole run's", n)
		}
		if n == 2 {
			if _, err := AssembleOneWayDifference(scen, o, ranges, parts[1]); err == nil || !strings.Contains(err.Error(), "missing or given twice") {
				t.Errorf("a part missing: %v", err)
			}
		}
	}

	all := Span{0, units}
	p, err := RunOneWayDifferencePart(ctx, base, scen, o, ranges, &all, opts)
	if err != nil {
		t.Fatal(err)
	}
	good := p.Ints()
	damaged := func(f func(xs [][]int64) [][]int64) [][]int64 {
		xs := make([][]int64, len(good))
		for i := range good {
			xs[i] = append([]int64(nil), good[i]...)
		}
		return f(xs)
	}
	for _, c := range []struct {
		name string
		xs   [][]int64
		want string
	}{
		{"no header", nil, "no header array"},
		{"no base pair", damaged(func(xs [][]int64) [][]int64 { xs[0][0] = 0; return xs }), "holds 2 rows"},
		{"a row too many", damaged(func(xs [][]int64) [][]int64 { xs[0][1] = 3; return xs }), "holds 3 rows (want 2)"},
		{"a row cut short", damaged(func(xs [][]int64) [][]int64 { xs[len(xs)-1] = xs[len(xs)-1][:5]; return xs }), "has 5 numbers (want 18)"},
		{"the totals cut short", damaged(func(xs [][]int64) [][]int64 { return xs[:3] }), "cut short"},
		{"a row missing", damaged(func(xs [][]int64) [][]int64 { return xs[:len(xs)-1] }), "1 row arrays for 2 rows"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := OneWayDiffPartFromInts(base, scen, o, ranges, opts, all, c.xs)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error saying %q", err, c.want)
			}
		})
	}
}
