package report

import (
	"encoding/json"
	"math"
	"testing"
)

// TestFormatNumber pins the one number format of the CSV and JSON files.
func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		name string
		x    float64
		want string
	}{
		{"integer", 12, "12"},
		{"half", 0.5, "0.5"},
		{"third rounds to 6 digits", 1.0 / 3, "0.333333"},
		{"float noise in a grid time", 0.1 * 3, "0.3"},
		{"grid time", 12.000000000000002, "12"},
		{"small", 1.5e-7, "1.5e-07"},
		{"large", 123456789, "1.23457e+08"},
		{"negative zero", math.Copysign(0, -1), "0"},
		{"negative", -0.25, "-0.25"},
		{"not reached", math.Inf(1), "NA"},
		{"minus infinity", math.Inf(-1), "NA"},
		{"undefined", math.NaN(), "NA"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := formatNumber(tc.x); got != tc.want {
				t.Errorf("formatNumber(%v) = %q, want %q", tc.x, got, tc.want)
			}
		})
	}
}

// TestNumberJSON: summary.json numbers use the same format, null for a figure
// that does not exist, and null reads back as NaN.
func TestNumberJSON(t *testing.T) {
	for _, tc := range []struct {
		name string
		x    float64
		want string
		back float64 // NaN: expect NaN
	}{
		{"rounded", 0.77512345, "0.775123", 0.775123},
		{"integer", 18, "18", 18},
		{"infinite", math.Inf(1), "null", math.NaN()},
		{"NaN", math.NaN(), "null", math.NaN()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(Number(tc.x))
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Errorf("marshal %v = %s, want %s", tc.x, b, tc.want)
			}
			var n Number
			if err := json.Unmarshal(b, &n); err != nil {
				t.Fatal(err)
			}
			if got := float64(n); got != tc.back && !(math.IsNaN(got) && math.IsNaN(tc.back)) {
				t.Errorf("read back %v, want %v", got, tc.back)
			}
		})
	}
	var n Number
	if err := json.Unmarshal([]byte(`"x"`), &n); err == nil {
		t.Error("a string read as a Number")
	}
}

// TestMarkdownFormats pins the readable formats of summary.md.
func TestMarkdownFormats(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"estimate", mdEstimate(24.34, 22.1, 26.04), "24.3 (22.1–26.0)"},
		{"bounds take the value's decimals", mdEstimate(9.95, 9.87, 10.03), "9.95 (9.87–10.03)"},
		{"large time", mdEstimate(730.5, 700.2, 760.9), "730 (700–761)"},
		{"small time", mdEstimate(0.0123, 0.01, 0.015), "0.0123 (0.0100–0.0150)"},
		{"median not reached", mdEstimate(math.Inf(1), 16.5, math.Inf(1)), "NR (16.5–NR)"},
		{"nothing reached", mdEstimate(math.Inf(1), math.Inf(1), math.Inf(1)), "NR (NR–NR)"},
		{"no interval", mdEstimate(2.7, math.NaN(), math.NaN()), "2.70"},
		{"undefined", mdEstimate(math.NaN(), math.NaN(), math.NaN()), "NA"},
		{"probability", mdProbability(0.8234, 0.815, 0.831), "82.3% (81.5–83.1)"},
		{"probability without interval", mdProbability(0.5, math.NaN(), math.NaN()), "50.0%"},
		{"probability undefined", mdProbability(math.NaN(), 0.1, 0.2), "NA"},
		{"model time", mdExact(12), "12"},
		{"cell escapes pipes", mdCell("a | b\nc"), `a \| b c`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}
