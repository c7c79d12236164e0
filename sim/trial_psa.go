package sim

import (
	"context"
	"fmt"
	"math"
)

// Assurance is a trial's power averaged over the parameters' uncertainty
// (O'Hagan, Stevens & Campbell, "Assurance in clinical trial design", Pharm
// Stat 2005): each PSA draw d gives every arm its parameters (DrawValues,
// keyed by the parameter's name, so a parameter the arms share has the same
// value in both), and the same simulated trials are run under it.
type Assurance struct {
	Draws, TrialsPerDraw int
	Designs              []AssuranceDesign
}

// AssuranceDesign is one design's and comparison's assurance and power band.
type AssuranceDesign struct {
	Size       int
	Comparison int    // arm Comparison+1 against the control
	Arm        string // that arm's name
	// Assurance is the mean over draws of the draw's log-rank power, with the
	// SE of that mean from the draws' spread (which includes each draw's own
	// Monte Carlo error).
	Assurance, SE float64
	// Band is the median and 2.5-97.5 percentiles of the draws' power: the
	// power band (each draw's power itself estimated from TrialsPerDraw trials).
	Band  Band
	Power []float64 // per draw, draws 1..Draws
}

// Assurance simulates trials [0, perDraw) under each of draws parameter draws
// and summarises the log-rank power per design and comparison (design-major).
func (t *Trial) Assurance(ctx context.Context, draws, perDraw int, opts TrialOptions) (*Assurance, error) {
	part, err := t.AssuranceDraws(ctx, draws, perDraw, nil, opts)
	if err != nil {
		return nil, err
	}
	return t.SummariseAssurance(draws, perDraw, part)
}

// AssuranceDraws simulates the draws of span (draws span.Lo+1..span.Hi; all
// when nil) of the assurance that Assurance computes, and returns each
// draw's power per design (a shard of it; SummariseAssurance summarises the
// shards).
func (t *Trial) AssuranceDraws(ctx context.Context, draws, perDraw int, span *Span, opts TrialOptions) (*AssurancePart, error) {
	if draws < 2 {
		return nil, fmt.Errorf("assurance needs at least 2 parameter draws (got %d)", draws)
	}
	sp, err := resolveSpan(span, draws, "assurance draws")
	if err != nil {
		return nil, err
	}
	part := &AssurancePart{Span: sp}
	for d := sp.Lo + 1; d <= sp.Hi; d++ {
		td := *t
		td.Arms = make([]*Program, len(t.Arms))
		for a, p := range t.Arms {
			q, err := Compile(p.Model, DrawValues(p.Model, opts.Seed, d))
			if err != nil {
				return nil, fmt.Errorf("PSA draw %d, arm %q: %w", d, t.ArmNames[a], err)
			}
			td.Arms[a] = q
		}
		o, err := td.Simulate(ctx, TrialRange{0, perDraw}, opts)
		if err != nil {
			return nil, fmt.Errorf("PSA draw %d: %w", d, err)
		}
		sums := td.Summarise(o)
		power := make([]float64, len(sums))
		for k, s := range sums {
			power[k] = s.Power.Value
		}
		part.power = append(part.power, power)
	}
	return part, nil
}

// SummariseAssurance summarises the parts of an assurance of draws draws,
// which must hold each draw once.
func (t *Trial) SummariseAssurance(draws, perDraw int, parts ...*AssurancePart) (*Assurance, error) {
	nc := t.Comparisons()
	out := &Assurance{Draws: draws, TrialsPerDraw: perDraw, Designs: make([]AssuranceDesign, len(t.Sizes)*nc)}
	for k := range out.Designs {
		c := k % nc
		out.Designs[k] = AssuranceDesign{Size: t.Sizes[k/nc], Comparison: c, Arm: t.ArmNames[c+1], Power: make([]float64, 0, draws)}
	}
	n := 0
	for _, p := range sortedSpans(parts, func(p *AssurancePart) Span { return p.Span }) {
		if p.Span.Lo != n {
			return nil, fmt.Errorf("assurance draws %d..%d are missing or given twice", n+1, p.Span.Lo)
		}
		n = p.Span.Hi
		if len(p.power) != p.Span.Len() {
			return nil, fmt.Errorf("assurance draws %d..%d: %d powers", p.Span.Lo+1, p.Span.Hi, len(p.power))
		}
		for _, power := range p.power {
			if len(power) != len(out.Designs) {
				return nil, fmt.Errorf("an assurance draw has %d designs, not %d", len(power), len(out.Designs))
			}
			for k, x := range power {
				out.Designs[k].Power = append(out.Designs[k].Power, x)
			}
		}
	}
	if n != draws || draws < 2 {
		return nil, fmt.Errorf("assurance parts hold %d of its %d draws", n, draws)
	}
	for k := range out.Designs {
		ad := &out.Designs[k]
		m, v := 0.0, 0.0
		for _, p := range ad.Power {
			m += p
		}
		m /= float64(draws)
		for _, p := range ad.Power {
			v += (p - m) * (p - m)
		}
		ad.Assurance, ad.SE = m, math.Sqrt(v/float64(draws-1)/float64(draws))
		ad.Band = bandOf(ad.Power)
	}
	return out, nil
}
