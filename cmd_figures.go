package main

import (
	"fmt"
	"strings"

	"github.com/blinasim/blinasim/report"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"gonum.org/v1/plot/vg"
)

// figureOptions are the figure flags of `blinasim run`, as given.
type figureOptions struct {
	Formats       string  // comma-separated: png, svg, pdf
	Width, Height string  // lengths such as 89mm or 3.5in; a bare number is in mm
	FontSize      float64 // points
	DPI           int     // PNG resolution
	Cohort        int     // number-at-risk cohort; 0: the model's cohort, or its targets' n
	MinAtRisk     float64 // expected number at risk in the cohort below which curves stop
	Title         bool    // title and caption in the images
}

// addFigureFlags defines the figure flags.
func addFigureFlags(f *pflag.FlagSet) {
	f.String("formats", "png,svg", "figure formats, comma-separated: png (at --dpi), svg, pdf; none (or empty): no figures")
	f.String("fig-width", "89mm", "figure width (mm, cm, in or pt; a bare number is in mm): 89mm is a single journal column, 183mm a double")
	f.String("fig-height", "120mm", "figure height (mm, cm, in or pt; a bare number is in mm)")
	f.Float64("font-size", 8, "figure font size in points (title 1.125 times it); lines and spacing scale with it")
	f.Int("dpi", report.DefaultDPI, "resolution of PNG figures")
	f.Int("cohort", 0, "cohort size of the number-at-risk table (0: the model's cohort, else its largest target n, else per 100)")
	f.Float64("min-at-risk", report.DefaultMinAtRisk, "curves stop (figures), are marked past_followup (CSV) and not estimable (summaries) after the last time with at least this many expected patients at risk in the --cohort")
	f.Bool("fig-title", true, "draw the model's title and a caption in the figures (--fig-title=false for journal figures)")
}

// readFigureOptions reads the figure flags (or their BLINASIM_ variables).
func readFigureOptions(v *viper.Viper) figureOptions {
	return figureOptions{Formats: v.GetString("formats"), Width: v.GetString("fig-width"), Height: v.GetString("fig-height"),
		FontSize: v.GetFloat64("font-size"), DPI: v.GetInt("dpi"), Cohort: v.GetInt("cohort"),
		MinAtRisk: v.GetFloat64("min-at-risk"), Title: v.GetBool("fig-title")}
}

// settings checks the options and turns them into the report's settings.
func (o figureOptions) settings() (report.Figures, error) {
	var f report.Figures
	var err error
	switch strings.ToLower(strings.TrimSpace(o.Formats)) {
	case "", "none":
		f.None = true
	default:
		if f.Formats, err = report.ParseFormats(o.Formats); err != nil {
			return f, fmt.Errorf("--formats: %w", err)
		}
	}
	if f.Width, err = report.ParseLength(o.Width); err != nil {
		return f, fmt.Errorf("--fig-width: %w", err)
	}
	if f.Height, err = report.ParseLength(o.Height); err != nil {
		return f, fmt.Errorf("--fig-height: %w", err)
	}
	f.FontSize, f.DPI, f.Cohort, f.Bare = vg.Points(o.FontSize), o.DPI, o.Cohort, !o.Title
	if o.FontSize <= 0 || o.DPI <= 0 || o.Cohort < 0 {
		return f, fmt.Errorf("--font-size (%g) and --dpi (%d) must be > 0, --cohort (%d) ≥ 0", o.FontSize, o.DPI, o.Cohort)
	}
	if !(o.MinAtRisk > 0) {
		return f, fmt.Errorf("--min-at-risk (%g) must be > 0", o.MinAtRisk)
	}
	f.MinAtRisk = o.MinAtRisk
	if err := f.Validate(); err != nil {
		return f, fmt.Errorf("figures: %w", err)
	}
	return f, nil
}
