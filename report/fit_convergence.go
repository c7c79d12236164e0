package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/blinasim/blinasim/fit"
)

// goodStarts counts the starts that ended within the objective tolerance of
// the best: identification can only be judged from two or more.
func goodStarts(f *fit.Fit) int {
	best := f.Starts[f.Best].Objective
	n := 0
	for _, st := range f.Starts {
		if !math.IsInf(st.Objective, 1) && st.Objective <= best+f.ObjectiveTol {
			n++
		}
	}
	return n
}

// writeConvergence says which starts stopped at the evaluation limit or
// ended without converging (gonum's status other than a function or
// gradient convergence), since their end point is not a minimum.
func writeConvergence(w io.Writer, f *fit.Fit) {
	var limit, other []string
	for k, st := range f.Starts {
		switch {
		case strings.HasPrefix(st.Status, "skipped"), strings.Contains(st.Status, "Convergence"):
		case strings.Contains(st.Status, "EvaluationLimit") || st.Evaluations >= f.MaxEvaluations:
			limit = append(limit, strconv.Itoa(k+1))
		default:
			other = append(other, fmt.Sprintf("%d (%s)", k+1, st.Status))
		}
	}
	if len(limit) > 0 {
		best := ""
		if f.Starts[f.Best].Evaluations >= f.MaxEvaluations || strings.Contains(f.Starts[f.Best].Status, "EvaluationLimit") {
			best = " including the best"
		}
		fmt.Fprintf(w, "**Evaluation limit:** start %s%s stopped at the limit of %d evaluations before converging: its end is not a "+
			"minimum. Raise max_evaluations (--max-evals) and run again.\n\n", strings.Join(limit, ", "), best, f.MaxEvaluations)
	}
	if len(other) > 0 {
		fmt.Fprintf(w, "**Not converged:** start %s ended without converging.\n\n", strings.Join(other, ", "))
	}
}
