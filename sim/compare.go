package sim

import (
	"context"
	"math"

	"github.com/blinasim/blinasim/model"
)

// Difference is a scenario's figure minus the base's, with a 95% interval.
// Paired says the interval comes from per-patient differences on the same
// patients (common random numbers), which is far narrower than treating the
// two estimates as independent; otherwise (endpoints that start later, whose
// patients differ between scenarios) it is the conservative independent one,
// √(SE₀² + SE₁²), and for medians MedianDifference's (with each median's
// asymmetric interval; paired, MedianDifferenceCorrelated's).
type Difference struct {
	Estimate
	Paired bool
	// Unpaired is the same difference with the interval of independent
	// estimates, √(SE₀² + SE₁²): what comparing two separate runs would
	// give. It equals Estimate when the interval is not paired.
	Unpaired Estimate
}

// LandmarkDifference is the difference at one landmark time.
type LandmarkDifference struct {
	Time float64
	Difference
}

// EndpointDifference is one endpoint's differences, scenario − base: S(t) or
// F(t) at the landmarks, the median, and the RMST (for an incidence, the time
// lost).
type EndpointDifference struct {
	Name      string
	Kind      model.EndpointKind
	Landmarks []LandmarkDifference
	Median    Difference
	RMST      Difference
	// MedianCorrelation is the correlation of the two medians' estimates on
	// the same patients (pairs_median.go), which Median's paired interval
	// uses; NaN when Median is not paired.
	MedianCorrelation float64
}

// Comparison is one scenario against the base (the first scenario), for the
// endpoints both have.
type Comparison struct {
	Base, Scenario string
	Endpoints      []EndpointDifference
	// Subgroup is "attr=level" for a comparison within a subgroup; Subgroups
	// holds them, per level, when both scenarios split their patients alike.
	Subgroup  string
	Subgroups []Comparison
}

// RunScenarios simulates the same patients under every program (the first is
// the base) and returns each program's results, identical to separate runs
// with the same options, and each later program's comparison with the base.
func RunScenarios(ctx context.Context, progs []*Program, opts Options) ([]*Result, []Comparison, error) {
	t, err := SimulateScenarios(ctx, progs, opts)
	if err != nil {
		return nil, nil, err
	}
	results, comps := t.Results()
	return results, comps, nil
}

// compare computes the differences of r1 from r0.
func compare(r0, r1 *Result, pa *pairAccum) Comparison {
	c := Comparison{Base: r0.Scenario, Scenario: r1.Scenario}
	for _, e1 := range r1.Endpoints {
		i0 := endpointIndex(r0, e1.Name)
		if i0 < 0 || r0.Endpoints[i0].Kind != e1.Kind {
			continue
		}
		e0 := r0.Endpoints[i0]
		pe := -1
		for i, p := range pa.eps {
			if p.name == e1.Name {
				pe = i
			}
		}
		md := MedianDifference(e0.Median, e1.Median)
		d := EndpointDifference{Name: e1.Name, Kind: e1.Kind, Median: Difference{Estimate: md, Unpaired: md}, MedianCorrelation: math.NaN()}
		if pe >= 0 {
			if rho := pa.medianCorrelation(pe); !math.IsNaN(rho) && !math.IsNaN(md.Value) {
				d.MedianCorrelation = rho
				d.Median = withUnpaired(Difference{Estimate: MedianDifferenceCorrelated(e0.Median, e1.Median, rho), Paired: true}, d.Median)
			}
		}
		for _, l1 := range e1.Landmarks {
			for _, l0 := range e0.Landmarks {
				if l0.Time != l1.Time {
					continue
				}
				ld := LandmarkDifference{Time: l1.Time, Difference: independent(l0.Estimate, l1.Estimate)}
				if j := indexOf(pa.landmarks, l1.Time); pe >= 0 && j >= 0 {
					k := pe*len(pa.landmarks) + j
					ld.Difference = withUnpaired(pairedProportion(l1.Value-l0.Value, pa.n10[k], pa.n01[k], pa.n), ld.Difference)
				}
				d.Landmarks = append(d.Landmarks, ld)
			}
		}
		if e0.Tau == e1.Tau { // one window: comparable (paired only with one horizon too, newPairAccum)
			d.RMST = independent(e0.RMST, e1.RMST)
			if pe >= 0 {
				d.RMST = withUnpaired(pairedMean(e1.RMST.Value-e0.RMST.Value, pa, pe), d.RMST)
			}
		} else {
			d.RMST = Difference{Estimate: nanEstimate(), Unpaired: nanEstimate()}
		}
		c.Endpoints = append(c.Endpoints, d)
	}
	return c
}

// pairedProportion is a difference of two proportions measured on the same
// patients, with the variance of a paired (McNemar-type) difference:
// [(n10 + n01)/n − ((n10 − n01)/n)²] / n (e.g. Agresti, Categorical Data
// Analysis, 3rd ed., §11.1).
func pairedProportion(diff float64, n10, n01, n int64) Difference {
	nf := float64(n)
	m := float64(n10-n01) / nf
	se := math.Sqrt(math.Max(0, float64(n10+n01)/nf-m*m) / nf)
	return Difference{Estimate: Estimate{Value: diff, SE: se, Lower: diff - z95*se, Upper: diff + z95*se}, Paired: true}
}

// pairedMean is a difference of restricted means with the SE of the mean of
// per-patient differences min(T₁, τ) − min(T₀, τ) (the time lost to an
// incidence differs by the same amount with the opposite sign).
func pairedMean(diff float64, pa *pairAccum, i int) Difference {
	nf := float64(pa.n)
	mean := (pa.dPos[i].float() - pa.dNeg[i].float()) / nf
	v := pa.dSq[i].float()/nf - mean*mean
	se := 0.0
	if pa.n > 1 && v > 0 {
		se = math.Sqrt(v/(nf-1)) / pa.tickScale
	}
	return Difference{Estimate: Estimate{Value: diff, SE: se, Lower: diff - z95*se, Upper: diff + z95*se}, Paired: true}
}

// withUnpaired is the paired difference d with the independent one's interval
// as its Unpaired.
func withUnpaired(d, independent Difference) Difference {
	d.Unpaired = independent.Estimate
	return d
}

// independent is b − a with the interval of independent estimates with
// standard errors (medians have none: MedianDifference).
func independent(a, b Estimate) Difference {
	e := independentEstimate(a, b)
	return Difference{Estimate: e, Unpaired: e}
}

func independentEstimate(a, b Estimate) Estimate {
	sa, sb := a.SE, b.SE
	diff := b.Value - a.Value
	if math.IsInf(a.Value, 0) || math.IsInf(b.Value, 0) {
		return nanEstimate()
	}
	se := math.Hypot(sa, sb)
	if math.IsInf(se, 0) || math.IsNaN(se) { // a bound not reached: no interval
		return Estimate{Value: diff, SE: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}
	}
	return Estimate{Value: diff, SE: se, Lower: diff - z95*se, Upper: diff + z95*se}
}

func nanEstimate() Estimate {
	return Estimate{Value: math.NaN(), SE: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}
}

func endpointIndex(r *Result, name string) int {
	for i, e := range r.Endpoints {
		if e.Name == name {
			return i
		}
	}
	return -1
}

func indexOf(xs []float64, x float64) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}
