package config

import (
	"errors"
	"strings"
	"testing"
)

// attrTop declares two attributes from line 10 of tiny.
const attrTop = "attributes:\n  - {name: mrd, kind: category, levels: [neg, pos], shares: [0.6, rest]}\n  - {name: n_tx, kind: count}\n"

// TestRejectedAttributes: misuse of attributes is reported with the file,
// the line, the path and what is allowed.
func TestRejectedAttributes(t *testing.T) {
	cases := []struct {
		name, text string
		wants      []string
	}{
		{"unknown attribute kind", withTop("attributes:\n  - {name: mrd, kind: categorie}\n"),
			[]string{`m.yaml:11: attributes[0].kind (attribute "mrd"): unknown value "categorie" (allowed: flag, count, time, category, number; did you mean "category"?)`}},
		{"unknown key in an effect", strings.Replace(withTop(attrTop), "{to: dead, dist: exponential, rate: 0.1}",
			"{to: dead, dist: exponential, rate: 0.1, effects: [{attr: mrd, levle: pos, hr: 2}]}", 1),
			[]string{`m.yaml:8: states[0].exits[0].effects[0]: unknown key "levle" (allowed: attr, level, count, hr, beta; did you mean "level"?)`}},
		{"unknown level", strings.Replace(withTop(attrTop), "{to: dead, dist: exponential, rate: 0.1}",
			"{to: dead, dist: exponential, rate: 0.1, effects: [{attr: mrd, level: positive, hr: 2}]}", 1),
			[]string{`m.yaml:8: states[0].exits[0].effects[0].level (state "alive", exit "dead"): "mrd" has no level "positive" (levels: neg, pos)`}},
		{"count compared with a level", strings.Replace(withTop(attrTop), "{to: dead, dist: exponential, rate: 0.1}",
			"{to: dead, dist: exponential, rate: 0.1, when: [{attr: n_tx, is: pos}]}", 1),
			[]string{`m.yaml:8: states[0].exits[0].when[0] (state "alive", exit "dead"): "n_tx" is a count: it has no levels`}},
		{"update on an absorbing state", strings.Replace(withTop(attrTop), "  - name: dead\n", "  - name: dead\n    updates: [{attr: n_tx, add: 1}]\n", 1),
			[]string{`m.yaml:10: states[1].updates[0] (state "dead"): state "dead" is absorbing: nothing reads its update of "n_tx"`}},
		{"record not true", strings.Replace(withTop(attrTop), "  - name: dead\n", "  - name: dead\n    updates: [{attr: n_tx, record: false}]\n", 1),
			[]string{`record takes true`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadFiles(map[string]string{"m.yaml": c.text}, "m.yaml", Options{})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want *Error", err)
			}
			for _, w := range c.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain\n%s", err, w)
				}
			}
		})
	}
}
