package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// twoCauses is alive → dead_a at rate a and alive → dead_b at rate b (two
// death states): S(t) = exp(−(a + b)·t). a ~ Gamma(25, 250) (mean 0.1, CV
// 20%) is wider than b ~ Gamma(100, 2000) (mean 0.05, CV 10%).
func twoCauses() *model.Model {
	exit := func(to, rate string) model.Exit {
		return model.Exit{To: to, Dist: model.DistSpec{Family: model.FamExponential, Rate: &model.Quantity{Param: rate}}}
	}
	return &model.Model{Name: "two-causes", Unit: model.Month, Horizon: 24, Landmarks: []float64{12, 24},
		Parameters: []model.Parameter{
			{Name: "a", Value: 0.1, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncGamma, A: 25, B: 250}},
			{Name: "b", Value: 0.05, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncGamma, A: 100, B: 2000}},
			{Name: "fixed", Value: 1, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncFixed}},
		},
		States: []model.State{
			{Name: "alive", Initial: model.Num(1), Exits: []model.Exit{exit("dead_a", "a"), exit("dead_b", "b")}},
			{Name: "dead_a"}, {Name: "dead_b"}}}
}

var s12 = model.Outcome{Endpoint: "os", Measure: model.OutcomeSurvival, Time: 12}

