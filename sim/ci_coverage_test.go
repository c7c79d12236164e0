package sim

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestExactBinomialCoverage computes, without simulation, the coverage of the
// curve intervals where it is exact: without censoring before t, the
// Kaplan-Meier estimate is 1 − x/n and the Aalen-Johansen estimate x/n for x
// ~ Binomial(n, p) patients with the event by t, and their variances
// (Greenwood's telescopes to it; the delta method: TestAalenJohansenWithout-
// CensoringIsBinomial) are both the binomial p̂(1 − p̂)/n. The coverage at p is then
// Σ_x P(x)·[truth inside the interval of x]. Over 100 values of p in each band
// of truths, for 25 to 1000 patients, the mean coverage must be at least 94%
// everywhere, and at most 97% from 300 patients on (below that, intervals near
// 0 and 1 are conservative: few events). Single values of p swing with the
// binomial lattice (Brown, Cai & DasGupta 2001); their range is logged. The
// intervals blinasim reported before (log clipped at 1 for S, Wald clipped to
// [0, 1] for F, zero-width at 0 and 1) are logged beside them for
// docs/intervals.md.
func TestExactBinomialCoverage(t *testing.T) {
	bands := [][2]float64{{0.001, 0.02}, {0.02, 0.1}, {0.1, 0.9}, {0.9, 0.98}, {0.98, 0.999}}
	type interval func(x, n int) (lo, hi float64)
	se := func(x, n int) float64 { p := float64(x) / float64(n); return math.Sqrt(p * (1 - p) / float64(n)) }
	methods := []struct {
		name  string
		truth func(p float64) float64 // the curve's value when P(event by t) = p
		iv    interval
		check bool
	}{
		{"S, log-log", func(p float64) float64 { return 1 - p }, func(x, n int) (float64, float64) {
			return SurvivalInterval(1-float64(x)/float64(n), se(x, n), int64(n))
		}, true},
		{"F, log(−log F)", func(p float64) float64 { return p }, func(x, n int) (float64, float64) {
			return IncidenceInterval(float64(x)/float64(n), se(x, n), int64(n))
		}, true},
		{"S, before: log, clipped", func(p float64) float64 { return 1 - p }, func(x, n int) (float64, float64) {
			return oldLog(Estimate{Value: 1 - float64(x)/float64(n), SE: se(x, n)})
		}, false},
		{"F, before: Wald, clipped", func(p float64) float64 { return p }, func(x, n int) (float64, float64) {
			return oldWald(Estimate{Value: float64(x) / float64(n), SE: se(x, n)})
		}, false},
	}
	var table strings.Builder
	table.WriteString("| interval | patients |")
	for _, b := range bands {
		fmt.Fprintf(&table, " P(event) in [%g, %g] |", b[0], b[1])
	}
	table.WriteString("\n|---|---|" + strings.Repeat("---|", len(bands)) + "\n")
	for _, m := range methods {
		for _, n := range []int{25, 100, 300, 1000} {
			fmt.Fprintf(&table, "| %s | %d |", m.name, n)
			los, his := make([]float64, n+1), make([]float64, n+1)
			for x := range n + 1 {
				los[x], his[x] = m.iv(x, n)
			}
			for _, b := range bands {
				const np = 100
				mean, lo, hi := 0.0, 1.0, 0.0
				for i := range np {
					p := b[0] + (b[1]-b[0])*(float64(i)+0.5)/np
					truth := m.truth(p)
					bin := distuv.Binomial{N: float64(n), P: p}
					c := 0.0
					for x := range n + 1 {
						if los[x] <= truth && truth <= his[x] {
							c += bin.Prob(float64(x))
						}
					}
					mean += c / np
					lo, hi = math.Min(lo, c), math.Max(hi, c)
				}
				fmt.Fprintf(&table, " %.1f%% (%.1f-%.1f) |", 100*mean, 100*lo, 100*hi)
				if m.check && (mean < 0.94 || n >= 300 && mean > 0.97) {
					t.Errorf("%s, %d patients, P(event) in %v: mean coverage %.1f%%, want ≥ 94%% (and ≤ 97%% from 300 patients)", m.name, n, b, 100*mean)
				}
			}
			table.WriteString("\n")
		}
	}
	t.Logf("exact coverage, mean over each band of truths (range):\n%s", table.String())
}
