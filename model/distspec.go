package model

import (
	"fmt"
	"sort"
	"strings"
)

// Family names a time-to-event distribution family as written in model files.
type Family string

// The families of the model contract. Parameterisations (R's stats, or flexsurv
// where stats has none):
//
//	exponential  rate (per unit), or median: H(t) = rate·t, rate = ln 2 / median
//	weibull      shape, scale:   S(t) = exp(-(t/scale)^shape)            (stats::pweibull)
//	gompertz     shape, rate:    h(t) = rate·exp(shape·t)               (flexsurv::pgompertz)
//	lognormal    meanlog, sdlog: log T ~ N(meanlog, sdlog²)             (stats::plnorm)
//	loglogistic  shape, scale:   S(t) = 1 / (1 + (t/scale)^shape)       (flexsurv::pllogis)
//	gamma        shape, rate:    density ∝ t^(shape-1) exp(-rate·t)     (stats::pgamma)
//	piecewise    breaks, rates:  hazard rates[i] on [breaks[i], breaks[i+1]), breaks[0] = 0
//	                             (flexsurv::ppexp's t and rate)
//	fixed        duration:       the event happens exactly at duration
//
// Any family may carry a cure fraction c: with probability c the event never happens,
// S(t) = c + (1-c)·S₀(t).
const (
	FamExponential Family = "exponential"
	FamWeibull     Family = "weibull"
	FamGompertz    Family = "gompertz"
	FamLogNormal   Family = "lognormal"
	FamLogLogistic Family = "loglogistic"
	FamGamma       Family = "gamma"
	FamPiecewise   Family = "piecewise"
	FamFixed       Family = "fixed"
)

// familyArgs lists each family's argument names: the set it requires, and for
// exponential the alternatives (rate or median). Names are the file keys.
var familyArgs = map[Family][]string{
	FamExponential: {"rate|median"},
	FamWeibull:     {"shape", "scale"},
	FamGompertz:    {"shape", "rate"},
	FamLogNormal:   {"meanlog", "sdlog"},
	FamLogLogistic: {"shape", "scale"},
	FamGamma:       {"shape", "rate"},
	FamPiecewise:   {"breaks", "rates"},
	FamFixed:       {"duration"},
}

// Families returns the family names in alphabetical order.
func Families() []string {
	out := make([]string, 0, len(familyArgs))
	for f := range familyArgs {
		out = append(out, string(f))
	}
	sort.Strings(out)
	return out
}

// DistSpec is a distribution as a model file states it: a family and the
// arguments it takes, each a Quantity (a number or a parameter's name), so the
// same spec can be built with different parameter values (PSA, calibration).
// Times (scale, median, duration, breaks, meanlog's exp) are in the model's unit;
// rates are per model unit; Gompertz shape is per unit.
type DistSpec struct {
	Family   Family
	Rate     *Quantity  // exponential, gompertz, gamma: > 0
	Median   *Quantity  // exponential alternative to rate: > 0
	Shape    *Quantity  // weibull, loglogistic, gamma: > 0; gompertz: any real
	Scale    *Quantity  // weibull, loglogistic: > 0
	MeanLog  *Quantity  // lognormal: any real
	SdLog    *Quantity  // lognormal: > 0
	Duration *Quantity  // fixed: ≥ 0
	Breaks   []Quantity // piecewise: 0 = breaks[0] < breaks[1] < ...
	Rates    []Quantity // piecewise: ≥ 0, one per break, the last > 0 unless cured
	Cure     *Quantity  // any family: cure fraction in [0, 1)
}

// args returns the names of the arguments that are set.
func (d DistSpec) args() []string {
	var out []string
	add := func(name string, set bool) {
		if set {
			out = append(out, name)
		}
	}
	add("rate", d.Rate != nil)
	add("median", d.Median != nil)
	add("shape", d.Shape != nil)
	add("scale", d.Scale != nil)
	add("meanlog", d.MeanLog != nil)
	add("sdlog", d.SdLog != nil)
	add("duration", d.Duration != nil)
	add("breaks", d.Breaks != nil)
	add("rates", d.Rates != nil)
	return out
}

