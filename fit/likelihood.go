package fit

import (
	"fmt"
	"math"

	"github.com/blinasim/blinasim/model"
)

// pClamp keeps simulated proportions off 0 and 1, where a binomial
// log-likelihood is infinite.
const pClamp = 1e-9

// Contribution returns a target's share of the objective when the model
// gives the figure simulated: minus the log-likelihood ratio of the simulated
// figure against the published one, ≥ 0 and 0 for a perfect fit.
//
//   - A proportion with a sample size n is binomial: with x = value·n and p
//     the simulated figure clamped to [1e-9, 1 − 1e-9],
//     x·log(value/p) + (n − x)·log((1 − value)/(1 − p)).
//   - A proportion without n but with an interval is normal with SE =
//     (upper − lower)/(2·1.96): (p − value)²/(2·SE²).
//   - A median is normal on the log scale, (log m − log value)²/(2·SE²), with
//     SE from the published interval, (log upper − log lower)/(2·1.96), or
//     else MedianSE(n). A median the run never reaches (+Inf) counts as the
//     horizon, a lower bound, so the objective still points the way.
//
// It returns an error when the target has neither n nor an interval, or when
// the simulated figure is NaN (a time past the horizon, an endpoint no
// patient started).
func Contribution(t model.Target, simulated, horizon float64) (float64, error) {
	if math.IsNaN(simulated) {
		return 0, fmt.Errorf("target %q: the run does not give it (a time past the horizon %v, or an endpoint no patient starts)", t.Name, horizon)
	}
	hasInterval := t.Lower != 0 || t.Upper != 0
	if t.Measure == model.MeasureMedian {
		var se float64
		switch {
		case hasInterval && t.Lower > 0:
			se = (math.Log(t.Upper) - math.Log(t.Lower)) / (2 * z95)
		case t.N > 0:
			se = MedianSE(t.N)
		default:
			return 0, fmt.Errorf("target %q: a median needs n or a published interval (lower > 0, upper) for its likelihood", t.Name)
		}
		if !(se > 0) {
			return 0, fmt.Errorf("target %q: its interval [%v, %v] has no width", t.Name, t.Lower, t.Upper)
		}
		m := math.Min(simulated, horizon)
		d := math.Log(m) - math.Log(t.Value)
		return d * d / (2 * se * se), nil
	}
	p := math.Min(math.Max(simulated, pClamp), 1-pClamp)
	switch {
	case t.N > 0:
		n := float64(t.N)
		x := t.Value * n
		return xlogRatio(x, t.Value, p) + xlogRatio(n-x, 1-t.Value, 1-p), nil
	case hasInterval && t.Upper > t.Lower:
		se := (t.Upper - t.Lower) / (2 * z95)
		d := p - t.Value
		return d * d / (2 * se * se), nil
	}
	return 0, fmt.Errorf("target %q: a proportion needs n or a published interval for its likelihood", t.Name)
}

// xlogRatio is x·log(a/b), 0 when x = 0 (the limit x·log x → 0).
func xlogRatio(x, a, b float64) float64 {
	if x == 0 {
		return 0
	}
	return x * math.Log(a/b)
}
