package report

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestPlaceLabels: placed labels stay within the bounds and overlap neither
// each other nor what was taken; a label goes above right of its anchor when
// that is free, and is left out when no position is.
func TestPlaceLabels(t *testing.T) {
	bounds := vg.Rectangle{Max: vg.Point{X: 200, Y: 150}}
	size := vg.Point{X: 12, Y: 6}
	t.Run("first choice", func(t *testing.T) {
		got := placeLabels([]vg.Point{{X: 50, Y: 50}}, []vg.Point{size}, 2, bounds, nil, nil, 0)
		want := vg.Rectangle{Min: vg.Point{X: 52, Y: 52}, Max: vg.Point{X: 64, Y: 58}}
		if got[0] == nil || *got[0] != want {
			t.Errorf("placed at %v, want %v", got[0], want)
		}
	})
	t.Run("off the line", func(t *testing.T) {
		// A step line above the anchor, falling at x = 53 to y = 55: it
		// crosses the label above right; below left is free.
		line := [][]vg.Point{{{X: 0, Y: 60}, {X: 53, Y: 60}, {X: 53, Y: 55}, {X: 200, Y: 55}}}
		got := placeLabels([]vg.Point{{X: 50, Y: 50}}, []vg.Point{size}, 2, bounds, nil, line, 0)
		want := vg.Rectangle{Min: vg.Point{X: 36, Y: 42}, Max: vg.Point{X: 48, Y: 48}}
		if got[0] == nil || *got[0] != want {
			t.Errorf("placed at %v, want %v", got[0], want)
		}
		if crossesAny(want, line) || !crossesAny(vg.Rectangle{Min: vg.Point{X: 52, Y: 52}, Max: vg.Point{X: 64, Y: 58}}, line) {
			t.Error("crossesAny is wrong about the candidates")
		}
	})
	t.Run("away from crowded curves", func(t *testing.T) {
		// Horizontal lines through the anchor and 3 pt above and below it, as
		// where three curves run close: every position at distance 2 crosses
		// one, so the label moves out half a height, above the upper line.
		lines := [][]vg.Point{{{X: 0, Y: 53}, {X: 200, Y: 53}}, {{X: 0, Y: 47}, {X: 200, Y: 47}}, {{X: 0, Y: 50}, {X: 200, Y: 50}}}
		got := placeLabels([]vg.Point{{X: 50, Y: 50}}, []vg.Point{size}, 2, bounds, nil, lines, 0.5)
		if got[0] == nil || crossesAny(grow(*got[0], 0.5), lines) {
			t.Fatalf("placed at %v, want a box off the lines", got[0])
		}
		if want := (vg.Rectangle{Min: vg.Point{X: 55, Y: 55}, Max: vg.Point{X: 67, Y: 61}}); *got[0] != want {
			t.Errorf("placed at %v, want %v (above right, half a height out)", *got[0], want)
		}
	})
	t.Run("no position off the curves", func(t *testing.T) {
		// Lines every 3 pt: no 6 pt high box fits between them; the label is
		// left out rather than drawn over a line.
		var lines [][]vg.Point
		for y := vg.Length(0); y <= 150; y += 3 {
			lines = append(lines, []vg.Point{{X: 0, Y: y}, {X: 200, Y: y}})
		}
		if got := placeLabels([]vg.Point{{X: 50, Y: 50}}, []vg.Point{size}, 2, bounds, nil, lines, 0); got[0] != nil {
			t.Errorf("placed at %v over a line", *got[0])
		}
	})
	t.Run("no room", func(t *testing.T) {
		taken := []vg.Rectangle{bounds}
		if got := placeLabels([]vg.Point{{X: 50, Y: 50}}, []vg.Point{size}, 2, bounds, taken, nil, 0); got[0] != nil {
			t.Errorf("placed at %v over what was taken", got[0])
		}
	})
	t.Run("crowded", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		anchors := make([]vg.Point, 120)
		sizes := make([]vg.Point, len(anchors))
		for i := range anchors {
			anchors[i] = vg.Point{X: vg.Length(rng.Float64() * 200), Y: vg.Length(rng.Float64() * 150)}
			sizes[i] = size
		}
		taken := []vg.Rectangle{{Min: vg.Point{X: 90, Y: 0}, Max: vg.Point{X: 110, Y: 150}}} // a bar
		got := placeLabels(anchors, sizes, 2, bounds, taken, nil, 0)
		var placed []vg.Rectangle
		for _, r := range got {
			if r == nil {
				continue
			}
			if !inside(*r, bounds) || overlapsAny(*r, taken) || overlapsAny(*r, placed) {
				t.Fatalf("label %v is out of bounds or overlaps", *r)
			}
			placed = append(placed, *r)
		}
		if len(placed) < 10 || len(placed) == len(anchors) {
			t.Errorf("%d of %d labels placed: expected a crowded plot to leave some out but not most", len(placed), len(anchors))
		}
	})
}
