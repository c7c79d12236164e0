package sim

import (
	"cmp"
	"math"
	"slices"
)

// The analysis of one simulated trial, as a statistician would run it: the
// two-sample log-rank test, the Cox proportional hazards model with the arm
// as its only covariate (Efron's handling of ties, R's coxph default), and,
// if asked, the difference in restricted mean survival time of the arms'
// Kaplan-Meier curves. All three are functions of one table: at each distinct
// event time, the number at risk and the number of events in each arm. The
// results match R's survival::survdiff, coxph and survfit (testdata/r).

// TrialRecord is one patient's observed endpoint in a trial.
type TrialRecord struct {
	Time  float64 // from randomisation to the event or censoring, model units
	Event bool    // the endpoint's event was observed at Time (else censored)
	Arm   uint8   // 0 control, 1 experimental
}

// SortRecords sorts records by time (ties in any order: the analysis groups
// equal times).
func SortRecords(recs []TrialRecord) {
	slices.SortFunc(recs, func(a, b TrialRecord) int { return cmp.Compare(a.Time, b.Time) })
}

// riskRow is one distinct event time: those at risk just before it and the
// events at it, per arm.
type riskRow struct {
	t    float64
	n, d [2]float64
}

// TrialAnalysis is the analysis of one trial.
type TrialAnalysis struct {
	N, Events [2]int // patients and events per arm
	// LogRankZ is (O₁ − E₁)/√V for arm 1, with the hypergeometric variance V
	// (survdiff's chi-square is its square); negative when arm 1 has fewer
	// events than expected under the null.
	LogRankZ float64
	// LogHR is the Cox estimate of log(hazard arm 1 / hazard arm 0) and SE its
	// standard error from the observed information; Converged is false when
	// Newton-Raphson did not converge (no events in one arm: the estimate is
	// infinite, and LogHR is ±Inf and SE NaN).
	LogHR, SE float64
	Converged bool
	// RMSTDiff is RMST₁(τ) − RMST₀(τ) of the arms' Kaplan-Meier curves and
	// RMSTSE its standard error (the arms' variances Σ A²·d/(n(n−d)) added, as
	// R's survRM2 computes them); NaN when no τ was given.
	RMSTDiff, RMSTSE float64
}

// analyser holds the scratch space of trial analyses, reused from trial to
// trial so that analysing allocates nothing once it has grown.
type analyser struct {
	rows []riskRow
}

// analyse analyses records sorted by time (SortRecords); tau > 0 asks for the
// RMST difference up to tau.
func (an *analyser) analyse(recs []TrialRecord, tau float64) TrialAnalysis {
	var a TrialAnalysis
	var atRisk [2]float64
	for _, r := range recs {
		a.N[r.Arm]++
		atRisk[r.Arm]++
	}
	an.rows = an.rows[:0]
	for i := 0; i < len(recs); {
		t := recs[i].Time
		var d, gone [2]float64
		j := i
		for ; j < len(recs) && recs[j].Time == t; j++ {
			if recs[j].Event {
				d[recs[j].Arm]++
			}
			gone[recs[j].Arm]++
		}
		if d[0]+d[1] > 0 {
			an.rows = append(an.rows, riskRow{t: t, n: atRisk, d: d})
		}
		atRisk[0] -= gone[0]
		atRisk[1] -= gone[1]
		i = j
	}
	a.LogRankZ = logRank(an.rows, &a.Events)
	a.LogHR, a.SE, a.Converged = coxBinary(an.rows)
	a.RMSTDiff, a.RMSTSE = math.NaN(), math.NaN()
	if tau > 0 {
		m1, v1 := rmst(an.rows, 1, tau)
		m0, v0 := rmst(an.rows, 0, tau)
		a.RMSTDiff, a.RMSTSE = m1-m0, math.Sqrt(v0+v1)
	}
	return a
}

// logRank returns the log-rank statistic (O₁ − E₁)/√V over the event times
// (Mantel 1966; R's survdiff with rho = 0) and counts the events per arm.
func logRank(rows []riskRow, events *[2]int) float64 {
	var o1, e1, v float64
	for _, r := range rows {
		n, d := r.n[0]+r.n[1], r.d[0]+r.d[1]
		events[0] += int(r.d[0])
		events[1] += int(r.d[1])
		o1 += r.d[1]
		e1 += d * r.n[1] / n
		if n > 1 {
			v += d * (r.n[1] / n) * (1 - r.n[1]/n) * (n - d) / (n - 1)
		}
	}
	if !(v > 0) {
		return 0
	}
	return (o1 - e1) / math.Sqrt(v)
}

// coxLik returns the Efron log partial likelihood of a binary covariate (arm
// 1) at coefficient beta, its score and its information (Efron 1977; the
// terms of Therneau & Grambsch, Modeling Survival Data, §3.3, with x² = x).
func coxLik(rows []riskRow, beta float64) (ll, score, info float64) {
	r := math.Exp(beta)
	for _, w := range rows {
		d := w.d[0] + w.d[1]
		s0, s1 := w.n[0]+w.n[1]*r, w.n[1]*r
		t0, t1 := w.d[0]+w.d[1]*r, w.d[1]*r
		ll += beta * w.d[1]
		score += w.d[1]
		for l := 0.0; l < d; l++ {
			f := l / d
			a0, a1 := s0-f*t0, s1-f*t1
			m := a1 / a0
			ll -= math.Log(a0)
			score -= m
			info += m - m*m
		}
	}
	return ll, score, info
}

