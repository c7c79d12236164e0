package sim

import "math"

// atRisk returns, at each grid time t, the fraction of the n patients who
// started an endpoint that are still in its risk set at t: those whose event,
// competing event or censoring time since the start is ≥ t, as survfit's
// n.risk counts them (Kaplan & Meier 1958; the risk set of the Aalen-Johansen
// estimator likewise). It reads the merged histograms the curve is estimated
// from, so it costs nothing per patient.
//
// Bin j holds times in (j·w, (j+1)·w]. At a time t in the bin that ends at or
// after it (J−1, with J = ⌈t/w⌉), events count as before t and censorings as
// at t: censoring is at the horizon (horizon − start for endpoints that start
// later), so at t = horizon everyone censored there is still at risk, as in
// survfit; and without censoring before t the fraction equals the
// Kaplan-Meier S(t) exactly. Everyone is at risk at t = 0, events at time 0
// included. With n = 0 every value is NaN.
func atRisk(n, ev0, comp0 int64, ev, comp, cens []int64, grid []float64, w float64) []float64 {
	out := make([]float64, len(grid))
	if n == 0 {
		for i := range out {
			out[i] = math.NaN()
		}
		return out
	}
	nb := len(ev)
	// gone[j]: events and competing events in bins < j; censored[j]: censorings in bins < j.
	gone := make([]int64, nb+1)
	censored := make([]int64, nb+1)
	for j := 0; j < nb; j++ {
		gone[j+1] = gone[j] + ev[j] + comp[j]
		censored[j+1] = censored[j] + cens[j]
	}
	for i, t := range grid {
		if t <= 0 {
			out[i] = 1
			continue
		}
		J := min(int(math.Ceil(t/w-1e-9)), nb)
		left := n - ev0 - comp0 - gone[J] - censored[max(J-1, 0)]
		out[i] = float64(left) / float64(n)
	}
	return out
}
