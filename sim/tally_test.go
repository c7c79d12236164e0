package sim

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestTallyWritesEveryTotal: a total added to accum or pairAccum fails here
// until Tally.Ints and AddInts write and read it, for otherwise shards would
// merge without it.
func TestTallyWritesEveryTotal(t *testing.T) {
	// accum: patients, 13 arrays and the subgroups' accums, all totals;
	// pairAccum: 3 fields that describe the pairs (eps with their τ and
	// median thresholds, landmarks, tickScale), then 9 totals and the
	// subgroups' pairs.
	for _, c := range []struct {
		v    any
		want int
	}{{accum{}, 15}, {pairAccum{}, 13}} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.want {
			t.Errorf("%T has %d fields, Tally.Ints knows %d: update Ints, AddInts and this test", c.v, n, c.want)
		}
	}
}

// TestTallyShardsAddUp: the totals of 1, 2, 3 and 7 spans of the patients,
// written as integers and added back, give results and paired comparisons
// identical to the whole run's; arrays of the wrong number or length are an
// error that leaves the totals unchanged.
func TestTallyShardsAddUp(t *testing.T) {
	progs := mustCompile(t, referenceModel(0), lowerDeath(0, 0.7))
	opts := Options{Patients: 10_007, Seed: 5, Workers: 2}
	whole, wholeComps, err := RunScenarios(context.Background(), progs, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 2, 3, 7} {
		total, err := NewTally(progs, opts)
		if err != nil {
			t.Fatal(err)
		}
		for k := range n {
			o := opts
			span := ShardSpan(opts.Patients, k, n)
			o.Span = &span
			part, err := SimulateScenarios(context.Background(), progs, o)
			if err != nil {
				t.Fatal(err)
			}
			if err := total.AddInts(part.Ints()); err != nil {
				t.Fatal(err)
			}
		}
		res, comps := total.Results()
		for i := range res {
			if fingerprint(res[i]) != fingerprint(whole[i]) {
				t.Errorf("%d shards: scenario %d differs from the whole run", n, i)
			}
		}
		if fmt.Sprintf("%+v", comps) != fmt.Sprintf("%+v", wholeComps) {
			t.Errorf("%d shards: the paired comparison differs from the whole run's", n)
		}
	}

	total, _ := NewTally(progs, opts)
	before := fmt.Sprint(total.Ints())
	xs := total.Ints()
	for _, c := range []struct {
		name string
		xs   [][]int64
		want string
	}{
		{"an array too few", xs[:len(xs)-1], "arrays of totals"},
		{"an array too short", append(append([][]int64{}, xs[:1]...), append([][]int64{xs[1][1:]}, xs[2:]...)...), "array 1 of the totals"},
	} {
		if err := total.AddInts(c.xs); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v; want one saying %q", c.name, err, c.want)
		}
	}
	if fmt.Sprint(total.Ints()) != before {
		t.Error("a rejected AddInts changed the totals")
	}
}
