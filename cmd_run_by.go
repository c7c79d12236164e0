package main

import "github.com/blinasim/blinasim/model"

// applyBy sets --by on every scenario: results are then reported for
// everyone and for each level of the attribute (docs/attributes.md), and
// with --psa so are the parameter bands, each draw recording every
// subgroup's figures (sim/psa_groups.go).
func applyBy(models []*model.Model, o runOptions) error {
	if o.By == "" {
		return nil
	}
	for _, m := range models {
		m.By = o.By
	}
	return nil
}
