package model

import "math"

// TauOf returns the window τ of an endpoint's restricted mean: its own Tau,
// or the horizon when it has none (Tau = 0).
func (m *Model) TauOf(e Endpoint) float64 {
	if e.Tau == 0 {
		return m.Horizon
	}
	return e.Tau
}

// validateTau checks an endpoint's window: 0 < tau ≤ horizon (0 means the
// horizon, so only a negative or non-finite tau is wrong below).
func (m *Model) validateTau(ps *Problems, e Endpoint, path, where string) {
	switch {
	case e.Tau == 0:
	case !(e.Tau > 0) || math.IsInf(e.Tau, 0):
		ps.add(path+".tau", where, "tau is the window of the restricted mean: a time > 0 and ≤ the horizon (%.6g), got %v", m.Horizon, e.Tau)
	case e.Tau > m.Horizon:
		ps.add(path+".tau", where, "tau %.6g is past the horizon (%.6g): the restricted mean is integrated only up to the horizon; give tau ≤ the horizon or leave it out (then τ is the horizon)", e.Tau, m.Horizon)
	}
}
