package fit

import (
	"math"

	"github.com/blinasim/blinasim/model"
)

// Every free parameter is searched as y on the whole real line, which the
// transforms map onto its bounds (Nelder-Mead has no bounds):
//
//	logit: x = lower + (upper − lower)·σ(y)
//	log:   x = exp(log lower + (log upper − log lower)·σ(y))
//	none:  x = lower + (upper − lower)·(y + 2)/4, linear: a point outside
//	       the bounds is rejected by the objective
//
// with σ(y) = 1/(1 + e^−y). The linear scale has the logit's slope at the
// middle of the bounds (1/4), so one initial simplex size suits every
// parameter. A random start draws the position u within the bounds uniformly
// in (0, 1): uniform between the bounds, log-uniform for log.

// toParam maps a search coordinate to the parameter's value.
func toParam(f model.FreeParameter, y float64) float64 {
	switch f.Scale() {
	case model.TransformLogit:
		return clampTo(f, f.Lower+(f.Upper-f.Lower)*sigmoid(y))
	case model.TransformLog:
		lo, hi := math.Log(f.Lower), math.Log(f.Upper)
		return clampTo(f, math.Exp(lo+(hi-lo)*sigmoid(y)))
	}
	return f.Lower + (f.Upper-f.Lower)*(y+2)/4
}

// toSearch maps a parameter's value within its bounds to its search
// coordinate; toParam(f, toSearch(f, x)) = x up to rounding. A value on a
// bound, which logit and log map to infinity, is moved inside by a billionth
// of the bounds' width (on the parameter's scale).
func toSearch(f model.FreeParameter, x float64) float64 {
	if f.Scale() == model.TransformNone {
		return 4*(x-f.Lower)/(f.Upper-f.Lower) - 2
	}
	const edge = 1e-9
	return logit(math.Min(math.Max(position(f, x), edge), 1-edge))
}

// fromUnit maps a position u in (0, 1) within the bounds, on the parameter's
// scale, to its search coordinate (random starts).
func fromUnit(f model.FreeParameter, u float64) float64 {
	if f.Scale() == model.TransformNone {
		return 4*u - 2
	}
	return logit(u)
}

// position returns where x lies within the bounds on the parameter's scale,
// 0 at lower and 1 at upper (for reports and the identification check).
func position(f model.FreeParameter, x float64) float64 {
	if f.Scale() == model.TransformLog {
		lo, hi := math.Log(f.Lower), math.Log(f.Upper)
		return (math.Log(x) - lo) / (hi - lo)
	}
	return (x - f.Lower) / (f.Upper - f.Lower)
}

// inBounds reports whether x lies within the parameter's bounds.
func inBounds(f model.FreeParameter, x float64) bool { return x >= f.Lower && x <= f.Upper }

// clampTo keeps a mapped value within the bounds despite rounding.
func clampTo(f model.FreeParameter, x float64) float64 {
	return math.Min(math.Max(x, f.Lower), f.Upper)
}

func sigmoid(y float64) float64 {
	if y >= 0 {
		return 1 / (1 + math.Exp(-y))
	}
	e := math.Exp(y)
	return e / (1 + e)
}

func logit(u float64) float64 { return math.Log(u) - math.Log1p(-u) }
