package shard

import (
	"encoding/json"
	"testing"
)

// TestSettingsDiffer: a part of another run's settings is named by the keys
// that differ, with both values when they are short.
func TestSettingsDiffer(t *testing.T) {
	long := `"name: a model whose YAML is far longer than a message can show"`
	for _, c := range []struct {
		name, ref, h, want string
	}{
		{"patients", `{"patients":2000,"outcome":""}`, `{"patients":3000,"outcome":""}`, "other settings: patients 3000, not 2000"},
		{"two keys, sorted", `{"psa":0,"patients":2000}`, `{"psa":5,"patients":3000}`, "other settings: patients 3000, not 2000, psa 5, not 0"},
		{"a long value named", `{"models":["a"]}`, `{"models":[` + long + `]}`, "other settings: models not the same"},
		{"a key only one has", `{"patients":1}`, `{"patients":1,"step":0.5}`, "other settings: step, which the run does not have"},
		{"a key the other lacks", `{"patients":1,"step":0.5}`, `{"patients":1}`, "other settings: no step, which the run has"},
		{"the same, written otherwise", `{"patients":1}`, `{"patients": 1}`, "other settings (as written)"},
		{"not objects", `[1]`, `[2]`, "other settings (number of patients, draws, grid step or figures)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := settingsDiffer(json.RawMessage(c.ref), json.RawMessage(c.h)); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
