package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"
)

// Figures are the settings of a run's figures (survival, incidence, occupancy
// and psa_survival). The zero value gives the defaults: PNG at 300 dpi and
// SVG, a single journal column (89 × 120 mm), 8-point text, the model's title
// above and a caption below, and a number-at-risk table for the study's size.
type Figures struct {
	// Formats are the file formats of every figure, each at most once: "png",
	// "svg" (text as text, in Liberation Sans) or "pdf" (fonts embedded).
	// Empty: png and svg (unless None).
	Formats []string
	// None writes no figure at all (--formats none): the tables and
	// summaries only.
	None bool
	// Width and Height are the size of a figure, each within [40 mm, 500 mm];
	// 0: 89 mm (a single journal column) and 120 mm (room for the table and legend).
	Width, Height vg.Length
	// FontSize is the size of all text but the title (1.125 times it), within
	// [5, 14] points; line widths and spacing scale with it. 0: 8 points.
	FontSize vg.Length
	// DPI is the resolution of PNG files, within [72, 1200]; 0: 300.
	DPI int
	// Cohort is the number of patients the number-at-risk table is for (the
	// study's sample size), ≥ 0; 0: the largest n of the first scenario's
	// targets, or else a table per 100 patients.
	Cohort int
	// MinAtRisk is the expected number at risk, in the cohort of the
	// number-at-risk table, below which a curve stops (followup.go), > 0; 0:
	// DefaultMinAtRisk (one patient).
	MinAtRisk float64
	// Bare leaves out the title and the caption, which journals set in the
	// text; what the shading shows then goes into the legend.
	Bare bool
	// Top is the most parameters a tornado shows (those of largest swing),
	// ≥ 0; 0: 15. The tornado grows in height with its rows up to 240 mm; if
	// they do not fit even then, it shows fewer, with a warning.
	Top int
}

// Defaults of Figures, and the bounds Validate enforces.
const (
	DefaultWidth  = 89 * vg.Millimeter
	DefaultHeight = 120 * vg.Millimeter
	DefaultDPI    = 300
	minSide       = 40 * vg.Millimeter
	maxSide       = 500 * vg.Millimeter
	minFontSize   = 5
	maxFontSize   = 14
	perHundred    = 100 // the table's cohort when neither the model nor a target gives one
)

// FigureFormats are the formats a figure can be written in.
var FigureFormats = []string{"png", "svg", "pdf"}

// defaultFormats are the formats when none is asked for.
var defaultFormats = []string{"png", "svg"}

// Validate reports the first setting out of its range.
func (f Figures) Validate() error {
	for i, fm := range f.Formats {
		if !slices.Contains(FigureFormats, fm) {
			return fmt.Errorf("figure format %q is not one of %s", fm, strings.Join(FigureFormats, ", "))
		}
		if slices.Contains(f.Formats[:i], fm) {
			return fmt.Errorf("figure format %q is given twice", fm)
		}
	}
	for _, s := range []struct {
		what string
		v    vg.Length
	}{{"width", f.Width}, {"height", f.Height}} {
		if s.v != 0 && !(s.v >= minSide && s.v <= maxSide) {
			return fmt.Errorf("figure %s %s is outside [40mm, 500mm]", s.what, formatMM(s.v))
		}
	}
	if f.FontSize != 0 && !(f.FontSize >= minFontSize && f.FontSize <= maxFontSize) {
		return fmt.Errorf("font size %gpt is outside [%d, %d] points", float64(f.FontSize), minFontSize, maxFontSize)
	}
	if f.DPI != 0 && (f.DPI < 72 || f.DPI > 1200) {
		return fmt.Errorf("PNG resolution %d dpi is outside [72, 1200]", f.DPI)
	}
	if f.MinAtRisk < 0 || math.IsNaN(f.MinAtRisk) || math.IsInf(f.MinAtRisk, 0) {
		return fmt.Errorf("minimum number at risk %g must be > 0 (0: %g)", f.MinAtRisk, DefaultMinAtRisk)
	}
	if f.Cohort < 0 {
		return fmt.Errorf("cohort %d must be ≥ 1 (0: the study's size from its targets)", f.Cohort)
	}
	if f.Top < 0 {
		return fmt.Errorf("tornado rows %d must be ≥ 1 (0: %d)", f.Top, defaultTornadoRows)
	}
	return nil
}

// withDefaults returns f with every zero field set to its default.
func (f Figures) withDefaults() Figures {
	if f.None {
		f.Formats = nil
	} else if len(f.Formats) == 0 {
		f.Formats = defaultFormats
	}
	if f.Width == 0 {
		f.Width = DefaultWidth
	}
	if f.Height == 0 {
		f.Height = DefaultHeight
	}
	if f.FontSize == 0 {
		f.FontSize = defaultFontSize
	}
	if f.DPI == 0 {
		f.DPI = DefaultDPI
	}
	if f.Top == 0 {
		f.Top = defaultTornadoRows
	}
	return f
}

// ParseFormats reads a comma-separated list of figure formats ("png,svg").
func ParseFormats(s string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no figure format in %q (allowed: %s)", s, strings.Join(FigureFormats, ", "))
	}
	return out, (Figures{Formats: out}).Validate()
}

// lengthUnits are the units ParseLength reads.
var lengthUnits = map[string]vg.Length{"mm": vg.Millimeter, "cm": vg.Centimeter, "in": vg.Inch, "pt": 1}

// ParseLength reads a figure size: a number with a unit, mm, cm, in or pt
// ("89mm", "3.5in"), or a bare number in millimetres.
func ParseLength(s string) (vg.Length, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	unit := vg.Millimeter
	for suffix, u := range lengthUnits {
		if strings.HasSuffix(t, suffix) {
			t, unit = strings.TrimSpace(strings.TrimSuffix(t, suffix)), u
			break
		}
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || !(x > 0) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q is not a length such as 89mm, 8.9cm, 3.5in or 252pt (a bare number is in mm)", s)
	}
	return vg.Length(x) * unit, nil
}

// formatMM writes a length in millimetres.
func formatMM(l vg.Length) string {
	return strconv.FormatFloat(math.Round(float64(l/vg.Millimeter)*10)/10, 'f', -1, 64) + "mm"
}
