package sim

import (
	"errors"
	"fmt"
	"math"

	"github.com/blinasim/blinasim/model"
)

// Simulated trials (MODEL.md, "Simulated trials"): two or more arms, each a
// compiled scenario of one base model, each arm after the first compared with
// the first (the control), a total sample size (or several, the designs of
// a power curve), accrual, dropout and an analysis time. Each simulated
// patient is censored at the analysis or at dropout; each trial is analysed
// with Kaplan-Meier, the log-rank test and the Cox hazard ratio
// (trial_analysis.go).

// Accrual is how patients enter a trial: conditionally on the sample size N,
// entry times are independent draws from the accrual density, which is what
// a Poisson process of the same intensity gives given N arrivals (e.g. Ross,
// Stochastic Processes, 2nd ed., Thm 2.3.1). The intensity is constant, or
// rises linearly from 0 over the first Ramp units (a ramp-up), and is 0 after
// the accrual period.
type Accrual struct {
	// Period is the accrual period in model units (> 0), the same for every
	// sample size; 0 when Rate is given instead.
	Period float64
	// Rate is the full accrual rate in patients per model unit (> 0); the
	// period then grows with N: Rate·(period − Ramp/2) = N. 0 when Period is
	// given.
	Rate float64
	// Ramp is the length of the linear ramp-up in model units, ≥ 0; 0: uniform
	// accrual. With Period it must not exceed the period.
	Ramp float64
}

// Validate checks the accrual's numbers.
func (a Accrual) Validate() error {
	switch {
	case (a.Period > 0) == (a.Rate > 0):
		return fmt.Errorf("accrual: give exactly one of a period (> 0) and a rate (> 0) (got period %v, rate %v)", a.Period, a.Rate)
	case math.IsInf(a.Period, 0) || math.IsInf(a.Rate, 0) || a.Period < 0 || a.Rate < 0:
		return fmt.Errorf("accrual: period %v and rate %v must be finite and ≥ 0", a.Period, a.Rate)
	case !(a.Ramp >= 0) || math.IsInf(a.Ramp, 0):
		return fmt.Errorf("accrual: ramp %v must be finite and ≥ 0", a.Ramp)
	case a.Period > 0 && a.Ramp > a.Period:
		return fmt.Errorf("accrual: ramp %v is longer than the accrual period %v", a.Ramp, a.Period)
	}
	return nil
}

// period returns the accrual period for a total sample size n.
func (a Accrual) period(n int) float64 {
	if a.Period > 0 {
		return a.Period
	}
	return float64(n)/a.Rate + a.Ramp/2
}

// entry returns the entry time, from the start of accrual, whose accrual
// distribution function is u, for a total sample size n: the inverse of
// F(t) = (t²/2R)/A for t ≤ R and (t − R/2)/A after, A = P − R/2.
func (a Accrual) entry(u float64, n int) float64 {
	p := a.period(n)
	r := a.Ramp
	y := u * (p - r/2)
	if y <= r/2 {
		return math.Sqrt(2 * r * y)
	}
	return y + r/2
}

// Analysis says when a trial is analysed: at a calendar time after the first
// enrolment (Time > 0), or at the time of the Events-th event of the endpoint
// (Events > 0). Exactly one is set. An event-driven trial that never reaches
// its events is analysed once every patient has been followed to the horizon
// (or the endpoint), and counted as not reaching them.
type Analysis struct {
	Time   float64 // model units after the first enrolment
	Events int
}

// Trial is a trial design: its arms and everything that makes up a simulated
// trial. Arm 0 is the control: each other arm is compared with it (a
// comparison: the two arms' patients analysed as a two-arm trial), the hazard
// ratio is that arm's against the control, and a one-sided test rejects only
// for a benefit of that arm (fewer events).
type Trial struct {
	Arms     []*Program // two or more arms, scenarios of one base, same unit and horizon
	ArmNames []string   // aligned with Arms
	// Allocation is the randomisation ratio, e.g. [1, 1] or [1, 2]; every
	// sample size must be a multiple of its sum (whole blocks).
	Allocation []int
	Sizes      []int // total sample sizes, one design each, ascending
	Accrual    Accrual
	// Dropout is the censoring hazard per model unit (loss to follow-up,
	// exponential), ≥ 0; 0: none.
	Dropout  float64
	Analysis Analysis
	Endpoint string  // a survival endpoint that starts at randomisation (time 0)
	Alpha    float64 // significance level, in (0, 1)
	OneSided bool    // test arm 1's benefit only; default two-sided
	// RMST is the time, in model units, up to which the restricted mean
	// survival time difference is estimated (0: not estimated).
	RMST float64
}

