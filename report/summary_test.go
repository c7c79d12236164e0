package report

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/sim"
)

// TestSummaryJSONRoundTrip: summary.json reads back into the same Summary,
// and writing that again gives the same bytes.
func TestSummaryJSONRoundTrip(t *testing.T) {
	s := newSummary("Toy model", []*sim.Result{testResult()}, nil, nil, followUp{})
	var first bytes.Buffer
	if err := writeJSON(&first, s); err != nil {
		t.Fatal(err)
	}
	back, err := ReadSummary(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var second bytes.Buffer
	if err := writeJSON(&second, back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("round trip changed summary.json:\n%s\n---\n%s", first.Bytes(), second.Bytes())
	}

	sc := back.Scenarios[0]
	osEP, cir := sc.Endpoints[0], sc.Endpoints[1]
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"scenario", sc.Scenario, "base"},
		{"unit", sc.Unit, "month"},
		{"patients", sc.Patients, 1000},
		{"seed", sc.Seed, uint64(42)},
		{"os kind", osEP.Kind, "survival"},
		{"cir kind", cir.Kind, "incidence"},
		{"os n", osEP.N, 1000},
		{"cir competing", cir.Competing, 50},
		{"os median lower", float64(osEP.Median.Lower), 16.5},
		{"os landmark time", float64(osEP.Landmarks[0].Time), 12.0},
		{"os landmark lower, 6 digits", float64(osEP.Landmarks[0].Lower), 0.775123},
		{"os rmst se", float64(osEP.RMST.SE), 0.1},
		{"os horizon", float64(osEP.Horizon), 18.0},
		{"state", sc.States[2].Name, "dead"},
		{"state entered", sc.States[1].Entered, 150},
		{"state ever in", float64(sc.States[1].EverIn.Value), 0.15},
		{"state mean time", float64(sc.States[0].MeanTime.Value), 14.1},
		{"os median not reached", math.IsNaN(float64(osEP.Median.Value)), true},
		{"dead mean time se undefined", math.IsNaN(float64(sc.States[2].MeanTime.SE)), true},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

// TestSummaryJSONKeys: snake_case keys, null for a median not reached.
func TestSummaryJSONKeys(t *testing.T) {
	var buf bytes.Buffer
	if err := writeJSON(&buf, newSummary("Toy model", []*sim.Result{testResult()}, nil, nil, followUp{})); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Scenarios []struct {
			Endpoints []map[string]json.RawMessage
			States    []map[string]json.RawMessage
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	ep, st := raw.Scenarios[0].Endpoints[0], raw.Scenarios[0].States[0]
	for _, k := range []string{"name", "title", "kind", "n", "events", "competing", "median", "landmarks", "rmst", "horizon", "unit"} {
		if _, ok := ep[k]; !ok {
			t.Errorf("endpoint lacks %q", k)
		}
	}
	for _, k := range []string{"name", "entered", "ever_in", "mean_time"} {
		if _, ok := st[k]; !ok {
			t.Errorf("state lacks %q", k)
		}
	}
	if got := string(ep["median"]); !strings.Contains(strings.Join(strings.Fields(got), ""), `"value":null`) {
		t.Errorf("median not reached written as %s, want value null", got)
	}
}

// TestReadSummaryStrict: a misspelled key is an error, not a silent zero.
func TestReadSummaryStrict(t *testing.T) {
	if _, err := ReadSummary(strings.NewReader(`{"title": "x", "scenarioz": []}`)); err == nil {
		t.Error("unknown key accepted")
	}
}
