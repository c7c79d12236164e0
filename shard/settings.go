package shard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// maxShownSetting is the longest setting (as JSON) that a message about parts
// of different runs shows; a longer one (a model's YAML, the figure
// settings) is only named.
const maxShownSetting = 32

// settingsDiffer says which of the settings of h differ from ref's: each
// top-level key of the settings object, with both values when they are
// short ("patients 3000, not 2000"), else by name ("figures not the same").
// Settings that are not JSON objects are said to differ as a whole.
func settingsDiffer(ref, h json.RawMessage) string {
	var a, b map[string]json.RawMessage
	if json.Unmarshal(ref, &a) != nil || json.Unmarshal(h, &b) != nil {
		return "other settings (number of patients, draws, grid step or figures)"
	}
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var d []string
	for _, k := range keys {
		x, y := a[k], b[k]
		switch {
		case bytes.Equal(x, y):
		case x == nil:
			d = append(d, fmt.Sprintf("%s, which the run does not have", k))
		case y == nil:
			d = append(d, fmt.Sprintf("no %s, which the run has", k))
		case len(x) <= maxShownSetting && len(y) <= maxShownSetting:
			d = append(d, fmt.Sprintf("%s %s, not %s", k, y, x))
		default:
			d = append(d, k+" not the same")
		}
	}
	if len(d) == 0 { // the same settings, written otherwise
		return "other settings (as written)"
	}
	return "other settings: " + strings.Join(d, ", ")
}