// Validate checks the design and that the endpoint exists in every arm,
// starts at time 0 and is a survival endpoint.
func (t *Trial) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if len(t.Arms) < 2 || len(t.Arms) > MaxArms || len(t.ArmNames) != len(t.Arms) {
		bad("a trial has 2 to %d arms, control first, each named (got %d arms, %d names)", MaxArms, len(t.Arms), len(t.ArmNames))
		return errors.Join(errs...)
	}
	if len(t.Allocation) != len(t.Arms) {
		bad("allocation has %d numbers for %d arms", len(t.Allocation), len(t.Arms))
	}
	block := 0
	for _, r := range t.Allocation {
		if r < 1 {
			bad("allocation ratio %v: each arm's share must be a whole number ≥ 1", t.Allocation)
		}
		block += r
	}
	if len(t.Sizes) == 0 {
		bad("no sample size")
	}
	for i, n := range t.Sizes {
		if n < 2 || (block > 0 && n%block != 0) {
			bad("sample size %d must be ≥ 2 and a multiple of the allocation's sum %d (whole randomisation blocks)", n, block)
		}
		if i > 0 && n <= t.Sizes[i-1] {
			bad("sample sizes must ascend (%d after %d)", n, t.Sizes[i-1])
		}
		if n > maxTrialSize {
			bad("sample size %d is above the %d this tool simulates", n, maxTrialSize)
		}
	}
	if err := t.Accrual.Validate(); err != nil {
		errs = append(errs, err)
	}
	if !(t.Dropout >= 0) || math.IsInf(t.Dropout, 0) {
		bad("dropout hazard %v must be finite and ≥ 0", t.Dropout)
	}
	a := t.Analysis
	switch {
	case (a.Time > 0) == (a.Events > 0):
		bad("analysis: give exactly one of a time after the first enrolment (> 0) and a number of events (> 0)")
	case math.IsInf(a.Time, 0):
		bad("analysis time %v must be finite", a.Time)
	case a.Events > 0 && len(t.Sizes) > 0 && a.Events > t.Sizes[0]:
		bad("analysis at %d events, more than the smallest sample size %d", a.Events, t.Sizes[0])
	}
	if !(t.Alpha > 0 && t.Alpha < 1) {
		bad("alpha %v must be in (0, 1)", t.Alpha)
	}
	h := t.Arms[0].horizon
	for i, p := range t.Arms {
		if p.Model.Unit != t.Arms[0].Model.Unit || p.horizon != h {
			bad("arm %q: time unit %v and horizon %v differ from arm %q's (%v, %v); arms are scenarios of one base",
				t.ArmNames[i], p.Model.Unit, p.horizon, t.ArmNames[0], t.Arms[0].Model.Unit, h)
		}
		if _, err := trialEndpoint(p, t.Endpoint); err != nil {
			bad("arm %q: %v", t.ArmNames[i], err)
		}
	}
	if a.Time > h {
		bad("analysis time %v is after the model's horizon %v: patients cannot be followed past it", a.Time, h)
	}
	if !(t.RMST >= 0) || t.RMST > h {
		bad("RMST time %v must be within (0, horizon %v]", t.RMST, h)
	}
	return errors.Join(errs...)
}

// MaxArms is the most arms a trial may have.
const MaxArms = 8

// Comparisons returns the number of comparisons with the control: one per
// arm after the first.
func (t *Trial) Comparisons() int { return len(t.Arms) - 1 }

// maxTrialSize bounds a trial's sample size (memory per goroutine).
const maxTrialSize = 1_000_000

// trialEndpoint returns the index in p of the named endpoint, which must be a
// survival endpoint starting at time 0 (randomisation).
func trialEndpoint(p *Program, name string) (int, error) {
	var names []string
	for k, e := range p.endpoints {
		if e.Name != name {
			if p.fromZero&(1<<k) != 0 && e.Kind == model.Survival {
				names = append(names, e.Name)
			}
			continue
		}
		switch {
		case p.fromZero&(1<<k) == 0:
			return 0, fmt.Errorf("endpoint %q starts at entry into %v, not at randomisation (time 0)", name, e.Start)
		case e.Kind != model.Survival:
			return 0, fmt.Errorf("endpoint %q is a cumulative incidence; a trial's endpoint is a survival endpoint", name)
		}
		return k, nil
	}
	return 0, fmt.Errorf("no endpoint %q (endpoints that start at randomisation: %v)", name, names)
}

// armSizes returns each arm's number of patients for total sample size n.
func (t *Trial) armSizes(n int, out []int) []int {
	block := 0
	for _, r := range t.Allocation {
		block += r
	}
	out = out[:0]
	for _, r := range t.Allocation {
		out = append(out, n/block*r)
	}
	return out
}

// Horizon returns the arms' horizon in model units.
func (t *Trial) Horizon() float64 { return t.Arms[0].horizon }
