package sim

import (
	"context"
	"fmt"
)

// AssurancePart is each draw's power per design for the draws of one span
// of an assurance (draws Span.Lo+1..Span.Hi).
type AssurancePart struct {
	Span  Span
	power [][]float64
}

// Ints returns the part as arrays of integers: per draw, its power per
// design as IEEE 754 bits.
func (p *AssurancePart) Ints() [][]int64 {
	xs := make([][]int64, len(p.power))
	for i, pw := range p.power {
		xs[i] = floatBits(pw)
	}
	return xs
}

// AssurancePartFromInts reads back a part written by Ints.
func AssurancePartFromInts(span Span, xs [][]int64) (*AssurancePart, error) {
	if len(xs) != span.Len() {
		return nil, fmt.Errorf("assurance part: %d draws for draws %d..%d", len(xs), span.Lo+1, span.Hi)
	}
	p := &AssurancePart{Span: span}
	for _, x := range xs {
		p.power = append(p.power, bitsFloat(x))
	}
	return p, nil
}

// SimulateSpan is Simulate over the trials of span, which may be empty (a
// shard with no trial).
func (t *Trial) SimulateSpan(ctx context.Context, span Span, opts TrialOptions) (*TrialOutcomes, error) {
	if span.Len() == 0 {
		if err := t.Validate(); err != nil {
			return nil, err
		}
		return &TrialOutcomes{Range: TrialRange{span.Lo, span.Lo}, Designs: len(t.Sizes), Comparisons: t.Comparisons()}, nil
	}
	return t.Simulate(ctx, TrialRange{span.Lo, span.Hi}, opts)
}

// trialOutcomeInts is how many integers a TrialOutcome takes.
const trialOutcomeInts = 14

// Ints returns the outcomes as arrays of integers, one per trial and design
// (counts as they are, floats as their IEEE 754 bits, so exactly).
func (o *TrialOutcomes) Ints() [][]int64 {
	xs := make([][]int64, len(o.Rows))
	b := func(x bool) int64 {
		if x {
			return 1
		}
		return 0
	}
	for i, r := range o.Rows {
		f := floatBits([]float64{r.Duration, r.LogRankZ, r.LogHR, r.SE, r.RMSTDiff, r.RMSTSE})
		xs[i] = []int64{int64(r.Enrolled), int64(r.Events), b(r.Reached), int64(r.N[0]), int64(r.N[1]),
			int64(r.TrialAnalysis.Events[0]), int64(r.TrialAnalysis.Events[1]), b(r.Converged), f[0], f[1], f[2], f[3], f[4], f[5]}
	}
	return xs
}

// TrialOutcomesFromInts reads back the outcomes of the trials of span under
// designs designs and comparisons comparisons, written by Ints.
func TrialOutcomesFromInts(span Span, designs, comparisons int, xs [][]int64) (*TrialOutcomes, error) {
	if len(xs) != span.Len()*designs*comparisons {
		return nil, fmt.Errorf("trial part: %d outcomes for trials %d..%d of %d designs × %d comparisons", len(xs), span.Lo, span.Hi,
			designs, comparisons)
	}
	o := &TrialOutcomes{Range: TrialRange{span.Lo, span.Hi}, Designs: designs, Comparisons: comparisons, Rows: make([]TrialOutcome, len(xs))}
	for i, x := range xs {
		if len(x) != trialOutcomeInts {
			return nil, fmt.Errorf("trial part: outcome %d has %d numbers (want %d)", i, len(x), trialOutcomeInts)
		}
		f := bitsFloat(x[8:])
		r := &o.Rows[i]
		r.Enrolled, r.Events, r.Reached = int32(x[0]), int32(x[1]), x[2] == 1
		r.N = [2]int{int(x[3]), int(x[4])}
		r.TrialAnalysis.Events = [2]int{int(x[5]), int(x[6])}
		r.Converged = x[7] == 1
		r.Duration, r.LogRankZ, r.LogHR, r.SE, r.RMSTDiff, r.RMSTSE = f[0], f[1], f[2], f[3], f[4], f[5]
	}
	return o, nil
}

// MergeTrialParts joins the outcomes of the shards of trials 0..trials-1
// (empty ones included) into one, as MergeOutcomes does.
func MergeTrialParts(trials int, parts ...*TrialOutcomes) (*TrialOutcomes, error) {
	var ps []*TrialOutcomes
	for _, p := range parts {
		if p.Range.Hi > p.Range.Lo {
			ps = append(ps, p)
		}
	}
	o, err := MergeOutcomes(ps...)
	if err != nil {
		return nil, err
	}
	if o.Range != (TrialRange{0, trials}) {
		return nil, fmt.Errorf("trial parts hold trials %d..%d of 0..%d", o.Range.Lo, o.Range.Hi, trials)
	}
	return o, nil
}