// coxBinary fits the Cox model with the arm as covariate by Newton-Raphson
// from 0 with step halving, as R's coxph does, iterated to full convergence
// (|step| < 1e-10); it returns the log hazard ratio, its SE and whether it
// converged. With no events in one arm the estimate is infinite.
func coxBinary(rows []riskRow) (beta, se float64, ok bool) {
	if len(rows) == 0 {
		return math.NaN(), math.NaN(), false
	}
	ll, u, info := coxLik(rows, 0)
	for it := 0; it < 60; it++ {
		if !(info > 0) {
			break
		}
		step := u / info
		nb := beta + step
		nll, nu, ninfo := coxLik(rows, nb)
		for h := 0; h < 30 && !(nll >= ll-1e-12*math.Abs(ll)); h++ {
			step /= 2
			nb = beta + step
			nll, nu, ninfo = coxLik(rows, nb)
		}
		beta, ll, u, info = nb, nll, nu, ninfo
		if math.Abs(step) < 1e-10 {
			return beta, 1 / math.Sqrt(info), info > 0
		}
		if math.Abs(beta) > 30 { // hazard ratio beyond e^±30: no events in one arm
			break
		}
	}
	if math.Abs(beta) > 10 {
		return math.Copysign(math.Inf(1), beta), math.NaN(), false
	}
	return beta, math.NaN(), false
}

// rmst returns the restricted mean survival time up to tau of arm a's
// Kaplan-Meier curve and its variance Σ A_k²·d_k/(n_k(n_k − d_k)) over the
// arm's event times t_k ≤ tau, A_k the area under the curve from t_k to tau
// (Klein & Moeschberger, Survival Analysis, 2nd ed., §4.5; survRM2).
func rmst(rows []riskRow, a int, tau float64) (mean, variance float64) {
	s, last := 1.0, 0.0
	for _, r := range rows {
		if r.t > tau {
			break
		}
		if r.d[a] > 0 {
			mean += s * (r.t - last)
			last = r.t
			s *= 1 - r.d[a]/r.n[a]
		}
	}
	mean += s * (tau - last)
	s, last = 1.0, 0.0
	area := 0.0 // under the curve from 0 to the current event time
	for _, r := range rows {
		if r.t > tau {
			break
		}
		if r.d[a] > 0 {
			area += s * (r.t - last)
			last = r.t
			s *= 1 - r.d[a]/r.n[a]
			if r.n[a] > r.d[a] {
				A := mean - area
				variance += A * A * r.d[a] / (r.n[a] * (r.n[a] - r.d[a]))
			}
		}
	}
	return mean, variance
}

// AnalyseTrial analyses a trial's records (sorted in place by time); tau > 0
// asks for the RMST difference up to tau.
func AnalyseTrial(recs []TrialRecord, tau float64) TrialAnalysis {
	SortRecords(recs)
	var an analyser
	return an.analyse(recs, tau)
}

// KMStep is one distinct time of an arm's Kaplan-Meier curve (survfit's rows).
type KMStep struct {
	Time             float64
	AtRisk           int
	Events, Censored int
	Surv             float64 // S(Time), after the events at Time
}

// KaplanMeier returns arm a's Kaplan-Meier curve from records sorted by time
// (Kaplan & Meier 1958): one step per distinct time of the arm, events or
// censorings, as R's survfit lists them.
func KaplanMeier(recs []TrialRecord, a uint8) []KMStep {
	n := 0
	for _, r := range recs {
		if r.Arm == a {
			n++
		}
	}
	var out []KMStep
	s := 1.0
	for i := 0; i < len(recs); {
		t := recs[i].Time
		st := KMStep{Time: t, AtRisk: n}
		j := i
		for ; j < len(recs) && recs[j].Time == t; j++ {
			if recs[j].Arm != a {
				continue
			}
			if recs[j].Event {
				st.Events++
			} else {
				st.Censored++
			}
		}
		i = j
		if st.Events+st.Censored == 0 {
			continue
		}
		s *= 1 - float64(st.Events)/float64(n)
		st.Surv = s
		n -= st.Events + st.Censored
		out = append(out, st)
	}
	return out
}

// KMMedian returns the median of a Kaplan-Meier curve given by its steps
// (KaplanMeier): the first time S ≤ 0.5, the middle of a flat at exactly 0.5,
// as R's quantile(survfit, 0.5) (stepQuantile); +Inf if never reached.
func KMMedian(steps []KMStep) float64 {
	t, s := []float64{0}, []float64{1}
	for _, k := range steps {
		t, s = append(t, k.Time), append(s, k.Surv)
	}
	return stepQuantile(t, s, 0.5)
}
