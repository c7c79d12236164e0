package model

import "testing"

// sink keeps the compiler from discarding the calls measured below.
var sink float64

func TestDistMethodsDoNotAllocate(t *testing.T) {
	for _, c := range everyDist() {
		d := c.d // through the interface, as the simulator calls it
		for _, m := range []struct {
			name string
			call func()
		}{
			{"Hazard", func() { sink += d.Hazard(2.5) }},
			{"CumHazard", func() { sink += d.CumHazard(2.5) }},
			{"InvCumHazard", func() { sink += d.InvCumHazard(0.7) }},
			{"Survival", func() { sink += d.Survival(2.5) }},
			{"CDF", func() { sink += d.CDF(2.5) }},
			{"Quantile", func() { sink += d.Quantile(0.3) }},
			{"Mean", func() { sink += d.Mean() }},
			{"Validate", func() {
				if d.Validate() != nil {
					sink++
				}
			}},
		} {
			if n := testing.AllocsPerRun(100, m.call); n != 0 {
				t.Errorf("%s.%s allocates %v times per call", c.name, m.name, n)
			}
		}
	}
}

func TestUncertaintyMethodsDoNotAllocate(t *testing.T) {
	for _, u := range []Uncertainty{
		BetaFromCounts(29, 64), {Family: UncGamma, A: 4, B: 2}, {Family: UncLogNormal, A: 0, B: 0.2},
		{Family: UncNormal, A: 5, B: 2}, {Family: UncUniform, A: 2, B: 6}, {Family: UncFixed},
	} {
		// Quantile at 0.3 (not below 0.25, where gonum's gamma inverse allocates
		// its root finder's parameters).
		if n := testing.AllocsPerRun(100, func() { sink += u.Quantile(0.3) + u.Mean() }); n != 0 {
			t.Errorf("%s: Quantile and Mean allocate %v times per call", u.Family, n)
		}
	}
}

// BenchmarkInvCumHazard measures the simulator's hot call per family, at a
// spread of cumulative hazards (the y of a clock-reset draw).
func BenchmarkInvCumHazard(b *testing.B) {
	var ys [64]float64
	for i := range ys {
		ys[i] = 0.01 * float64(i+1) * float64(i+1) / 8 // 0.00125 to 5.1
	}
	for _, c := range everyDist() {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			d, s := c.d, 0.0
			for i := 0; b.Loop(); i++ {
				s += d.InvCumHazard(ys[i&63])
			}
			sink = s
		})
	}
}

// BenchmarkClockForwardDraw measures InvCumHazard(CumHazard(t0) + y), the
// draw of a clock-forward exit conditional on the time already spent.
func BenchmarkClockForwardDraw(b *testing.B) {
	for _, c := range baseDistCases() {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			d, s := c.d, 0.0
			for i := 0; b.Loop(); i++ {
				s += d.InvCumHazard(d.CumHazard(float64(i&15)) + 0.5)
			}
			sink = s
		})
	}
}
