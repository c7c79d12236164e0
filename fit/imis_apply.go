package fit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blinasim/blinasim/model"
)

// PosteriorGroup is the sample group of a posterior parameter file.
const PosteriorGroup = "posterior"

// Apply returns a copy of the model whose free parameters are drawn from
// the posterior sample in a PSA: each takes the uncertainty
// {dist: sample, group: posterior, values: [...]}, one column of the joint
// sample, so that `run --psa` draws whole rows and keeps the posterior's
// correlations. Its value is the sample's row of largest likelihood, and its
// source says what it was calibrated to and what it was before.
func (p *Posterior) Apply(file string) *model.Model {
	m := *p.Model
	m.Parameters = slices.Clone(p.Model.Parameters)
	names := targetNames(&m)
	for i, fp := range p.Free {
		for j := range m.Parameters {
			q := &m.Parameters[j]
			if q.Name != fp.Name {
				continue
			}
			col := make([]float64, len(p.Sample))
			for k, row := range p.Sample {
				col[k] = row[i]
			}
			q.Source = fmt.Sprintf("%s%s (%s) by IMIS: a posterior sample of %d, %s", CalibratedPrefix, strings.Join(names, ", "), file, len(col), wasSource(q.Value, q.Source))
			q.Value = p.Best[i]
			q.Uncertainty = &model.Uncertainty{Family: model.UncSample, Group: PosteriorGroup, Sample: &model.Sample{Values: col}}
		}
	}
	return &m
}
