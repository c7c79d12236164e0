package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/blinasim/blinasim/model"
)

// describeDerived lists each derived parameter with its expression, its value
// and its inputs' values, in evaluation order.
func describeDerived(w io.Writer, m *model.Model) {
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
