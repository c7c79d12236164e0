package fit

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distmv"
)

// imisWeights returns the normalised importance weights of every point
// evaluated so far: wᵢ ∝ L(yᵢ) π(yᵢ) / q(yᵢ), where the sampling density is
// the mixture q = (N0/N) π + (B/N) Σₖ φₖ of the prior and the stages'
// Gaussians (Raftery and Bao 2010, step 3). Computed on the log scale; nil
// when no point has a finite likelihood.
func imisWeights(pts []point, comps []imisComponent, n0, b int) []float64 {
	n := float64(len(pts))
	dens := make([]*distmv.Normal, len(comps))
	for k, c := range comps {
		dens[k] = distmv.NewNormalChol(c.mean, c.chol, nil)
	}
	lw := make([]float64, len(pts))
	best := math.Inf(-1)
	terms := make([]float64, len(comps)+1)
	for i, p := range pts {
		if math.IsInf(p.logL, -1) {
			lw[i] = math.Inf(-1)
			continue
		}
		terms[0] = math.Log(float64(n0)/n) + p.logPrior
		for k, dn := range dens {
			terms[k+1] = math.Log(float64(b)/n) + dn.LogProb(p.y)
		}
		lw[i] = p.logL + p.logPrior - logSumExp(terms)
		best = math.Max(best, lw[i])
	}
	if math.IsInf(best, -1) {
		return nil
	}
	w := make([]float64, len(pts))
	sum := 0.0
	for i, l := range lw {
		w[i] = math.Exp(l - best)
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	return w
}

func logSumExp(xs []float64) float64 {
	m := slices.Max(xs)
	if math.IsInf(m, -1) {
		return m
	}
	s := 0.0
	for _, x := range xs {
		s += math.Exp(x - m)
	}
	return m + math.Log(s)
}

// imisComponentAt builds the next stage's Gaussian (Raftery and Bao 2010,
// step 2b): centred on the point of largest weight, with the weighted
// covariance (weights (wᵢ + 1/N)/2, about that centre) of the b points
// nearest to it in the prior's Mahalanobis distance (pv: the prior's
// variances, see priorVariances), as R's IMIS package computes it (cov.wt
// with the centre given).
func imisComponentAt(pts []point, w []float64, pv []float64, b int) (imisComponent, error) {
	d := len(pv)
	imax := 0
	for i := range w {
		if w[i] > w[imax] {
			imax = i
		}
	}
	centre := pts[imax].y
	idx := make([]int, len(pts))
	dist := make([]float64, len(pts))
	for i, p := range pts {
		idx[i] = i
		for j := range p.y {
			dist[i] += (p.y[j] - centre[j]) * (p.y[j] - centre[j]) / pv[j]
		}
	}
	slices.SortStableFunc(idx, func(a, c int) int { return cmp.Compare(dist[a], dist[c]) })
	near := idx[:min(b, len(idx))]
	n := float64(len(pts))
	vs := make([]float64, len(near))
	sum := 0.0
	for k, i := range near {
		vs[k] = (w[i] + 1/n) / 2
		sum += vs[k]
	}
	sq := 0.0
	for k := range vs {
		vs[k] /= sum
		sq += vs[k] * vs[k]
	}
	cov := mat.NewSymDense(d, nil)
	for k, i := range near {
		for r := range d {
			for c := r; c < d; c++ {
				cov.SetSym(r, c, cov.At(r, c)+vs[k]*(pts[i].y[r]-centre[r])*(pts[i].y[c]-centre[c])/(1-sq))
			}
		}
	}
	var ch mat.Cholesky
	for jitter := 1e-12; jitter < 1; jitter *= 100 {
		if ch.Factorize(cov) {
			return imisComponent{mean: slices.Clone(centre), chol: &ch}, nil
		}
		for j := range d {
			cov.SetSym(j, j, cov.At(j, j)+jitter*pv[j])
		}
	}
	return imisComponent{}, fmt.Errorf("IMIS: the covariance of the points near the best one is singular (the likelihood is flat or all points coincide)")
}

// predictive checks each target against the posterior sample (the
// resampled rows of pts): the simulated figure's band, and the band of the
// figure a study of the target's size would publish, drawn from the
// likelihood's sampling model (binomial for a proportion with n, normal with
// the published interval's SE otherwise; log-normal for a median).
func predictive(m *model.Model, pts []point, rows []int, rng *rand.Rand) []PredictiveTarget {
	out := make([]PredictiveTarget, len(m.Targets))
	pred := make([]float64, len(rows))
	obs := make([]float64, len(rows))
	for k, t := range m.Targets {
		for j, r := range rows {
			x := pts[r].figures[k]
			pred[j] = x
			obs[j] = observe(t, x, m.Horizon, rng)
		}
		pt := PredictiveTarget{Target: t, Predicted: band(pred), Predictive: band(obs)}
		pt.Covers = t.Value >= pt.Predictive.Lower && t.Value <= pt.Predictive.Upper
		out[k] = pt
	}
	return out
}

// observe draws the figure a study of the target's size would publish when
// the truth is x.
func observe(t model.Target, x, horizon float64, rng *rand.Rand) float64 {
	hasInterval := t.Lower != 0 || t.Upper != 0
	if t.Measure == model.MeasureMedian {
		se := MedianSE(t.N)
		if hasInterval && t.Lower > 0 {
			se = (math.Log(t.Upper) - math.Log(t.Lower)) / (2 * z95)
		}
		return math.Exp(math.Log(math.Min(x, horizon)) + se*rng.NormFloat64())
	}
	if t.N > 0 {
		k := 0
		for range t.N {
			if rng.Float64() < x {
				k++
			}
		}
		return float64(k) / float64(t.N)
	}
	return x + (t.Upper-t.Lower)/(2*z95)*rng.NormFloat64()
}

// band is the median and 2.5 and 97.5 percentiles of xs (R's type 7).
func band(xs []float64) sim.Band {
	s := slices.Clone(xs)
	slices.Sort(s)
	q := func(p float64) float64 {
		h := (float64(len(s)) - 1) * p
		i := int(math.Floor(h))
		if i+1 >= len(s) {
			return s[len(s)-1]
		}
		return s[i] + (h-float64(i))*(s[i+1]-s[i])
	}
	return sim.Band{Median: q(0.5), Lower: q(0.025), Upper: q(0.975)}
}

// SampleBand is the median and 2.5 and 97.5 percentiles of a sample (R's
// quantile type 7).
func SampleBand(xs []float64) sim.Band { return band(xs) }
