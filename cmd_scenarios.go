package main

// The scenarios of a run: loading the files given on the command line into
// models, and the names and titles a run's outputs give them.

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/report"
	"github.com/blinasim/blinasim/sim"
)

// loadScenarios loads each file (or the default study) with the overrides;
// a file of several models (a run's model.yaml of several scenarios) gives
// them all, in order.
func loadScenarios(o runOptions) ([]*model.Model, error) {
	sets := append([]string(nil), o.Sets...)
	if o.Horizon != "" {
		sets = append(sets, "horizon="+o.Horizon)
	}
	opts := config.Options{Sets: sets, Env: o.Env, EnvIgnore: runEnvOptions, Calibrate: o.calibrate, Shipped: shippedFile}
	if len(o.Files) == 0 {
		m, err := loadDefault(opts)
		if err != nil {
			return nil, err
		}
		return []*model.Model{m}, nil
	}
	var models []*model.Model
	var from []string // the file of each model, for messages
	for _, f := range o.Files {
		ms, err := loadModels(f, opts, true)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if len(models) > 0 && m.Unit != models[0].Unit {
				return nil, usageError{fmt.Errorf("scenario %s is in %ss but %s is in %ss: scenarios must share a time unit", m.Name, m.Unit, models[0].Name, models[0].Unit)}
			}
			models = append(models, m)
			from = append(from, f)
		}
	}
	if err := checkSharedDraws(from, models); err != nil {
		return nil, err
	}
	return models, nil
}

// oneModel returns the single model of a command that takes one, or a usage
// error when the file held several.
func oneModel(models []*model.Model, file, command string) (*model.Model, error) {
	if len(models) > 1 {
		return nil, usageError{fmt.Errorf("%s holds %d models (YAML documents separated by ---); %s takes one: "+
			"keep one document, or use run or compare, which take them all as scenarios", file, len(models), command)}
	}
	return models[0], nil
}

// scenarioName labels scenario i by its model name, numbered if names repeat.
func scenarioName(models []*model.Model, i int) string {
	name, n := models[i].Name, 0
	for j := 0; j < i; j++ {
		if models[j].Name == name {
			n++
		}
	}
	if n > 0 {
		return fmt.Sprintf("%s-%d", name, n+1)
	}
	return name
}

// marshalModels writes the resolved models as YAML documents separated by ---.
func marshalModels(models []*model.Model) ([]byte, error) {
	var b bytes.Buffer
	for i, m := range models {
		y, err := config.Marshal(m)
		if err != nil {
			return nil, fmt.Errorf("writing the resolved model %s: %w", m.Name, err)
		}
		if i > 0 {
			b.WriteString("---\n")
		}
		b.Write(y)
	}
	return b.Bytes(), nil
}

// runTitle is a run's title: the model's, or for several scenarios the
// scenarios compared, by name (their titles are long and begin alike).
func runTitle(models []*model.Model) string {
	if len(models) == 1 {
		return models[0].Title
	}
	names := make([]string, len(models))
	for i := range models {
		names[i] = scenarioName(models, i)
	}
	// Titles that share a "…: " prefix: the prefix, then what differs.
	if titles := scenarioTitles(models); titles[0] != "" && titles[0] != models[0].Title {
		return strings.TrimSuffix(models[0].Title, titles[0]) + strings.Join(titles, " vs ")
	}
	return "Scenarios compared: " + strings.Join(names, " vs ")
}

// scenarioTitles returns the scenarios' legend labels (report.ScenarioTitles).
func scenarioTitles(models []*model.Model) []string {
	if len(models) < 2 { // one model (subgroups of --by are labelled as the CSV files label them)
		return nil
	}
	titles := make([]string, len(models))
	for i, m := range models {
		titles[i] = m.Title
	}
	return report.ScenarioTitles(titles)
}

// resultTitles labels each result in the figures, aligned with results: the
// scenarios' titles (scenarioTitles) and, where --by split them into
// subgroups, "All patients" (or the scenario's title) for the whole
// population and "<attribute title>: <level>" for each subgroup (flags read
// yes/no), after the scenario's title when there are several.
func resultTitles(models []*model.Model, results []*sim.Result) []string {
	st := scenarioTitles(models)
	split := false
	for _, r := range results {
		split = split || r.Subgroup != ""
	}
	if !split {
		return st
	}
	out := make([]string, len(results))
	mi := -1
	for i, r := range results {
		if r.Subgroup == "" || mi < 0 {
			mi = min(mi+1, len(models)-1)
			out[i] = "All patients"
			if st != nil {
				out[i] = st[mi]
			}
			if r.Subgroup == "" {
				continue
			}
		}
		out[i] = subgroupTitle(models[mi], r.Subgroup)
		if st != nil {
			out[i] = st[mi] + ": " + out[i]
		}
	}
	return out
}

// subgroupTitle reads a subgroup "attr=level" with the attribute's title:
// "Prior alloHSCT: yes", "MRD response: complete".
func subgroupTitle(m *model.Model, subgroup string) string {
	name, level, ok := strings.Cut(subgroup, "=")
	if !ok {
		return subgroup
	}
	for _, a := range m.Attributes {
		if a.Name != name {
			continue
		}
		if a.Title != "" {
			name = a.Title
		}
		if a.Kind == model.AttrFlag {
			level = map[string]string{"true": "yes", "false": "no"}[level]
		}
		break
	}
	return name + ": " + level
}
