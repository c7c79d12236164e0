package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/blinasim/blinasim/fit"
	"github.com/blinasim/blinasim/model"
)

// priorsNote says in posterior.md's first paragraph which priors IMIS used.
func priorsNote(p *fit.Posterior) string {
	if p.Prior != model.PriorUncertainty {
		return "uniform on each parameter's bounds, on the log scale for log-transformed parameters"
	}
	return "each parameter's declared uncertainty truncated to its bounds (calibrate prior: uncertainty; its density on the log scale, " +
		"with the Jacobian, for log-transformed parameters), or uniform on its bounds where it has none to use (see the table)"
}

// priorCell is the Prior column of a free parameter.
func priorCell(fp model.FreeParameter, pr fit.ParameterPrior) string {
	if pr.Uncertainty == nil {
		prior := fmt.Sprintf("uniform %s to %s", mdParam(fp.Lower), mdParam(fp.Upper))
		if fp.Scale() == model.TransformLog {
			prior = "log-" + prior
		}
		if pr.Fallback != "" {
			prior += " (" + pr.Fallback + ")"
		}
		return prior
	}
	return fmt.Sprintf("%s on %s to %s (prior mass within: %s)", densityText(*pr.Uncertainty), mdParam(fp.Lower), mdParam(fp.Upper), mdParam(pr.Mass))
}

// densityText writes a distribution with a density as the model file
// names its parameters.
func densityText(u model.Uncertainty) string {
	names := map[model.UncertaintyFamily][2]string{model.UncBeta: {"a", "b"}, model.UncGamma: {"shape", "rate"},
		model.UncLogNormal: {"meanlog", "sdlog"}, model.UncNormal: {"mean", "sd"}, model.UncUniform: {"min", "max"}}
	n := names[u.Family]
	return fmt.Sprintf("%s(%s %s, %s %s)", u.Family, n[0], mdParam(u.A), n[1], mdParam(u.B))
}

// writeDoubleCounting warns of the parameters whose prior (their declared
// uncertainty) was itself fitted to some of the targets, grouping those
// fitted to the same ones.
func writeDoubleCounting(w io.Writer, p *fit.Posterior) {
	var groups []string
	names := map[string][]string{} // the targets' list → the parameters
	for i, pr := range p.Priors {
		if len(pr.Overlap) == 0 {
			continue
		}
		k := strings.Join(pr.Overlap, ", ")
		if names[k] == nil {
			groups = append(groups, k)
		}
		names[k] = append(names[k], "`"+p.Free[i].Name+"`")
	}
	if len(groups) == 0 {
		return
	}
	parts := make([]string, len(groups))
	for j, k := range groups {
		parts[j] = fmt.Sprintf("%s (to %s)", strings.Join(names[k], ", "), k)
	}
	fmt.Fprintf(w, "\n**Double counting:** calibrated before to targets of this calibration, by their sources: %s. "+
		"Their uncertainty as the prior already holds those data, so the posterior counts them twice (it is too narrow). "+
		"Use `prior: bounds` (`--prior bounds`), or an uncertainty from other data.\n", strings.Join(parts, "; "))
}
