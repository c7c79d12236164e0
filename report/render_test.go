package report

import (
	"bytes"
	"fmt"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"gonum.org/v1/plot/cmpimg"
	"gonum.org/v1/plot/vg"
	"rsc.io/pdf"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// renderOne renders the figure that build makes of the results in the
// format, with the settings, and returns the bytes.
func renderOne(t testing.TB, format string, set Figures, build func(figureRun) (*figure, error), results ...*sim.Result) []byte {
	t.Helper()
	r := runOf(set, results...)
	fr := newFigureRun(r)
	f, err := build(fr)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := render(&b, format, f, fr.set); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// survivalOf builds the survival figure of the run's results.
func survivalOf(results ...*sim.Result) func(figureRun) (*figure, error) {
	return func(fr figureRun) (*figure, error) {
		return fr.curves(results, model.Survival, "", fr.title, mcBandNote)
	}
}

// TestFormats: a PNG has the figure's size at its resolution (89 mm at 300
// dpi: 1051 pixels), an SVG and a PDF the figure's size in points.
func TestFormats(t *testing.T) {
	for _, set := range []Figures{{}, {Width: 183 * vg.Millimeter, Height: 4 * vg.Inch, DPI: 600}} {
		def := set.withDefaults()
		wPt, hPt := float64(def.Width), float64(def.Height)
		t.Run(fmt.Sprintf("%s×%s", formatMM(def.Width), formatMM(def.Height)), func(t *testing.T) {
			b := renderOne(t, "png", set, survivalOf(testResult()), testResult())
			cfg, err := png.DecodeConfig(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			wantW, wantH := int(wPt/72*float64(def.DPI)+0.5), int(hPt/72*float64(def.DPI)+0.5)
			if cfg.Width != wantW || cfg.Height != wantH {
				t.Errorf("PNG %d×%d pixels, want %d×%d", cfg.Width, cfg.Height, wantW, wantH)
			}
			svg := renderOne(t, "svg", set, survivalOf(testResult()), testResult())
			m := regexp.MustCompile(`<svg width="([0-9.]+)pt" height="([0-9.]+)pt"`).FindSubmatch(svg)
			if m == nil || !near(string(m[1]), wPt) || !near(string(m[2]), hPt) {
				t.Errorf("SVG header %q, want %.2f×%.2f points", m, wPt, hPt)
			}
			raw := renderOne(t, "pdf", set, survivalOf(testResult()), testResult())
			doc, err := pdf.NewReader(bytes.NewReader(raw), int64(len(raw)))
			if err != nil {
				t.Fatal(err)
			}
			box := doc.Trailer().Key("Root").Key("Pages").Key("MediaBox") // inherited by the page
			if box.Len() != 4 || math.Abs(box.Index(2).Float64()-wPt) > 0.01 || math.Abs(box.Index(3).Float64()-hPt) > 0.01 {
				t.Errorf("PDF media box %v, want %.2f×%.2f points", box, wPt, hPt)
			}
		})
	}
}

// near reports whether the decimal s is within 0.01 of x.
func near(s string, x float64) bool {
	var v float64
	_, err := fmt.Sscan(s, &v)
	return err == nil && math.Abs(v-x) < 0.01
}

// TestRenderReproducible: the same figure gives the same bytes in every
// format (the PDF's date is fixed, its resources sorted).
func TestRenderReproducible(t *testing.T) {
	for _, format := range FigureFormats {
		a := renderOne(t, format, Figures{}, survivalOf(testResult()), testResult())
		b := renderOne(t, format, Figures{}, survivalOf(testResult()), testResult())
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings differ", format)
		}
	}
}

// goldenFigures are small settings for the image goldens: a small figure at
// 100 dpi keeps the files small.
var goldenFigures = Figures{Width: 70 * vg.Millimeter, Height: 90 * vg.Millimeter, DPI: 150, FontSize: 6}

// TestImageGoldens compares a few figures with images in testdata (go test
// ./report -update rewrites them), PNG within a small colour tolerance
// (cmpimg's YIQ distance), SVG byte for byte: what the pixel tests cannot say,
// that the whole figure still looks as it did.
func TestImageGoldens(t *testing.T) {
	withTarget := testResult()
	withTarget.Targets = []sim.TargetResult{{Target: model.Target{Name: "os12", Measure: model.MeasureSurvival,
		Endpoint: "os", Time: 12, Value: 0.78, N: 100}}}
	for _, tc := range []struct {
		name   string
		format string
		build  func(figureRun) (*figure, error)
	}{
		{"survival", "png", survivalOf(withTarget)},
		{"survival", "svg", survivalOf(withTarget)},
		{"occupancy", "png", func(fr figureRun) (*figure, error) { return fr.occupancy(testResult()) }},
	} {
		name := "golden_" + tc.name + "." + tc.format
		t.Run(name, func(t *testing.T) {
			got := renderOne(t, tc.format, goldenFigures, tc.build, withTarget)
			path := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./report -update creates it)", err)
			}
			ok, err := cmpimg.EqualApprox(tc.format, got, want, 0.1)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				out := filepath.Join(t.TempDir(), name)
				os.WriteFile(out, got, 0o644)
				t.Errorf("%s differs from %s (go test ./report -update accepts it)", name, path)
			}
		})
	}
}

