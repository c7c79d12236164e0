package sim

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

// TestTrialOutcomesInts: trial outcomes written as integers read back the
// same, every field; a field added to TrialOutcome or TrialAnalysis fails
// here until Ints writes it.
func TestTrialOutcomesInts(t *testing.T) {
	leaves := func(x any) int {
		n := 0
		var walk func(reflect.Type)
		walk = func(ty reflect.Type) {
			for i := range ty.NumField() {
				f := ty.Field(i)
				switch {
				case f.Type.Kind() == reflect.Struct:
					walk(f.Type)
				case f.Type.Kind() == reflect.Array:
					n += f.Type.Len()
				default:
					n++
				}
			}
		}
		walk(reflect.TypeOf(x))
		return n
	}
	if n := leaves(TrialOutcome{}); n != trialOutcomeInts {
		t.Fatalf("TrialOutcome has %d numbers; Ints writes %d: update Ints and TrialOutcomesFromInts", n, trialOutcomeInts)
	}
	tr := expTrial(t, 0.05, 0.7, []int{1, 1}, []int{40, 80}, Analysis{Time: 24})
	span := Span{3, 9}
	o, err := tr.SimulateSpan(context.Background(), span, TrialOptions{Seed: 4, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	back, err := TrialOutcomesFromInts(span, 2, tr.Comparisons(), o.Ints())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprintf("%+v", *back) != fmt.Sprintf("%+v", *o) {
		t.Errorf("read back\n%+v\nwant\n%+v", *back, *o)
	}
	empty, err := tr.SimulateSpan(context.Background(), Span{5, 5}, TrialOptions{Seed: 4})
	if err != nil || len(empty.Rows) != 0 {
		t.Fatalf("an empty span: %v, %v", empty, err)
	}
	whole, _ := tr.Simulate(context.Background(), TrialRange{0, 9}, TrialOptions{Seed: 4})
	first, _ := tr.Simulate(context.Background(), TrialRange{0, 3}, TrialOptions{Seed: 4})
	merged, err := MergeTrialParts(9, back, empty, first)
	if err != nil || fmt.Sprintf("%+v", *merged) != fmt.Sprintf("%+v", *whole) {
		t.Errorf("merged parts differ from the whole (%v)", err)
	}
}
