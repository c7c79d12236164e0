package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/blinasim/blinasim/sim"
)

// psaColumns are psa.csv's columns after scenario and draw: every drawn
// parameter, then every endpoint's outcomes, each in order of first
// appearance over the scenarios (scenarios may add parameters or endpoints).
type psaColumns struct {
	params   []string
	outcomes []string
}

// outcomeColumns names an endpoint's columns in psa.csv, R-friendly:
// <ep>_median, <ep>_rmst (for an incidence, the time lost), and <ep>_at_<t>
// for each landmark t (S(t), or F(t) for an incidence), e.g. os_at_12.
func outcomeColumns(e sim.PSAEndpoint) []string {
	cols := []string{e.Name + "_median", e.Name + "_rmst"}
	for _, l := range e.Landmarks {
		cols = append(cols, e.Name+"_at_"+columnTime(l.Time))
	}
	return cols
}

// columnTime writes a landmark time for a column name: 6 significant digits,
// never in exponent form (12, 0.5, 1000000).
func columnTime(t float64) string {
	s := formatNumber(t)
	if strings.ContainsAny(s, "e") {
		r, _ := strconv.ParseFloat(s, 64)
		s = strconv.FormatFloat(r, 'f', -1, 64)
	}
	return s
}

func newPSAColumns(psas []*sim.PSA) psaColumns {
	var c psaColumns
	seen := map[string]bool{}
	add := func(dst *[]string, name string) {
		if !seen[name] {
			seen[name] = true
			*dst = append(*dst, name)
		}
	}
	for _, p := range psas {
		if p == nil {
			continue
		}
		for _, name := range p.Parameters {
			add(&c.params, name)
		}
	}
	for _, p := range psas {
		if p == nil {
			continue
		}
		for _, e := range p.Endpoints {
			for _, col := range outcomeColumns(e) {
				add(&c.outcomes, col)
			}
		}
	}
	return c
}

// writePSADrawsCSV writes psa.csv: one row per scenario and draw, wide, for
// analysis in R: scenario, draw, each drawn parameter's value (a column per
// parameter, by its name), then each endpoint's median, RMST and landmark
// values in that draw. A column a scenario lacks is NA, as is a median never
// reached.
func writePSADrawsCSV(w io.Writer, results []*sim.Result, psas []*sim.PSA) error {
	cols := newPSAColumns(psas)
	cw := csv.NewWriter(w)
	header := append(append([]string{"scenario", "draw"}, cols.params...), cols.outcomes...)
	if err := cw.Write(header); err != nil {
		return err
	}
	index := make(map[string]int, len(header))
	for i, h := range header {
		index[h] = i
	}
	row := make([]string, len(header))
	for i, p := range psas {
		if p == nil {
			continue
		}
		label := scenarioLabel(results[i])
		for d, s := range p.Samples {
			for j := range row {
				row[j] = na
			}
			row[0], row[1] = label, strconv.Itoa(d+1)
			for j, name := range p.Parameters {
				row[index[name]] = formatNumber(s.Values[j])
			}
			for k, e := range p.Endpoints {
				f := s.Endpoints[k]
				values := append([]float64{f.Median, f.RMST}, f.Landmarks...)
				for j, col := range outcomeColumns(e) {
					row[index[col]] = formatNumber(values[j])
				}
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