// TestOneWayExactEnds: each parameter's ends are its 2.5% and 97.5%
// quantiles, the outcome at each end is exp(−(a + b)·12) there within 4
// binomial SEs √(S(1−S)/n), the wider parameter comes first, and each
// difference from the base is paired: the same patients make the coupling
// monotone (a lower hazard never kills anyone earlier), so its exact variance
// is (|Δ| − Δ²)/n (as in compare_test.go); the reported SE matches it within
// 5% (the SE's own relative error is about 1/(2√(n|Δ|)) < 1.5% here).
func TestOneWayExactEnds(t *testing.T) {
	const n = 100_000
	m := twoCauses()
	ranges := Ranges(m)
	if len(ranges) != 2 || ranges[0].Parameter != "a" || ranges[1].Parameter != "b" {
		t.Fatalf("ranges %+v: want a and b (fixed left out)", ranges)
	}
	ow, err := RunOneWay(context.Background(), m, s12, ranges, Options{Patients: n, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	surv := func(a, b float64) float64 { return math.Exp(-(a + b) * 12) }
	binSE := func(s float64) float64 { return math.Sqrt(s * (1 - s) / n) }
	base := surv(0.1, 0.05)
	within(t, "base", ow.Base.Value, base, binSE(base), 4)
	if got := []string{ow.Rows[0].Parameter, ow.Rows[1].Parameter}; got[0] != "a" || got[1] != "b" {
		t.Fatalf("rows in order %v, want [a b] (a's swing is larger)", got)
	}
	for _, row := range ow.Rows {
		u := m.Parameters[map[string]int{"a": 0, "b": 1}[row.Parameter]].Uncertainty
		if row.Low != u.Quantile(0.025) || row.High != u.Quantile(0.975) || row.Ends != EndsQuantiles {
			t.Errorf("%s: ends %v, %v (%s), want the 2.5%% and 97.5%% quantiles", row.Parameter, row.Low, row.High, row.Ends)
		}
		at := func(x float64) float64 {
			if row.Parameter == "a" {
				return surv(x, 0.05)
			}
			return surv(0.1, x)
		}
		lo, hi := at(row.Low), at(row.High)
		within(t, row.Parameter+" at low", row.AtLow.Value, lo, binSE(lo), 4)
		within(t, row.Parameter+" at high", row.AtHigh.Value, hi, binSE(hi), 4)
		if row.Swing != math.Abs(row.AtHigh.Value-row.AtLow.Value) {
			t.Errorf("%s: swing %v is not |high − low|", row.Parameter, row.Swing)
		}
		for _, d := range []struct {
			name  string
			diff  Difference
			at    Estimate
			exact float64
		}{{"low", row.DiffLow, row.AtLow, lo - base}, {"high", row.DiffHigh, row.AtHigh, hi - base}} {
			if !d.diff.Paired || d.diff.Value != d.at.Value-ow.Base.Value {
				t.Errorf("%s at %s: difference %+v, want paired and equal to %v", row.Parameter, d.name, d.diff, d.at.Value-ow.Base.Value)
			}
			se := math.Sqrt((math.Abs(d.exact) - d.exact*d.exact) / n)
			if r := d.diff.SE / se; math.Abs(r-1) > 0.05 {
				t.Errorf("%s at %s: paired SE %.4g, exact %.4g (ratio %.3f)", row.Parameter, d.name, d.diff.SE, se, r)
			}
		}
	}
}

// TestOneWayMedianAndRMST: the other measures against closed forms for a
// constant hazard λ at the ends of Gamma(25, 250): median ln2/λ with SE
// 1/(λ√n) (the sample median, no censoring before it); RMST to τ = 24,
// (1 − e^(−λτ))/λ, with SE √(Var min(T, τ)/n), where
// E[min(T, τ)²] = 2(1 − e^(−λτ)(1 + λτ))/λ². Within 4 SE.
func TestOneWayMedianAndRMST(t *testing.T) {
	const n, tau = 100_000, 24.0
	m := oneExitPSA(&model.Uncertainty{Family: model.UncGamma, A: 25, B: 250})
	for _, c := range []struct {
		measure   model.OutcomeMeasure
		value, se func(l float64) float64
	}{
		{model.OutcomeMedian, func(l float64) float64 { return ln2 / l }, func(l float64) float64 { return 1 / (l * math.Sqrt(n)) }},
		{model.OutcomeRMST, func(l float64) float64 { return (1 - math.Exp(-l*tau)) / l }, func(l float64) float64 {
			mean := (1 - math.Exp(-l*tau)) / l
			sq := 2 * (1 - math.Exp(-l*tau)*(1+l*tau)) / (l * l)
			return math.Sqrt((sq - mean*mean) / n)
		}},
	} {
		o := model.Outcome{Endpoint: "os", Measure: c.measure}
		ow, err := RunOneWay(context.Background(), m, o, Ranges(m), Options{Patients: n, Seed: 8})
		if err != nil {
			t.Fatal(err)
		}
		row := ow.Rows[0]
		within(t, o.String()+" at base", ow.Base.Value, c.value(0.1), c.se(0.1), 4)
		within(t, o.String()+" at low", row.AtLow.Value, c.value(row.Low), c.se(row.Low), 4)
		within(t, o.String()+" at high", row.AtHigh.Value, c.value(row.High), c.se(row.High), 4)
	}
}

// TestOneWayBaseIsAPlainRun: the base of a one-way analysis is the plain run
// of the model with the same seed, bit for bit (common random numbers), and
// the results do not depend on the number of workers or on how parameters
// are batched into passes.
func TestOneWayBaseIsAPlainRun(t *testing.T) {
	m := twoCauses()
	opts := Options{Patients: 20_001, Seed: 4, Workers: 1}
	ow, err := RunOneWay(context.Background(), m, s12, Ranges(m), opts)
	if err != nil {
		t.Fatal(err)
	}
	if fingerprint(ow.BaseResult) != fingerprint(mustRun(t, m, opts)) {
		t.Error("the base run differs from a plain run with the same seed")
	}
	opts.Workers = 3
	again, err := RunOneWay(context.Background(), m, s12, Ranges(m), opts)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprintf("%+v %+v", ow.Base, ow.Rows) != fmt.Sprintf("%+v %+v", again.Base, again.Rows) {
		t.Error("1 and 3 workers give different one-way results")
	}
	// One range per pass: each row as in the single pass.
	for _, r := range Ranges(m) {
		one, err := RunOneWay(context.Background(), m, s12, []Range{r}, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range ow.Rows {
			if row.Parameter == r.Parameter && fmt.Sprintf("%+v", row) != fmt.Sprintf("%+v", one.Rows[0]) {
				t.Errorf("%s alone differs from %s among others", r.Parameter, r.Parameter)
			}
		}
	}
}

// TestOneWayBoundsWinAndBadEndsFail: bounds in the sensitivity section
// replace the quantiles and give a fixed parameter a range; an end that
// breaks the model is an error naming the parameter, the end and the value;
// an outcome the model cannot give is an error.
func TestOneWayBoundsWinAndBadEndsFail(t *testing.T) {
	m := twoCauses()
	m.Sensitivity.Parameters = []model.Bounds{{Name: "b", Low: 0.01, High: 0.2}, {Name: "fixed", Low: 0.5, High: 2}}
	got := fmt.Sprint(Ranges(m))
	want := fmt.Sprint([]Range{
		{Parameter: "a", Value: 0.1, Low: m.Parameters[0].Uncertainty.Quantile(0.025), High: m.Parameters[0].Uncertainty.Quantile(0.975), Ends: EndsQuantiles},
		{Parameter: "b", Value: 0.05, Low: 0.01, High: 0.2, Ends: EndsBounds},
		{Parameter: "fixed", Value: 1, Low: 0.5, High: 2, Ends: EndsBounds}})
	if got != want {
		t.Errorf("ranges\n%s\nwant\n%s", got, want)
	}

	two := &model.Model{Name: "b", Unit: model.Month, Horizon: 12,
		Parameters: []model.Parameter{{Name: "p", Value: 0.5, Source: "t", Uncertainty: &model.Uncertainty{Family: model.UncBeta, A: 50, B: 50}},
			{Name: "r", Value: 0.5, Source: "t"}},
		States: []model.State{{Name: "a", Initial: model.Num(1), Exits: []model.Exit{{Name: "x", Dist: model.DistSpec{Family: model.FamFixed, Duration: q(1)},
			Branch: []model.Destination{{To: "b", Prob: model.Ref("p")}, {To: "c", Prob: model.Ref("r")}}}}}, {Name: "b"}, {Name: "c"}}}
	_, err := RunOneWay(context.Background(), two, s12, Ranges(two), Options{Patients: 100, Seed: 1})
	var ve *ValueError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), `parameter "p" at its low end (the 2.5% quantile of its uncertainty), 0.40`) ||
		!strings.Contains(err.Error(), "sum to") || !strings.Contains(err.Error(), "under sensitivity.parameters") {
		t.Errorf("got %v", err)
	}
	_, err = RunOneWay(context.Background(), twoCauses(), model.Outcome{Endpoint: "os", Measure: model.OutcomeSurvival, Time: 36}, nil, Options{Patients: 100})
	if err == nil || !strings.Contains(err.Error(), "past the horizon 24") {
		t.Errorf("an outcome past the horizon: got %v", err)
	}
}

// TestSweepExact: over a one- and a two-parameter grid, the outcome at each
// point is exp(−(a + b)·t) within 4 binomial SEs, in grid order (the last
// parameter fastest), at a time that is not a landmark of the model.
func TestSweepExact(t *testing.T) {
	const n = 50_000
	m := twoCauses()
	s6 := model.Outcome{Endpoint: "os", Measure: model.OutcomeSurvival, Time: 6}
	for _, sw := range []model.Sweep{
		{Name: "line", Axes: []model.SweepAxis{{Name: "a", From: 0.05, To: 0.2, Steps: 4}}},
		{Name: "heat", Axes: []model.SweepAxis{{Name: "a", Values: []float64{0.05, 0.1}}, {Name: "b", Values: []float64{0.02, 0.04, 0.08}}}},
	} {
		res, err := RunSweep(context.Background(), m, s6, sw, Options{Patients: n, Seed: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Cells) != sw.Cells() || res.Base[0] != 0.1 {
			t.Fatalf("%s: %d cells (want %d), base %v", sw.Name, len(res.Cells), sw.Cells(), res.Base)
		}
		for k, e := range res.Cells {
			a, b := res.Values[0][k%len(res.Values[0])], 0.05
			if len(res.Values) == 2 {
				a, b = res.Values[0][k/3], res.Values[1][k%3]
				if res.At(k/3, k%3) != e {
					t.Errorf("%s: At(%d, %d) is not cell %d", sw.Name, k/3, k%3, k)
				}
			}
			s := math.Exp(-(a + b) * 6)
			within(t, fmt.Sprintf("%s: S(6) at a = %v, b = %v", sw.Name, a, b), e.Value, s, math.Sqrt(s*(1-s)/n), 4)
		}
	}
}

// TestSweepDeterministic: the same seed gives the same grid for any number of
// workers; a grid point that breaks the model names its values.
func TestSweepDeterministic(t *testing.T) {
	m := twoCauses()
	sw := model.Sweep{Name: "g", Axes: []model.SweepAxis{{Name: "a", Values: []float64{0.05, 0.1}}, {Name: "b", Values: []float64{0.02, 0.04}}}}
	var prints []string
	for _, w := range []int{1, 2, 3} {
		res, err := RunSweep(context.Background(), m, s12, sw, Options{Patients: 10_001, Seed: 6, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		prints = append(prints, fmt.Sprintf("%+v", *res))
	}
	if prints[0] != prints[1] || prints[0] != prints[2] {
		t.Error("1, 2 and 3 workers give different sweeps")
	}
	sw.Axes[1].Values = []float64{0.02, -0.04}
	var ve *ValueError
	if _, err := RunSweep(context.Background(), m, s12, sw, Options{Patients: 100}); !errors.As(err, &ve) ||
		!strings.Contains(err.Error(), `sweep "g" at a = 0.05, b = -0.04`) {
		t.Errorf("got %v", err)
	}
}

// TestOneWayNotReachedLast: a median not reached at one end (+Inf) has no
// swing (NaN), and its row comes after every row with a swing.
func TestOneWayNotReachedLast(t *testing.T) {
	m := twoCauses()
	m.Parameters[1].Value = 0.01 // b; a's low bound then gives a total hazard 0.011: median ln2/0.011 = 63 > 24
	m.Sensitivity.Parameters = []model.Bounds{{Name: "a", Low: 0.001, High: 0.2}}
	ow, err := RunOneWay(context.Background(), m, model.Outcome{Endpoint: "os", Measure: model.OutcomeMedian}, Ranges(m), Options{Patients: 5000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r := ow.Rows; r[0].Parameter != "b" || r[1].Parameter != "a" || !math.IsInf(r[1].AtLow.Value, 1) || !math.IsNaN(r[1].Swing) || math.IsNaN(r[0].Swing) {
		t.Errorf("rows %+v: want b (a swing) before a (median not reached at its low end, no swing)", r)
	}
}
