package report

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

func TestParseLength(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want vg.Length // points
	}{
		{"89mm", 89 * 72 / 25.4},
		{"89", 89 * 72 / 25.4}, // a bare number is in mm
		{"8.9cm", 89 * 72 / 25.4},
		{"3.5in", 252},
		{" 252pt ", 252},
		{"183 MM", 183 * 72 / 25.4},
	} {
		got, err := ParseLength(tc.in)
		if err != nil || math.Abs(float64(got-tc.want)) > 1e-9 {
			t.Errorf("ParseLength(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "mm", "-5mm", "0", "3.5 inches", "NaN", "Inf"} {
		if _, err := ParseLength(bad); err == nil || !strings.Contains(err.Error(), "89mm") {
			t.Errorf("ParseLength(%q): error %v, want one with an example", bad, err)
		}
	}
}

func TestParseFormats(t *testing.T) {
	got, err := ParseFormats(" PNG, pdf ,")
	if err != nil || strings.Join(got, ",") != "png,pdf" {
		t.Errorf("ParseFormats = %v, %v", got, err)
	}
	for _, bad := range []string{"", " , ", "png,png", "jpeg"} {
		if _, err := ParseFormats(bad); err == nil {
			t.Errorf("ParseFormats(%q): no error", bad)
		}
	}
}

// TestFiguresValidate: the zero value is valid and means the defaults; each
// setting out of its range is named.
func TestFiguresValidate(t *testing.T) {
	if err := (Figures{}).Validate(); err != nil {
		t.Fatal(err)
	}
	def := Figures{}.withDefaults()
	if strings.Join(def.Formats, ",") != "png,svg" || def.Width != DefaultWidth || def.Height != DefaultHeight ||
		def.FontSize != 8 || def.DPI != 300 || def.Cohort != 0 || def.Bare {
		t.Errorf("defaults %+v", def)
	}
	for _, tc := range []struct {
		f    Figures
		want string
	}{
		{Figures{Formats: []string{"gif"}}, `figure format "gif" is not one of png, svg, pdf`},
		{Figures{Formats: []string{"svg", "svg"}}, `"svg" is given twice`},
		{Figures{Width: 30 * vg.Millimeter}, "figure width 30mm is outside [40mm, 500mm]"},
		{Figures{Height: 600 * vg.Millimeter}, "figure height 600mm is outside"},
		{Figures{FontSize: 4}, "font size 4pt is outside [5, 14] points"},
		{Figures{DPI: 2000}, "PNG resolution 2000 dpi is outside [72, 1200]"},
		{Figures{Cohort: -1}, "cohort -1 must be ≥ 1"},
	} {
		if err := tc.f.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.f, err, tc.want)
		}
	}
}