// Quantities calls fn for every quantity in the spec, with its key.
func (d DistSpec) Quantities(fn func(key string, q Quantity)) {
	for _, p := range []struct {
		k string
		q *Quantity
	}{{"rate", d.Rate}, {"median", d.Median}, {"shape", d.Shape}, {"scale", d.Scale},
		{"meanlog", d.MeanLog}, {"sdlog", d.SdLog}, {"duration", d.Duration}, {"cure", d.Cure}} {
		if p.q != nil {
			fn(p.k, *p.q)
		}
	}
	for i, q := range d.Breaks {
		fn(fmt.Sprintf("breaks[%d]", i), q)
	}
	for i, q := range d.Rates {
		fn(fmt.Sprintf("rates[%d]", i), q)
	}
}

// CheckArgs reports a family that is unknown, a required argument that is
// missing, or an argument the family does not take, naming what is allowed.
func (d DistSpec) CheckArgs() error {
	want, ok := familyArgs[d.Family]
	switch {
	case d.Family == "":
		return fmt.Errorf("an exit needs `dist` (allowed: %s)", strings.Join(Families(), ", "))
	case !ok:
		return fmt.Errorf("unknown distribution %q (allowed: %s)", d.Family, strings.Join(Families(), ", "))
	}
	have := map[string]bool{}
	for _, a := range d.args() {
		have[a] = true
	}
	allowed := map[string]bool{}
	for _, w := range want {
		alts := strings.Split(w, "|")
		n := 0
		for _, a := range alts {
			allowed[a] = true
			if have[a] {
				n++
			}
		}
		switch {
		case n == 0:
			return fmt.Errorf("%s distribution needs %s", d.Family, strings.Join(alts, " or "))
		case n > 1:
			return fmt.Errorf("%s distribution takes only one of %s", d.Family, strings.Join(alts, ", "))
		}
	}
	for _, a := range d.args() {
		if !allowed[a] {
			return fmt.Errorf("%s distribution does not take %q (it takes %s)", d.Family, a,
				strings.ReplaceAll(strings.Join(want, ", "), "|", " or "))
		}
	}
	if d.Family == FamPiecewise && len(d.Breaks) != len(d.Rates) {
		return fmt.Errorf("piecewise distribution needs as many rates as breaks (got %d breaks, %d rates)", len(d.Breaks), len(d.Rates))
	}
	return nil
}

// Build resolves the spec's quantities with vals and returns the distribution,
// validated. The error says which argument is wrong and what is allowed.
func (d DistSpec) Build(vals Values) (Distribution, error) {
	if err := d.CheckArgs(); err != nil {
		return nil, err
	}
	var firstErr error
	get := func(q *Quantity) float64 {
		if q == nil {
			return 0
		}
		x, err := vals.Resolve(*q)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return x
	}
	list := func(qs []Quantity) []float64 {
		out := make([]float64, len(qs))
		for i := range qs {
			out[i] = get(&qs[i])
		}
		return out
	}
	var dist Distribution
	switch d.Family {
	case FamExponential:
		if d.Median != nil {
			dist = ExponentialFromMedian(get(d.Median))
		} else {
			dist = Exponential{Rate: get(d.Rate)}
		}
	case FamWeibull:
		dist = Weibull{Shape: get(d.Shape), Scale: get(d.Scale)}
	case FamGompertz:
		dist = Gompertz{Shape: get(d.Shape), Rate: get(d.Rate)}
	case FamLogNormal:
		dist = LogNormal{MeanLog: get(d.MeanLog), SdLog: get(d.SdLog)}
	case FamLogLogistic:
		dist = LogLogistic{Shape: get(d.Shape), Scale: get(d.Scale)}
	case FamGamma:
		dist = Gamma{Shape: get(d.Shape), Rate: get(d.Rate)}
	case FamPiecewise:
		dist = Piecewise{Breaks: list(d.Breaks), Rates: list(d.Rates)}
	case FamFixed:
		dist = Fixed{Duration: get(d.Duration)}
	}
	if d.Cure != nil {
		dist = Cure{Fraction: get(d.Cure), Base: dist}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	if err := dist.Validate(); err != nil {
		return nil, err
	}
	return dist, nil
}
