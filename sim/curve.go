package sim

import "math"

// edgeCurve is an estimated curve at the fine bin edges t_j = j·w, j = 0..nBins,
// with its variance, read from the merged histograms of one endpoint.
type edgeCurve struct {
	w        float64
	horizon  float64
	val      []float64 // S(t_j) or F(t_j)
	lo, hi   []float64 // pointwise 95% interval
	se       []float64
	integral Estimate // ∫₀^horizon val, with its standard error
}

// kaplanMeier estimates S(t) from event and censoring counts per bin (Kaplan &
// Meier 1958), with Greenwood's variance and the log-log interval of
// SurvivalInterval (R's survfit with conf.type = "log-log"; its default "log"
// loses coverage near S = 1, Borgan & Liestøl 1990). Events in a bin are taken
// to precede its censorings. The restricted mean ∫₀^τ S integrates S linearly
// within bins; its variance is Σ A_j² d_j / (n_j (n_j − d_j)) with A_j the area
// under S from the j-th event time to τ (Klein & Moeschberger 2003, §4.5).
//
// Events at exactly time 0 (ev0: e.g. induction failure counted on day 0) are
// a step at 0, included in S(0) as survfit does. τ = tau ≤ horizon (the
// endpoint's window); a τ inside a bin cuts it, S linear within it, and only
// that bin's events before τ (a share of them in proportion) enter the variance.
func kaplanMeier(n, ev0 int64, ev, cens []int64, w, horizon, tau float64) edgeCurve {
	nb := len(ev)
	c := newEdgeCurve(nb, w, horizon)
	s, g := 1.0, 0.0
	atRisk := n
	gs := make([]float64, nb) // Greenwood increment per bin, for RMST
	var g0 float64            // the time-zero step's Greenwood term
	if ev0 > 0 {
		s = 1 - float64(ev0)/float64(n)
		if ev0 < n {
			g0 = float64(ev0) / (float64(n) * float64(n-ev0))
		} else {
			g0 = math.Inf(1)
		}
		g = g0
		atRisk -= ev0
	}
	c.set(0, s, g, n)
	known := n // patients not censored before the current bin
	for j := 0; j < nb; j++ {
		d := ev[j]
		if d > 0 && atRisk > 0 {
			s *= 1 - float64(d)/float64(atRisk)
			if d < atRisk {
				gs[j] = float64(d) / (float64(atRisk) * float64(atRisk-d))
			} else {
				gs[j] = math.Inf(1)
			}
			g += gs[j]
		}
		// Censorings in a bin follow its events: the status of those
		// censored in it is known at the bin's end.
		c.set(j+1, s, g, known)
		atRisk -= d + cens[j]
		known -= cens[j]
	}
	area := c.areas()
	total, jt, fr := c.areaTo(area, tau)
	v := 0.0
	if ev0 > 0 && !math.IsInf(g0, 1) {
		v += total * total * g0
	}
	for j := 0; j < jt; j++ {
		if ev[j] > 0 && !math.IsInf(gs[j], 1) {
			// A_j: area from the bin's midpoint (the events' mean time) to τ.
			a := total - (area[j]+area[j+1])/2
			v += a * a * gs[j]
		}
	}
	if jt < nb && fr > 0 && ev[jt] > 0 && !math.IsInf(gs[jt], 1) {
		// The bin τ cuts: its events before τ (a share fr), at their mean
		// time, halfway from the bin's start to τ.
		a := (total - area[jt]) / 2
		v += fr * a * a * gs[jt]
	}
	c.integral = normalEstimate(total, math.Sqrt(v))
	return c
}

