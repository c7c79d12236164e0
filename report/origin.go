package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// Time origins. An endpoint's clock starts at the simulation's start (overall
// survival from the start of treatment) or at first entry into one of its
// start states (relapse-free survival from CR/CRh). Every time axis names its
// origin ("Months since CR/CRh"), and curves with different origins are never
// drawn on one axis: a one-scenario figure shows the endpoints of one origin,
// and each further origin gets its own figure (survival_from_<state>.*).

// Origin is where an endpoint's time starts.
type Origin struct {
	Key   string // "" for the simulation's start, else the start states' names joined by "_or_"
	Title string // readable: "start of blinatumomab", "CR/CRh"; "" when unknown
}

// EndpointOrigins returns the origin of every endpoint of the models, by
// endpoint name (the first model's where two differ): the start states'
// titles, or the initial states' titles for endpoints from the start.
func EndpointOrigins(models ...*model.Model) map[string]Origin {
	out := map[string]Origin{}
	for _, m := range models {
		titles := map[string]string{}
		var initial []string
		for _, s := range m.States {
			titles[s.Name] = s.Label()
			if s.Initial.Param != "" || s.Initial.Value > 0 {
				initial = append(initial, s.Label())
			}
		}
		start := "start"
		if len(initial) == 1 {
			start = lowerFirst(initial[0])
		}
		if _, ok := out[model.OSName]; !ok {
			out[model.OSName] = Origin{Title: start}
		}
		for _, e := range m.Endpoints {
			if _, ok := out[e.Name]; ok {
				continue
			}
			o := Origin{Key: strings.Join(e.Start, "_or_"), Title: start}
			if len(e.Start) > 0 {
				var ts []string
				for _, s := range e.Start {
					ts = append(ts, titles[s])
				}
				o.Title = strings.Join(ts, " or ")
			}
			if t := titleOrigin(e.Title); t != "" {
				o.Title = t
			}
			out[e.Name] = o
		}
	}
	return out
}

// titleOrigin returns the origin an endpoint's title names, the phrase after
// its last " from " up to a bracket or comma ("Relapse-free survival from
// CR/CRh (death competing)": "CR/CRh"), or "".
func titleOrigin(title string) string {
	i := strings.LastIndex(title, " from ")
	if i < 0 {
		return ""
	}
	t := title[i+len(" from "):]
	if j := strings.IndexAny(t, "(,;"); j >= 0 {
		t = t[:j]
	}
	return strings.TrimSpace(t)
}

// lowerFirst lowers a title's first letter unless it starts an acronym
// ("Start of blinatumomab" → "start of blinatumomab", "CR/CRh" stays).
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsUpper(r) && !unicode.IsUpper(next) && !unicode.IsDigit(next) {
		return string(unicode.ToLower(r)) + s[n:]
	}
	return s
}

// timeLabel is a time axis's label: "Months since CR/CRh", or "Time (months)"
// when the origin is unknown.
func timeLabel(unit model.Unit, o Origin) string {
	u := plural(unit.String())
	if o.Title == "" {
		return "Time (" + u + ")"
	}
	return strings.ToUpper(u[:1]) + u[1:] + " since " + o.Title
}

// originGroups splits the endpoints of the kind of result r by origin, in
// order of first appearance: the endpoint names of each origin.
func originGroups(r *sim.Result, kind model.EndpointKind, origins map[string]Origin) ([]Origin, [][]string) {
	var keys []Origin
	var groups [][]string
	for _, e := range r.Endpoints {
		if e.Kind != kind {
			continue
		}
		o := origins[e.Name]
		i := 0
		for i < len(keys) && keys[i].Key != o.Key {
			i++
		}
		if i == len(keys) {
			keys = append(keys, o)
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], e.Name)
	}
	return keys, groups
}
