package fit

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
	"gonum.org/v1/gonum/optimize"
)

// Defaults of Settings, where neither the caller nor the model's calibrate
// section gives a value.
const (
	DefaultPatients       = 20_000 // simulated patients per evaluation
	DefaultStarts         = 5      // the file's values and 4 random starts
	DefaultMaxEvaluations = 400    // objective evaluations per start
	DefaultSeed           = 1
	// DefaultObjectiveTol is how close (in log-likelihood units) a start's
	// optimum must come to the best for the two to count as fitting equally
	// well: half a unit, well inside what a likelihood-ratio test could tell
	// apart (1.92 for one parameter at 95%).
	DefaultObjectiveTol = 0.5
	// DefaultParameterTol is how far two equally good optima may lie apart in
	// a parameter before it is reported as not identified: 5% of its value
	// (log scale) or of its bounds' width (logit, none).
	DefaultParameterTol = 0.05
	// DefaultSimplexSize is the initial Nelder-Mead step on the search scale:
	// 0.5 moves a parameter in the middle of its bounds by about an eighth of
	// their width (the logit's slope there is 1/4).
	DefaultSimplexSize = 0.5
)

// restartGain is the least gain of objective (log-likelihood units) for
// which a converged Nelder-Mead run is restarted from its best point.
const restartGain = 0.01

// startSalt keys the random starts' stream apart from the patients' streams.
const startSalt = 0x5ca1ab1e_ca1b0001

// Settings control Calibrate. The zero value of every field means a
// documented default; Patients, Starts, MaxEvaluations and Seed fall back on
// the model's calibrate section first.
type Settings struct {
	Patients       int    // simulated patients per evaluation; 0: the file's, else DefaultPatients
	Seed           uint64 // seed of every evaluation and of the random starts; 0: the file's, else DefaultSeed
	Workers        int    // goroutines per evaluation; 0: all cores (the fit does not depend on it)
	Starts         int    // 0: the file's, else DefaultStarts; the first start is the file's values
	MaxEvaluations int    // objective evaluations per start; 0: the file's, else DefaultMaxEvaluations

	// Optimize is gonum's settings, copied for each run of the method; nil:
	// a FunctionConverge stop (no improvement above 1e-3 for 10 + 5·dim
	// iterations). Its FuncEvaluations is set to what is left of the start's
	// MaxEvaluations: a converged run is restarted from its best point while
	// it gained more than 0.01 and evaluations remain.
	Optimize *optimize.Settings
	// Method is the search method, used for each start in turn; nil: a new
	// optimize.NelderMead with SimplexSize DefaultSimplexSize per start.
	Method optimize.Method

	ObjectiveTol float64 // 0: DefaultObjectiveTol
	ParameterTol float64 // 0: DefaultParameterTol

	// Progress, if set, is called after every evaluation.
	Progress func(Progress)
}

// Progress says how far a calibration has come.
type Progress struct {
	Start, Starts              int     // the start under way (from 1) of how many
	Evaluation, MaxEvaluations int     // evaluations of this start, and its cap
	Best                       float64 // the best objective so far, over all starts
}

// Start is one search: where it began and ended.
type Start struct {
	Initial          []float64 // the free parameters' values it started from
	Final            []float64 // the best point it found
	InitialObjective float64   // +Inf when the start's values break the model
	Objective        float64   // at Final
	Evaluations      int
	Status           string // gonum's termination status, or why the start was skipped
}

// TargetFit is one target at some parameter values: the simulated figure and
// its share of the objective.
type TargetFit struct {
	Target       model.Target
	Simulated    sim.Estimate
	Contribution float64
}

// Fit is the result of Calibrate.
type Fit struct {
	Model          *model.Model // the model fitted (unchanged; see Apply)
	Free           []model.FreeParameter
	Patients       int
	Seed           uint64
	MaxEvaluations int
	Starts         []Start
	Best           int       // index of the best start
	Values         []float64 // fitted values of Free, to 4 significant digits
	Objective      float64   // at Values
	Before, After  []TargetFit
	// Unidentified names the parameters on which starts that fit equally well
	// (objective within ObjectiveTol of the best) end more than ParameterTol
	// apart: the targets do not pin them down. Empty when identified.
	Unidentified               []string
	AtBound                    []string // fitted parameters within 0.1% of a bound (on their scale)
	ObjectiveTol, ParameterTol float64
	Evaluations                int
	Elapsed                    time.Duration
}

