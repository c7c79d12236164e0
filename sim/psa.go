package sim

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/blinasim/blinasim/model"
)

// psaSalt separates the parameter draws' stream from the patients' streams of
// the same seed.
const psaSalt = 0x5053415f64726177 // "PSA_draw"

// DrawValues returns parameter set d (d ≥ 1) of a probabilistic sensitivity
// analysis: model.Model.DrawValues with the uniform of each parameter keyed by
// (seed, d, the parameter's name), so a draw is the same whatever else is run,
// and a parameter takes the same value in draw d of every scenario that has
// it with the same uncertainty (draws are paired across scenarios, as
// patients are). A Dirichlet group's components are drawn jointly from their
// own keyed uniforms; fixed parameters keep their value. Draw 0 is the
// parameters' own values.
func DrawValues(m *model.Model, seed uint64, d int) model.Values {
	if d == 0 {
		return m.Values()
	}
	vk := visitKey(patientKey(seedKey(seed^psaSalt), uint64(d)), 0)
	return m.DrawValues(func(i int) float64 { return uniform(vk^nameKey(m.Parameters[i].Name), 0) })
}

// nameKey hashes a parameter name (64-bit FNV-1a, then the SplitMix64
// finaliser) into the key of its draws.
func nameKey(name string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(name); i++ {
		h = (h ^ uint64(name[i])) * 0x100000001b3
	}
	return mix(h)
}

// PSA is the result of a probabilistic sensitivity analysis: each draw's
// parameter values and figures, and the figures summarised as the median
// with a 2.5–97.5 percentile band across draws.
type PSA struct {
	Draws int
	// Parameters names the drawn parameters, those with an uncertainty
	// other than fixed, and the derived ones, in model order.
	Parameters []string
	// Samples holds each draw's values and figures in draw order: Samples[i]
	// is draw i+1.
	Samples   []PSASample
	Endpoints []PSAEndpoint // the bands, endpoints as in the base result
	// Subgroup is "attr=level" for a subgroup's analysis; Subgroups holds,
	// for a model stratified by an attribute (--by), each subgroup's analysis
	// from the same draws (psa_groups.go).
	Subgroup  string
	Subgroups []*PSA
}

// PSASample is one draw: its parameter values and its figures.
type PSASample struct {
	Values    []float64     // aligned with PSA.Parameters
	Endpoints []DrawFigures // aligned with PSA.Endpoints
}

// DrawFigures are one endpoint's figures in one draw (the estimates' values;
// a median never reached is +Inf, a figure of an endpoint no patient started
// NaN).
type DrawFigures struct {
	Median    float64
	RMST      float64
	Landmarks []float64 // aligned with PSAEndpoint.Landmarks
}

// PSAEndpoint holds an endpoint's figures across draws: the curve on the
// grid, the landmarks, the median and the RMST, each summarised as
// Band{Median, Lower (2.5%), Upper (97.5%)}.
type PSAEndpoint struct {
	Name      string
	Kind      model.EndpointKind
	Curve     []Band
	Landmarks []PSALandmark
	Median    Band
	RMST      Band
}

// PSALandmark is a landmark's band.
type PSALandmark struct {
	Time float64
	Band
}

// Band is a figure's median and 2.5 and 97.5 percentiles across draws (R's
// default quantile type 7). A median never reached in a draw counts as +Inf.
type Band struct{ Median, Lower, Upper float64 }

// RunPSA simulates draws parameter sets of m (DrawValues 1..draws), each on
// the same opts.Patients patients (common random numbers across draws, so the
// band shows parameter uncertainty with little Monte Carlo noise), and
// summarises them. A draw whose parameters make the model invalid (e.g.
// branch probabilities drawn independently that sum past 1) is an error that
// names the draw (the first such draw, whatever the workers).
//
// Draws run in parallel, each on one worker when there are at least as many
// draws as workers (opts.Workers/draws workers each otherwise); since a draw's
// figures do not depend on its workers, the result is identical for any
// opts.Workers.
func RunPSA(ctx context.Context, m *model.Model, draws int, opts Options) (*PSA, error) {
	part, err := RunPSADraws(ctx, m, draws, nil, opts)
	if err != nil {
		return nil, err
	}
	return SummarisePSA(m, draws, part)
}

// RunPSADraws simulates the draws of span (draws span.Lo+1..span.Hi; all
// when span is nil) of a probabilistic sensitivity analysis of draws draws,
// as RunPSA does, and returns what the summary needs of each (a shard of the
// analysis; SummarisePSA summarises the shards).
func RunPSADraws(ctx context.Context, m *model.Model, draws int, span *Span, opts Options) (*PSAPart, error) {
	if draws < 2 {
		return nil, fmt.Errorf("PSA needs at least 2 draws (got %d)", draws)
	}
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	p, err := Compile(m, nil)
	if err != nil {
		return nil, err
	}
	// The budget is the whole analysis's: its merge keeps every draw.
	if err := Check([]*Program{p}, opts, draws); err != nil {
		return nil, err
	}
	sp, err := resolveSpan(span, draws, "PSA draws")
	if err != nil {
		return nil, err
	}
	part := &PSAPart{Span: sp, out: make([]drawOutcome, sp.Len())}
	if sp.Len() == 0 {
		return part, nil
	}
	outer := min(opts.Workers, sp.Len())
	inner := opts
	inner.Workers = max(1, opts.Workers/outer)
	inner.Span = nil // a draw simulates all its patients
	var next atomic.Int64
	next.Store(int64(sp.Lo))
	failed := make([]drawError, outer)
	var wg sync.WaitGroup
	for g := range outer {
		wg.Add(1)
		go func(fail *drawError) {
			defer wg.Done()
			var dr drawRunner
			for {
				d := int(next.Add(1)) // draws lo+1, lo+2, ... in order
				if d > sp.Hi {
					return
				}
				vals := DrawValues(m, opts.Seed, d)
				r, err := dr.run(ctx, m, vals, inner)
				if err != nil {
					*fail = drawError{d, err}
					next.Store(int64(sp.Hi)) // hand out no more draws
					return
				}
				part.out[d-1-sp.Lo] = outcome(m, vals, r)
			}
		}(&failed[g])
	}
	wg.Wait()
	if err := firstDrawError(failed); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	return part, nil
}

// drawError is a draw that failed.
type drawError struct {
	draw int
	err  error
}

// firstDrawError returns the failure of the lowest-numbered draw, or nil.
// Every draw below a failed one was handed out before it and ran to its end,
// so this is the first failing draw whatever the scheduling.
func firstDrawError(fs []drawError) error {
	var first *drawError
	for i := range fs {
		if fs[i].err != nil && (first == nil || fs[i].draw < first.draw) {
			first = &fs[i]
		}
	}
	if first == nil {
		return nil
	}
	return fmt.Errorf("PSA draw %d: %w", first.draw, first.err)
}