// manyScenarios is 20 scenarios of 5 endpoints on a grid of 241 times (60
// months by quarter months, the engine's default).
func manyScenarios() []*sim.Result {
	var out []*sim.Result
	for s := range 20 {
		r := fineResult(fmt.Sprintf("scenario-%02d", s), 15+float64(s))
		r.Grid = r.Grid[:0]
		for i := 0; i <= 240; i++ {
			r.Grid = append(r.Grid, float64(i)/4)
		}
		r.Endpoints = nil
		for k, name := range []string{"os", "efs", "rfs", "rfs_mrdneg", "cir"} {
			e := sim.EndpointResult{Name: name, Title: "Endpoint " + name, Kind: model.Survival, N: 1000}
			if name == "cir" {
				e.Kind = model.Incidence
			}
			for _, tm := range r.Grid {
				v := math.Exp(-tm / (float64(s+10) * float64(k+1)))
				e.Curve = append(e.Curve, est(v, 0.97*v, math.Min(1, 1.03*v)))
				e.AtRisk = append(e.AtRisk, v)
			}
			e.Landmarks = []sim.Landmark{{Time: 12, Estimate: e.Curve[48]}, {Time: 36, Estimate: e.Curve[144]}}
			r.Endpoints = append(r.Endpoints, e)
		}
		out = append(out, r)
	}
	return out
}

// renderMany builds and renders every curves figure of 20 scenarios (one per
// endpoint: four survival, one incidence) in every format, as Write does, in
// a double column (a single one is too narrow for 20 scenarios' legend).
func renderMany(t testing.TB, results []*sim.Result) {
	set := Figures{Width: 183 * vg.Millimeter, Height: 150 * vg.Millimeter, Formats: FigureFormats}
	fr := newFigureRun(runOf(set, results...))
	files := append(fr.curvesFiles("survival", results, model.Survival, fr.title, mcBandNote),
		fr.curvesFiles("incidence", results, model.Incidence, fr.title, mcBandNote)...)
	if len(files) != 5*len(FigureFormats) {
		t.Fatalf("%d files, want 5 figures in %d formats", len(files), len(FigureFormats))
	}
	for _, f := range files {
		if err := f.write(io.Discard); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
	}
}

// TestManyScenariosRender: the five figures of 20 scenarios × 5 endpoints
// render in every format without error. How long they take is measured by
// BenchmarkManyScenarios, not asserted here.
func TestManyScenariosRender(t *testing.T) {
	renderMany(t, manyScenarios())
}

// BenchmarkManyScenarios times the figures of 20 scenarios × 5 endpoints
// (five figures, one per endpoint) in PNG, SVG and PDF. Timings live in
// benchmarks, never in tests (a shared machine makes any bound flaky):
//
//	go test ./report -run '^$' -bench ManyScenarios -benchtime 5x -count 3
func BenchmarkManyScenarios(b *testing.B) {
	results := manyScenarios()
	b.ReportAllocs()
	for b.Loop() {
		renderMany(b, results)
	}
}