// Calibrate fits m's free parameters (m.Calibrate) to its targets. It returns
// an error when the model cannot be fitted (no calibrate section, a target
// the run cannot give, the file's values breaking the model) or ctx is
// cancelled.
func Calibrate(ctx context.Context, m *model.Model, s Settings) (*Fit, error) {
	if m.Calibrate == nil || len(m.Calibrate.Parameters) == 0 {
		return nil, fmt.Errorf("model %q has no free parameters: add a calibrate section with parameters: [{name, lower, upper}]", m.Name)
	}
	if len(m.Targets) == 0 {
		return nil, fmt.Errorf("model %q has no targets to calibrate to", m.Name)
	}
	start := time.Now()
	s = s.withDefaults(m.Calibrate)
	f := &Fit{Model: m, Free: m.Calibrate.Parameters, Patients: s.Patients, Seed: s.Seed, MaxEvaluations: s.MaxEvaluations,
		ObjectiveTol: s.ObjectiveTol, ParameterTol: s.ParameterTol}
	o := newObjective(ctx, m, sim.Options{Patients: s.Patients, Seed: s.Seed, Workers: s.Workers})
	dim := len(f.Free)
	best := math.Inf(1)
	rng := rand.New(rand.NewPCG(s.Seed, startSalt))
	for k := range s.Starts {
		x0 := make([]float64, dim)
		for i, fp := range f.Free {
			if k == 0 {
				x0[i] = o.vals[fp.Name]
				continue
			}
			u := rng.Float64()
			for u == 0 {
				u = rng.Float64()
			}
			x0[i] = toParam(fp, fromUnit(fp, u))
		}
		st := Start{Initial: x0, Final: x0, InitialObjective: math.Inf(1), Objective: math.Inf(1)}
		obj0, fits, err := o.at(f.Free, x0)
		st.Evaluations = 1
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil && k == 0:
			return nil, fmt.Errorf("calibrating %s at the file's values: %w", m.Name, err)
		case err != nil:
			st.Status = "skipped: " + err.Error()
			f.Starts = append(f.Starts, st)
			continue
		}
		if k == 0 {
			f.Before = fits
		}
		st.InitialObjective, st.Objective = obj0, obj0
		best = math.Min(best, obj0)
		report := func(evals int) {
			if s.Progress != nil {
				s.Progress(Progress{Start: k + 1, Starts: s.Starts, Evaluation: evals, MaxEvaluations: s.MaxEvaluations, Best: best})
			}
		}
		report(1)
		evals := 1
		problem := optimize.Problem{
			Func: func(y []float64) float64 {
				x := make([]float64, dim)
				for i, fp := range f.Free {
					x[i] = toParam(fp, y[i])
					if !inBounds(fp, x[i]) {
						return math.Inf(1)
					}
				}
				v, _, err := o.at(f.Free, x)
				evals++
				if err != nil {
					v = math.Inf(1)
				}
				best = math.Min(best, v)
				report(evals)
				return v
			},
			Status: func() (optimize.Status, error) {
				if err := ctx.Err(); err != nil {
					return optimize.Failure, err
				}
				return optimize.NotTerminated, nil
			},
		}
		y := make([]float64, dim)
		for i, fp := range f.Free {
			y[i] = toSearch(fp, x0[i])
		}
		// Nelder-Mead can stall short of a minimum; restart it from its best
		// point with a fresh simplex while a run still gains (Kelley 1999,
		// SIAM J Optim 10:43-55) and evaluations remain.
		cur, restarts := obj0, 0
		for {
			set := s.settings(dim)
			set.FuncEvaluations = s.MaxEvaluations - evals
			set.InitValues = &optimize.Location{F: cur}
			res, err := optimize.Minimize(problem, y, set, s.method())
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if err != nil && res == nil {
				return nil, fmt.Errorf("calibrating %s, start %d: %w", m.Name, k+1, err)
			}
			st.Status = res.Status.String()
			if err != nil {
				st.Status += ": " + err.Error()
			}
			gain := cur - res.F
			if res.F < cur {
				cur = res.F
				copy(y, res.X)
			}
			if res.Status != optimize.FunctionConvergence || !(gain > restartGain) || s.MaxEvaluations-evals < 2*(dim+1) {
				break
			}
			restarts++
		}
		switch {
		case restarts == 1:
			st.Status += " (after 1 restart)"
		case restarts > 1:
			st.Status += fmt.Sprintf(" (after %d restarts)", restarts)
		}
		st.Evaluations = evals
		if cur < st.Objective {
			st.Objective = cur
			st.Final = make([]float64, dim)
			for i, fp := range f.Free {
				st.Final[i] = toParam(fp, y[i])
			}
		}
		f.Starts = append(f.Starts, st)
	}
	f.Best = 0
	for k, st := range f.Starts {
		if st.Objective < f.Starts[f.Best].Objective {
			f.Best = k
		}
	}
	f.Values = make([]float64, dim)
	for i, fp := range f.Free {
		f.Values[i] = clampTo(fp, round4(f.Starts[f.Best].Final[i]))
		if p := position(fp, f.Values[i]); p < 1e-3 || p > 1-1e-3 {
			f.AtBound = append(f.AtBound, fp.Name)
		}
	}
	var err error
	if f.Objective, f.After, err = o.at(f.Free, f.Values); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("calibrating %s at the fitted values: %w", m.Name, err)
	}
	f.Unidentified = unidentified(f)
	f.Evaluations = o.evals
	f.Elapsed = time.Since(start)
	return f, nil
}

// withDefaults fills zero settings from the calibrate section, then defaults.
func (s Settings) withDefaults(c *model.Calibrate) Settings {
	pick := func(v, file, def int) int {
		switch {
		case v > 0:
			return v
		case file > 0:
			return file
		}
		return def
	}
	s.Patients = pick(s.Patients, c.Patients, DefaultPatients)
	s.Starts = pick(s.Starts, c.Starts, DefaultStarts)
	s.MaxEvaluations = pick(s.MaxEvaluations, c.MaxEvaluations, DefaultMaxEvaluations)
	if s.Seed == 0 {
		s.Seed = c.Seed
	}
	if s.Seed == 0 {
		s.Seed = DefaultSeed
	}
	if s.ObjectiveTol == 0 {
		s.ObjectiveTol = DefaultObjectiveTol
	}
	if s.ParameterTol == 0 {
		s.ParameterTol = DefaultParameterTol
	}
	return s
}

// settings returns a copy of gonum's settings for one start.
func (s Settings) settings(dim int) *optimize.Settings {
	var set optimize.Settings
	if s.Optimize != nil {
		set = *s.Optimize
	} else {
		set.Converger = &optimize.FunctionConverge{Absolute: 1e-3, Iterations: 10 + 5*dim}
	}
	return &set
}

// method returns the search method for one start.
func (s Settings) method() optimize.Method {
	if s.Method != nil {
		return s.Method
	}
	return &optimize.NelderMead{SimplexSize: DefaultSimplexSize}
}
