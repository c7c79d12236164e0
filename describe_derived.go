package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/blinasim/blinasim/model"
)

// describeDerived lists each derived parameter with its expression, its value
// and its inputs' values, in evaluation order; then the declared rank
// correlations.
func describeDerived(w io.Writer, m *model.Model) {
	describeCorrelations(w, m)
	ds := m.Derived()
	if len(ds) == 0 {
		return
	}
	vals := m.Values()
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DERIVED\t= EXPRESSION\tVALUE\tINPUTS")
	for _, d := range ds {
		ins := make([]string, len(d.Inputs))
		for i, n := range d.Inputs {
			ins[i] = fmt.Sprintf("%s = %g", n, vals[n])
		}
		fmt.Fprintf(tw, "%s\t= %s\t%g\t%s\n", d.Name, d.Expr, vals[d.Name], strings.Join(ins, ", "))
	}
	tw.Flush()
}

// describeCorrelations lists the declared rank correlations; every other pair
// of drawn parameters is independent.
func describeCorrelations(w io.Writer, m *model.Model) {
	if len(m.Correlations) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CORRELATED\tWITH\tRANK (SPEARMAN)")
	for _, c := range m.Correlations {
		fmt.Fprintf(tw, "%s\t%s\t%g\n", c.A, c.B, c.Rank)
	}
	tw.Flush()
	fmt.Fprintln(w, "(drawn through a Gaussian copula; parameters not listed are drawn independently)")
}
