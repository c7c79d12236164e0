package fit

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
	"gonum.org/v1/gonum/mat"
)

// Bayesian calibration by Incremental Mixture Importance Sampling (IMIS;
// Raftery and Bao 2010, "Estimating and projecting trends in HIV/AIDS
// generalized epidemics using Incremental Mixture Importance Sampling",
// Biometrics 66:1162-1173), the method of DARTH's calibration materials
// (Menzies et al. 2017, PharmacoEconomics 35:613; Alarid-Escudero et al.,
// "Bayesian calibration" tutorial). The prior of each free parameter is by
// default uniform on its bounds, on the scale it is searched: uniform on the
// log scale for a log transform (rates, ratios, times spanning orders of
// magnitude), on the parameter itself otherwise. With calibrate prior:
// uncertainty it is the parameter's declared uncertainty truncated to its
// bounds (imis_prior.go), its density on the search scale including the
// Jacobian of the log transform. The likelihood is the
// calibration objective's: binomial for proportions, normal on the log scale
// for medians, with the simulation's common random numbers.

// imisSalt keys IMIS's own random stream apart from the patients'.
const imisSalt = 0x1315_babe_0000_0001

// IMISSettings control IMIS; zero values take the defaults of Raftery and
// Bao (2010): N0 = 1000·d prior draws, B = 100·d draws per stage, J = 3000
// resampled, at most 100 stages (d the number of free parameters).
type IMISSettings struct {
	Patients  int    // simulated patients per evaluation; 0: the file's, else DefaultPatients
	Seed      uint64 // of every evaluation and of IMIS's draws; 0: the file's, else DefaultSeed
	Workers   int    // goroutines per evaluation; 0: all cores
	Initial   int    // N0, draws from the prior
	Batch     int    // B, draws per stage
	Resample  int    // J, the posterior sample's size
	MaxStages int    // stages after the prior's; 0: 100
	Progress  func(evaluations, stage int)
}

// Posterior is IMIS's result: a sample of the free parameters' joint
// posterior, each row a draw, and what shows how well IMIS went.
type Posterior struct {
	Model                    *model.Model
	Free                     []model.FreeParameter
	Sample                   [][]float64 // Resample rows, each the free parameters' values (in the model's units)
	Best                     []float64   // the row of Sample with the largest likelihood
	Patients                 int
	Seed                     uint64
	Initial, Batch, Resample int
	Prior                    model.Prior      // bounds or uncertainty
	Priors                   []ParameterPrior // each free parameter's
	Stages                   int              // stages run after the prior's
	Evaluations              int              // simulations run
	// Converged says the stopping rule of Raftery and Bao was met: the
	// expected number of distinct points in the resample,
	// Σᵢ 1 − (1 − wᵢ)^J, reached (1 − e⁻¹)·J. When it is false IMIS stopped at
	// MaxStages and the sample leans on few points.
	Converged      bool
	ExpectedUnique float64
	ESS            float64 // effective sample size of the importance weights, 1/Σwᵢ²
	MaxWeight      float64
	Targets        []PredictiveTarget // posterior predictive check of each target
	Elapsed        time.Duration
}

// PredictiveTarget is a target's posterior predictive check: the simulated
// figure across the posterior sample (the model's prediction) and the
// figure a new study of the same size would publish (the prediction plus its
// sampling error: binomial for proportions, log-normal for medians), each
// as a median with a 2.5-97.5 percentile interval.
type PredictiveTarget struct {
	Target                model.Target
	Predicted, Predictive sim.Band
	Covers                bool // the published figure lies in the predictive interval
}

// point is an evaluated input of IMIS, on the search scale.
type point struct {
	y        []float64
	logL     float64   // −objective; −Inf outside the bounds or where the model breaks
	logPrior float64   // the prior's log density at y, on the search scale
	figures  []float64 // each target's simulated figure
}

// imisComponent is a Gaussian of the importance mixture.
type imisComponent struct {
	mean []float64
	chol *mat.Cholesky
}