// aalenJohansen estimates the cumulative incidence F(t) of the event of interest
// with competing events (Aalen & Johansen 1978). Its variance is the delta-method
// (Greenwood-type) estimator of Marubini & Valsecchi (1995) as given by Pintilie
// (2006, eq. 4.3):
//
//	Var F(t) = Σ_{t_j ≤ t} (F(t) − F_j)² d_j/(n_j(n_j − d_j)) + S_{j−1}² d1_j(n_j − d1_j)/n_j³
//	           − 2 (F(t) − F_j) S_{j−1} d1_j/n_j²,
//
// which without censoring equals the binomial F(1 − F)/N exactly, and equals the
// infinitesimal-jackknife standard error of R's multi-state survfit (checked
// against it on simulated data, sim/testdata/r/intervals). The interval is
// IncidenceInterval's, on the log(−log F) scale. The restricted
// mean time lost ∫₀^τ F = Σ_j S_{j−1}(d1_j/n_j)(τ − t_j) has the same form with
// each term weighted by (τ − t_j) for the bins whose events' mean time t_j
// (the bin's midpoint) is before τ; its variance is computed likewise. τ = tau
// ≤ horizon is the endpoint's window.
//
// Events at exactly time 0 (ev0, comp0) form a first step, at t = 0.
func aalenJohansen(n, ev0, comp0 int64, ev, comp, cens []int64, w, horizon, tau float64) edgeCurve {
	nb := len(ev)
	c := newEdgeCurve(nb, w, horizon)
	// With a_j = d_j/(n_j(n_j−d_j)), b_j = S_{j−1}² d1_j(n_j−d1_j)/n_j³ and
	// e_j = S_{j−1} d1_j/n_j², prefix sums give Var F(t) at every t in O(1):
	// Var = F²Σa − 2FΣF_j a_j + ΣF_j² a_j + Σb − 2FΣe + 2ΣF_j e_j.
	var sa, sfa, sffa, sb, se, sfe float64
	s, f := 1.0, 0.0
	atRisk := n
	type term struct{ inc, a, b, e, t float64 } // per bin with events, for the RMTL
	var terms []term
	step := func(d1, d float64, t float64) {
		nj := float64(atRisk)
		tm := term{inc: s * d1 / nj, b: s * s * d1 * (nj - d1) / (nj * nj * nj), e: s * d1 / (nj * nj), t: t}
		if d < nj {
			tm.a = d / (nj * (nj - d))
		}
		f += tm.inc
		s *= 1 - d/nj
		sa, sfa, sffa = sa+tm.a, sfa+f*tm.a, sffa+f*f*tm.a
		sb, se, sfe = sb+tm.b, se+tm.e, sfe+f*tm.e
		terms = append(terms, tm)
	}
	variance := func() float64 { return math.Max(f*f*sa-2*f*sfa+sffa+sb-2*f*se+2*sfe, 0) }
	if d := ev0 + comp0; d > 0 {
		step(float64(ev0), float64(d), 0)
		atRisk -= d
	}
	c.setVar(0, f, variance(), n)
	known := n // patients not censored before the current bin
	for j := 0; j < nb; j++ {
		d1, d := float64(ev[j]), float64(ev[j]+comp[j])
		if d > 0 && atRisk > 0 {
			step(d1, d, (float64(j)+0.5)*w)
		}
		atRisk -= int64(d) + cens[j]
		c.setVar(j+1, f, variance(), known)
		known -= cens[j]
	}
	area := c.areas()
	total, _, _ := c.areaTo(area, tau)
	// RMTL = Σ_{t_j < τ} inc_j·(τ − t_j) = G(τ); the same delta method with
	// weights c_j = τ − t_j: Σ (G(τ) − G_j)² a_j + c_j² b_j − 2 (G(τ) − G_j) c_j e_j.
	before := func(t float64) bool { return tau >= horizon || t < tau } // at the horizon: every bin, as before
	gTot := 0.0
	for _, tm := range terms {
		if before(tm.t) {
			gTot += tm.inc * (tau - tm.t)
		}
	}
	v, g := 0.0, 0.0
	for _, tm := range terms {
		if !before(tm.t) {
			break // terms are in time order
		}
		cj := tau - tm.t
		g += tm.inc * cj
		dg := gTot - g
		v += dg*dg*tm.a + cj*cj*tm.b - 2*dg*cj*tm.e
	}
	c.integral = normalEstimate(total, math.Sqrt(math.Max(v, 0)))
	return c
}
