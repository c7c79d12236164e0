package sim

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Share is a share of simulated trials with its Monte Carlo standard
// error √(p(1 − p)/n) (binomial).
type Share struct {
	Value, SE float64
	Count, N  int
}

func share(k, n int) Share {
	p := float64(k) / float64(n)
	return Share{Value: p, SE: math.Sqrt(p * (1 - p) / float64(n)), Count: k, N: n}
}

// Spread is a figure's distribution across simulated trials: its mean and
// its median with the 2.5 and 97.5 percentiles (R's quantile type 7).
type Spread struct {
	Mean float64
	Band
}

func spreadOf(xs []float64) Spread {
	s, n := 0.0, 0
	for _, x := range xs {
		if !math.IsNaN(x) {
			s += x
			n++
		}
	}
	return Spread{Mean: s / float64(n), Band: bandOf(xs)}
}

// DesignSummary is one comparison's operating characteristics in one design
// over the simulated trials.
type DesignSummary struct {
	Size       int
	Comparison int    // arm Comparison+1 against the control
	Arm        string // that arm's name
	Trials     int
	// Power is the share of trials whose log-rank test rejects; CoxPower the
	// share whose Cox Wald test (log HR / SE) does; RMSTPower the share whose
	// RMST difference test does (N = 0 when no RMST time was given).
	Power, CoxPower, RMSTPower Share
	// Reached is the share of trials that reached the analysis's events
	// (1 for a calendar analysis).
	Reached Share
	// HR is the Cox hazard ratio estimate among trials where it is finite;
	// Infinite counts the trials where it is not (no events in an arm).
	HR       Spread
	Infinite int
	Events   Spread
	Enrolled Spread
	Duration Spread // first enrolment to analysis, model units
	RMSTDiff Spread // arm 1 − arm 0, model units; NaN when not asked
}

// rejector decides a test from its standardised statistic z (negative favours
// arm 1 for the log-rank and Cox tests).
type rejector struct {
	crit     float64
	oneSided bool
}

func newRejector(alpha float64, oneSided bool) rejector {
	q := 1 - alpha/2
	if oneSided {
		q = 1 - alpha
	}
	return rejector{crit: distuv.UnitNormal.Quantile(q), oneSided: oneSided}
}

// rejects reports whether z rejects (one-sided: only for arm 1's benefit).
func (r rejector) rejects(z float64) bool {
	if math.IsNaN(z) {
		return false
	}
	if r.oneSided {
		return z < -r.crit
	}
	return math.Abs(z) > r.crit
}

// Summarise returns each design's and comparison's operating
// characteristics over o, design-major (as o's rows).
func (t *Trial) Summarise(o *TrialOutcomes) []DesignSummary {
	rej := newRejector(t.Alpha, t.OneSided)
	n := o.Range.Hi - o.Range.Lo
	per := o.Designs * o.Comparisons
	out := make([]DesignSummary, per)
	hr, ev, en, du, rd := make([]float64, 0, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for k := range per {
		var rejected, kc, kr, reached, inf int
		hr = hr[:0]
		for j := range n {
			x := &o.Rows[j*per+k]
			if rej.rejects(x.LogRankZ) {
				rejected++
			}
			if x.Converged && rej.rejects(x.LogHR/x.SE) {
				kc++
			}
			if t.RMST > 0 && rej.rejects(-x.RMSTDiff/x.RMSTSE) {
				kr++
			}
			if x.Reached {
				reached++
			}
			if math.IsInf(x.LogHR, 0) || math.IsNaN(x.LogHR) {
				inf++
			} else {
				hr = append(hr, math.Exp(x.LogHR))
			}
			ev[j], en[j], du[j], rd[j] = float64(x.Events), float64(x.Enrolled), x.Duration, x.RMSTDiff
		}
		c := k % o.Comparisons
		s := DesignSummary{Size: t.Sizes[k/o.Comparisons], Comparison: c, Arm: t.ArmNames[c+1], Trials: n,
			Power: share(rejected, n), CoxPower: share(kc, n), Reached: share(reached, n), HR: spreadOf(hr), Infinite: inf,
			Events: spreadOf(ev), Enrolled: spreadOf(en), Duration: spreadOf(du), RMSTDiff: spreadOf(rd)}
		if t.RMST > 0 {
			s.RMSTPower = share(kr, n)
		}
		out[k] = s
	}
	return out
}

// Critical is the trial's test: its critical value and sidedness.
type Critical struct{ r rejector }

// Critical returns the decision rule of the trial's log-rank (and Wald) test.
func (t *Trial) Critical() Critical { return Critical{newRejector(t.Alpha, t.OneSided)} }

// Rejects reports whether a standardised statistic z (negative favours arm 1)
// rejects the null hypothesis.
func (c Critical) Rejects(z float64) bool { return c.r.rejects(z) }
