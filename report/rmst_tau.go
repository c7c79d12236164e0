package report

import "slices"

// The RMST's window τ in summary.md. Each endpoint has its own τ (its `tau`,
// or the horizon: EndpointResult.Tau). When every τ of a table is the horizon
// the text is as it always was ("RMST to 60 months"); otherwise the τ is
// stated where it differs: in the column header when the table has one τ,
// in each cell or row when it has several.

// distinctFinite returns the finite values of ts, once each, in order.
func distinctFinite(ts []float64) []float64 {
	var out []float64
	for _, t := range ts {
		if finite(t) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// tauNote is the sentence that states τ under a table of differences: " RMST
// and time lost are restricted to τ = 60 months (the horizon) in both
// scenarios."; "" when no row has a τ.
func tauNote(taus []float64, horizon float64, units string) string {
	switch {
	case len(taus) == 0:
		return ""
	case len(taus) > 1:
		return " RMST and time lost are restricted to each endpoint's τ (its `tau`, or the horizon), given in the row, the same in both scenarios."
	case taus[0] == horizon:
		return " RMST and time lost are restricted to τ = " + mdExact(taus[0]) + " " + units + " (the horizon) in both scenarios."
	}
	return " RMST and time lost are restricted to τ = " + mdExact(taus[0]) + " " + units + " (the endpoints' `tau`) in both scenarios."
}

// endpointTaus is the distinct τ of the RMSTs of eps.
func endpointTaus(eps []EndpointSummary) []float64 {
	ts := make([]float64, len(eps))
	for i, e := range eps {
		ts[i] = float64(e.RMST.Tau)
	}
	return distinctFinite(ts)
}

// rmstColumn is the header of an endpoint table's RMST column ("RMST to 60
// months (95% CI)"; "Time lost ..." for incidences) and whether each cell
// states its own τ (the table's endpoints have several).
func rmstColumn(taus []float64, incidence bool, units string) (header string, perCell bool) {
	name := "RMST"
	if incidence {
		name = "Time lost"
	}
	if len(taus) > 1 {
		return name + ", " + units + " (95% CI)", true
	}
	tau := "τ"
	if len(taus) == 1 {
		tau = mdExact(taus[0])
	}
	return name + " to " + tau + " " + units + " (95% CI)", false
}

// rmstCell is a cell of the RMST column, with its τ when perCell: "to 48:
// 31.2 (30.9–31.5)".
func rmstCell(cell string, tau float64, perCell bool) string {
	if !perCell {
		return cell
	}
	return "to " + mdExact(tau) + ": " + cell
}

// tauWord names τ in an endpoint table's note: "τ = the horizon" when every
// endpoint's τ is the horizon (the note as it always was), else "τ = the
// endpoint's `tau` or else the horizon".
func tauWord(eps []EndpointSummary, sc ScenarioSummary) string {
	for _, e := range eps {
		if float64(e.RMST.Tau) != float64(sc.Horizon) {
			return "τ = the endpoint's `tau` or else the horizon"
		}
	}
	return "τ = the horizon"
}

// tauWords is tauWord and the subject of "lies past": "the horizon lies" or
// "τ lies".
func tauWords(eps []EndpointSummary, sc ScenarioSummary) (string, string) {
	if w := tauWord(eps, sc); w != "τ = the horizon" {
		return w, "τ lies"
	}
	return "τ = the horizon", "the horizon lies"
}
