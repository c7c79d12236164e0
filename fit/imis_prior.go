package fit

import (
	"fmt"
	"math"
	"strings"

	"github.com/blinasim/blinasim/model"
)

// ParameterPrior is a free parameter's prior in IMIS: uniform on its bounds
// on the scale it is searched (log-uniform for a log transform), or, with
// calibrate prior: uncertainty, its declared uncertainty truncated to the
// bounds.
type ParameterPrior struct {
	Uncertainty *model.Uncertainty // nil: uniform on the bounds
	Mass        float64            // the uncertainty's probability within the bounds (1 for the uniform)
	// Fallback says why a parameter keeps the uniform under prior:
	// uncertainty ("" when it does not, and under prior: bounds).
	Fallback string
	// Overlap lists the targets of this calibration that the parameter's
	// source says it was calibrated to ("calibrated to ...", "re-centred"):
	// its uncertainty as the prior counts those data twice.
	Overlap []string

	log      bool
	xlo, xhi float64 // the bounds
	lo, hi   float64 // the bounds on the search scale
	flo, fhi float64 // the uncertainty's CDF at the bounds
}

// imisPriors returns the prior of each free parameter of m.
func imisPriors(m *model.Model) ([]ParameterPrior, error) {
	free := m.Calibrate.Parameters
	params := map[string]model.Parameter{}
	for _, p := range m.Parameters {
		params[p.Name] = p
	}
	out := make([]ParameterPrior, len(free))
	for i, fp := range free {
		pr := ParameterPrior{Mass: 1, log: fp.Scale() == model.TransformLog, xlo: fp.Lower, xhi: fp.Upper,
			lo: priorScale(fp, fp.Lower), hi: priorScale(fp, fp.Upper)}
		if m.Calibrate.Prior == model.PriorUncertainty {
			p := params[fp.Name]
			switch u := p.Uncertainty; {
			case u == nil:
				pr.Fallback = "no uncertainty declared"
			case !u.HasDensity():
				pr.Fallback = fmt.Sprintf("its uncertainty (dist: %s) has no density", u.Family)
			default:
				pr.Uncertainty = u
				pr.flo, pr.fhi = u.CDF(fp.Lower), u.CDF(fp.Upper)
				pr.Mass = pr.fhi - pr.flo
				// Below this mass the inversion loses its precision
				// (the CDF at the bounds differs in its last digits).
				if !(pr.Mass >= 1e-6) {
					return nil, fmt.Errorf("free parameter %q: its uncertainty (dist: %s) has probability %.3g within the bounds [%v, %v]: "+
						"widen the bounds, or use calibrate prior: bounds", fp.Name, u.Family, pr.Mass, fp.Lower, fp.Upper)
				}
				pr.Overlap = calibratedTo(p.Source, targetNames(m))
			}
		}
		out[i] = pr
	}
	return out, nil
}

// draw returns the prior's draw on the search scale for the uniform u in
// [0, 1): by inversion of the truncated distribution, x = F⁻¹(F(lo) +
// u·(F(hi) − F(lo))).
func (p *ParameterPrior) draw(u float64) float64 {
	if p.Uncertainty == nil {
		return p.lo + u*(p.hi-p.lo)
	}
	x := math.Min(math.Max(p.Uncertainty.Quantile(p.flo+u*(p.fhi-p.flo)), p.xlo), p.xhi)
	if p.log {
		return math.Log(x)
	}
	return x
}

// logPDF returns the log of the prior density at y on the search scale,
// for y within the bounds: f(x)/(F(hi) − F(lo)), times the Jacobian
// |dx/dy| = x of x = exp(y) on a log scale.
func (p *ParameterPrior) logPDF(y float64) float64 {
	if p.Uncertainty == nil {
		return -math.Log(p.hi - p.lo)
	}
	x := y
	if p.log {
		x = math.Exp(y)
	}
	lp := p.Uncertainty.LogProb(x) - math.Log(p.Mass)
	if p.log {
		lp += y
	}
	return lp
}

// calibratedTo returns the targets whose names a source that speaks of a
// calibration ("calibrated", "re-centred") mentions as whole words.
func calibratedTo(source string, targets []string) []string {
	s := strings.ToLower(source)
	if !strings.Contains(s, "calibrated") && !strings.Contains(s, "re-centred") && !strings.Contains(s, "recentred") {
		return nil
	}
	var out []string
	for _, t := range targets {
		if containsWord(s, strings.ToLower(t)) {
			out = append(out, t)
		}
	}
	return out
}

// containsWord reports whether w occurs in s between characters that cannot
// be part of a name ([a-z0-9_]).
func containsWord(s, w string) bool {
	isName := func(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		if (j == 0 || !isName(s[j-1])) && (end == len(s) || !isName(s[end])) {
			return true
		}
		i = j + 1
	}
}

// priorVariances returns each free parameter's prior variance on the search
// scale, for the Mahalanobis distance of imisComponentAt: (hi − lo)²/12 for
// the uniform; for a truncated uncertainty the sample variance of the
// prior's draws pts (as R's IMIS package takes cov of the prior sample).
func priorVariances(priors []ParameterPrior, pts []point) []float64 {
	pv := make([]float64, len(priors))
	for j, p := range priors {
		if p.Uncertainty == nil {
			pv[j] = (p.hi - p.lo) * (p.hi - p.lo) / 12
			continue
		}
		mean := 0.0
		for _, q := range pts {
			mean += q.y[j]
		}
		mean /= float64(len(pts))
		for _, q := range pts {
			pv[j] += (q.y[j] - mean) * (q.y[j] - mean)
		}
		pv[j] /= float64(len(pts) - 1)
		if !(pv[j] > 0) { // one draw, or all alike: the bounds' variance
			pv[j] = (p.hi - p.lo) * (p.hi - p.lo) / 12
		}
	}
	return pv
}
