package fit

import (
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// TestTransforms: each transform maps the real line onto the bounds and
// back, a start's position u within the bounds round-trips, and the default
// scale follows the bounds.
func TestTransforms(t *testing.T) {
	cases := []struct {
		f     model.FreeParameter
		scale model.Transform
	}{
		{model.FreeParameter{Lower: 0, Upper: 1}, model.TransformLogit},
		{model.FreeParameter{Lower: 0.2, Upper: 0.9}, model.TransformLogit},
		{model.FreeParameter{Lower: 0.01, Upper: 3}, model.TransformLog},
		{model.FreeParameter{Lower: 2, Upper: 30, Transform: model.TransformNone}, model.TransformNone},
		{model.FreeParameter{Lower: -1, Upper: 2}, model.TransformNone},
		{model.FreeParameter{Lower: 0, Upper: 5, Transform: model.TransformLogit}, model.TransformLogit},
	}
	for _, c := range cases {
		f := c.f
		if f.Scale() != c.scale {
			t.Errorf("%+v: scale %q, want %q", f, f.Scale(), c.scale)
		}
		for _, u := range []float64{1e-6, 0.1, 0.5, 0.77, 1 - 1e-6} {
			x := toParam(f, fromUnit(f, u))
			if math.Abs(position(f, x)-u) > 1e-9 {
				t.Errorf("%+v: u %v gives x %v at position %v", f, u, x, position(f, x))
			}
			if y := toSearch(f, x); math.Abs(toParam(f, y)-x) > 1e-12*math.Max(1, math.Abs(x)) {
				t.Errorf("%+v: x %v → y %v → %v", f, x, y, toParam(f, y))
			}
			if !inBounds(f, x) {
				t.Errorf("%+v: x %v outside the bounds", f, x)
			}
		}
		if f.Scale() != model.TransformNone {
			// the whole real line lands within the bounds
			for _, y := range []float64{-800, -40, 40, 800} {
				if x := toParam(f, y); !inBounds(f, x) {
					t.Errorf("%+v: y %v gives x %v outside the bounds", f, y, x)
				}
			}
		}
	}
	// The linear scale has the logit's slope at the middle of the bounds.
	lin, lgt := model.FreeParameter{Lower: 0, Upper: 1, Transform: model.TransformNone}, model.FreeParameter{Lower: 0, Upper: 1}
	const h = 1e-6
	if a, b := (toParam(lin, h)-toParam(lin, -h))/(2*h), (toParam(lgt, h)-toParam(lgt, -h))/(2*h); math.Abs(a-b) > 1e-6 {
		t.Errorf("slopes at the middle: linear %v, logit %v", a, b)
	}
}

// TestTransformsAtBounds: a value on a bound maps to a finite search
// coordinate just inside it.
func TestTransformsAtBounds(t *testing.T) {
	for _, f := range []model.FreeParameter{{Lower: 0, Upper: 1}, {Lower: 0.01, Upper: 2}} {
		for _, x := range []float64{f.Lower, f.Upper} {
			y := toSearch(f, x)
			if math.IsInf(y, 0) || math.IsNaN(y) || math.Abs(toParam(f, y)-x) > 1e-8*(f.Upper-f.Lower) {
				t.Errorf("%+v: bound %v → %v → %v", f, x, y, toParam(f, y))
			}
		}
	}
}