// IMIS samples the posterior of m's free parameters given its targets.
func IMIS(ctx context.Context, m *model.Model, s IMISSettings) (*Posterior, error) {
	if m.Calibrate == nil || len(m.Calibrate.Parameters) == 0 {
		return nil, fmt.Errorf("model %q has no free parameters: add a calibrate section with parameters: [{name, lower, upper}]", m.Name)
	}
	if len(m.Targets) == 0 {
		return nil, fmt.Errorf("model %q has no targets to calibrate to", m.Name)
	}
	start := time.Now()
	set := Settings{Patients: s.Patients, Seed: s.Seed, Workers: s.Workers}.withDefaults(m.Calibrate)
	free := m.Calibrate.Parameters
	d := len(free)
	s = s.withDefaults(d)
	o := newObjective(ctx, m, sim.Options{Patients: set.Patients, Seed: set.Seed, Workers: set.Workers})
	rng := rand.New(rand.NewPCG(set.Seed, imisSalt))
	priors, err := imisPriors(m)
	if err != nil {
		return nil, err
	}
	// logPrior is the prior's log density at y; NaN outside the bounds.
	logPrior := func(y []float64) float64 {
		lp := 0.0
		for i := range y {
			if !(y[i] >= priors[i].lo && y[i] <= priors[i].hi) {
				return math.NaN()
			}
			lp += priors[i].logPDF(y[i])
		}
		return lp
	}
	prior := m.Calibrate.Prior
	if prior == "" {
		prior = model.PriorBounds
	}
	post := &Posterior{Model: m, Free: free, Patients: set.Patients, Seed: set.Seed, Initial: s.Initial, Batch: s.Batch, Resample: s.Resample,
		Prior: prior, Priors: priors}
	var pts []point
	eval := func(y []float64) error {
		p := point{y: y, logL: math.Inf(-1), logPrior: logPrior(y)}
		// Outside the bounds, or where the density is not finite (a beta
		// with a < 1 at 0): not evaluated, weight 0.
		if !math.IsNaN(p.logPrior) && !math.IsInf(p.logPrior, 0) {
			x := make([]float64, d)
			for i, fp := range free {
				x[i] = fromPriorScale(fp, y[i])
			}
			v, fits, err := o.at(free, x)
			if ctx.Err() != nil {
				return ctx.Err()
			}
			post.Evaluations++
			if err == nil {
				p.logL = -v
				p.figures = make([]float64, len(fits))
				for k, f := range fits {
					p.figures[k] = f.Simulated.Value
				}
			}
		}
		pts = append(pts, p)
		if s.Progress != nil {
			s.Progress(post.Evaluations, post.Stages)
		}
		return nil
	}
	// Stage 0: the prior.
	for range s.Initial {
		y := make([]float64, d)
		for i := range y {
			y[i] = priors[i].draw(rng.Float64())
		}
		if err := eval(y); err != nil {
			return nil, err
		}
	}
	pv := priorVariances(priors, pts)
	var comps []imisComponent
	var w []float64
	for {
		w = imisWeights(pts, comps, s.Initial, s.Batch)
		if w == nil {
			return nil, fmt.Errorf("IMIS: no prior draw of %d gave the model a finite likelihood: check the bounds of the free parameters", s.Initial)
		}
		post.ExpectedUnique = 0
		for _, wi := range w {
			post.ExpectedUnique += 1 - math.Pow(1-wi, float64(s.Resample))
		}
		if post.ExpectedUnique >= (1-math.Exp(-1))*float64(s.Resample) {
			post.Converged = true
			break
		}
		if post.Stages >= s.MaxStages {
			break
		}
		post.Stages++
		c, err := imisComponentAt(pts, w, pv, s.Batch)
		if err != nil {
			return nil, err
		}
		comps = append(comps, c)
		var l mat.TriDense
		c.chol.LTo(&l)
		for range s.Batch {
			z := make([]float64, d)
			for i := range z {
				z[i] = rng.NormFloat64()
			}
			y := make([]float64, d)
			for i := range y {
				y[i] = c.mean[i]
				for j := 0; j <= i; j++ {
					y[i] += l.At(i, j) * z[j]
				}
			}
			if err := eval(y); err != nil {
				return nil, err
			}
		}
	}
	ess := 0.0
	for _, wi := range w {
		ess += wi * wi
		post.MaxWeight = math.Max(post.MaxWeight, wi)
	}
	post.ESS = 1 / ess
	// Resample J rows with replacement, in proportion to the weights.
	cum := make([]float64, len(w))
	acc := 0.0
	for i, wi := range w {
		acc += wi
		cum[i] = acc
	}
	rows := make([]int, s.Resample)
	for k := range rows {
		u := rng.Float64() * acc
		rows[k] = min(sort(cum, u), len(pts)-1)
	}
	bestL := math.Inf(-1)
	for _, r := range rows {
		x := make([]float64, d)
		if pts[r].logL > bestL {
			bestL, post.Best = pts[r].logL, x
		}
		for i, fp := range free {
			x[i] = fromPriorScale(fp, pts[r].y[i])
		}
		post.Sample = append(post.Sample, x)
	}
	post.Targets = predictive(m, pts, rows, rng)
	post.Elapsed = time.Since(start)
	return post, nil
}

// sort returns the first index with cum[i] ≥ u.
func sort(cum []float64, u float64) int {
	i, _ := slices.BinarySearch(cum, u)
	return i
}

func (s IMISSettings) withDefaults(d int) IMISSettings {
	if s.Initial == 0 {
		s.Initial = 1000 * d
	}
	if s.Batch == 0 {
		s.Batch = 100 * d
	}
	if s.Resample == 0 {
		s.Resample = 3000
	}
	if s.MaxStages == 0 {
		s.MaxStages = 100
	}
	return s
}

// priorScale maps a value to the scale its prior is uniform on.
func priorScale(fp model.FreeParameter, x float64) float64 {
	if fp.Scale() == model.TransformLog {
		return math.Log(x)
	}
	return x
}

func fromPriorScale(fp model.FreeParameter, y float64) float64 {
	if fp.Scale() == model.TransformLog {
		return math.Exp(y)
	}
	return y
}
