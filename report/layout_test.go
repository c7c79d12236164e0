package report

import (
	"context"
	"fmt"
	"image/color"
	"io/fs"
	"math"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/seeds"
	"github.com/blinasim/blinasim/sim"
)

// The layout test: every figure of every shipped model, of every shipped
// scenario set (the scenarios of a study compared with it, with a PSA), of
// a 20-scenario stress case, of --by subgroups, of every shipped model's
// one-way sensitivity and of its scenarios' differences, of a 20-parameter
// tornado with long titles, and of the shipped trials (layout_runs_test.go)
// is drawn on gonum/plot's recording canvas, and the box of every piece of
// text it draws (from the font's width, ascent and descent, through the
// canvas's transforms) is checked: no two boxes overlap, none leaves the
// canvas, none is cut with an ellipsis ("…"), and none is crossed by a line
// (a curve, a bar's edge, a whisker, a mark: textBoxes). Each is a hard
// failure; a figure that cannot fit may instead fail with an error that
// names the option to change.

// textBox is a piece of text drawn and its box on the canvas.
type textBox struct {
	s   string
	box vg.Rectangle
}

// landmarkLabel matches a landmark's value as marks draws it: "36%".
var landmarkLabel = regexp.MustCompile(`^[0-9]+%$`)

// affine is a 2-D affine transform: x' = a·x + c·y + e, y' = b·x + d·y + f.
type affine struct{ a, b, c, d, e, f float64 }

func (m affine) then(n affine) affine { // m · n: n applied first
	return affine{m.a*n.a + m.c*n.b, m.b*n.a + m.d*n.b, m.a*n.c + m.c*n.d, m.b*n.c + m.d*n.d,
		m.a*n.e + m.c*n.f + m.e, m.b*n.e + m.d*n.f + m.f}
}

func (m affine) apply(p vg.Point) vg.Point {
	x, y := float64(p.X), float64(p.Y)
	return vg.Point{X: vg.Length(m.a*x + m.c*y + m.e), Y: vg.Length(m.b*x + m.d*y + m.f)}
}

// replayTransform applies a recorded Push, Pop, Translate, Rotate or Scale
// to the current transform m and the stack of pushed ones.
func replayTransform(m affine, stack []affine, act recorder.Action) (affine, []affine) {
	switch a := act.(type) {
	case *recorder.Push:
		stack = append(stack, m)
	case *recorder.Pop:
		m, stack = stack[len(stack)-1], stack[:len(stack)-1]
	case *recorder.Translate:
		m = m.then(affine{a: 1, d: 1, e: float64(a.Point.X), f: float64(a.Point.Y)})
	case *recorder.Rotate:
		s, c := math.Sincos(a.Angle)
		m = m.then(affine{a: c, b: s, c: -s, d: c})
	case *recorder.Scale:
		m = m.then(affine{a: a.X, d: a.Y})
	}
	return m, stack
}

// textBoxes replays the recorded actions and returns the box of each text
// on the canvas, and the lines no text may be crossed by: every stroked
// line but the grid's (curves, band edges, bars' whiskers, base lines,
// marks, axes) and the outline of every opaque fill that is not white (bars,
// marks, stacked areas, heat-map cells, legend swatches). A text wholly
// inside a fill (a heat map's cell label) is not crossed by its outline.
func textBoxes(actions []recorder.Action) ([]textBox, []drawnLine) {
	m := affine{a: 1, d: 1}
	var stack []affine
	var out []textBox
	var lines []drawnLine
	var col color.Color
	var width vg.Length
	for _, act := range actions {
		switch a := act.(type) {
		case *recorder.SetColor:
			col = a.Color
		case *recorder.SetLineWidth:
			width = a.Width
		case *recorder.Stroke:
			if col == nil || width <= 0 || isGrid(col, width) { // a zero width draws nothing (a band's outline)
				continue
			}
			if _, _, _, al := col.RGBA(); al == 0 {
				continue
			}
			for _, l := range flatten(a.Path, m, false) {
				lines = append(lines, drawnLine{l, "a stroke in " + colorName(col)})
			}
		case *recorder.Fill:
			if col == nil {
				continue
			}
			if r, g, b, al := col.RGBA(); al < 0xffff || r == 0xffff && g == 0xffff && b == 0xffff {
				continue // translucent (bands) or white (the background)
			}
			for _, l := range flatten(a.Path, m, true) {
				lines = append(lines, drawnLine{l, "the edge of a fill in " + colorName(col)})
			}
		case *recorder.Push, *recorder.Pop, *recorder.Translate, *recorder.Rotate, *recorder.Scale:
			m, stack = replayTransform(m, stack, act)
		case *recorder.FillString:
			if strings.TrimSpace(a.String) == "" {
				continue
			}
			face := font.DefaultCache.Lookup(a.Font, a.Size)
			ext := face.Extents()
			w := face.Width(a.String)
			corners := []vg.Point{{X: a.Point.X, Y: a.Point.Y - ext.Descent}, {X: a.Point.X + w, Y: a.Point.Y - ext.Descent},
				{X: a.Point.X, Y: a.Point.Y + ext.Ascent}, {X: a.Point.X + w, Y: a.Point.Y + ext.Ascent}}
			box := vg.Rectangle{Min: vg.Point{X: math.MaxFloat32, Y: math.MaxFloat32}, Max: vg.Point{X: -math.MaxFloat32, Y: -math.MaxFloat32}}
			for _, p := range corners {
				q := m.apply(p)
				box.Min.X, box.Min.Y = min(box.Min.X, q.X), min(box.Min.Y, q.Y)
				box.Max.X, box.Max.Y = max(box.Max.X, q.X), max(box.Max.Y, q.Y)
			}
			out = append(out, textBox{a.String, box})
		}
	}
	return out, lines
}

// drawnLine is a polyline drawn on the canvas, and what drew it.
type drawnLine struct {
	pts  []vg.Point
	what string
}

// colorName writes c as #rrggbb.
func colorName(c color.Color) string {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return fmt.Sprintf("#%02x%02x%02x", n.R, n.G, n.B)
}

// isGrid reports whether a stroke is a grid line (gonum's default grid
// style: grey 128, 0.25 pt), drawn under everything and allowed behind text.
func isGrid(c color.Color, width vg.Length) bool {
	r, g, b, al := c.RGBA()
	return width == plotter.DefaultGridLineStyle.Width && al == 0xffff && r == 0x8080 && g == 0x8080 && b == 0x8080
}

// flatten returns a path's polylines on the canvas (through m): arcs as 16
// chords each, curves through their control points; closed if the path is
// filled.
func flatten(path vg.Path, m affine, closed bool) [][]vg.Point {
	var out [][]vg.Point
	var l []vg.Point
	end := func() {
		if closed && len(l) > 1 {
			l = append(l, l[0])
		}
		if len(l) > 1 {
			out = append(out, l)
		}
		l = nil
	}
	for _, pc := range path {
		switch pc.Type {
		case vg.MoveComp:
			end()
			l = []vg.Point{m.apply(pc.Pos)}
		case vg.LineComp:
			l = append(l, m.apply(pc.Pos))
		case vg.ArcComp:
			for i := 0; i <= 16; i++ {
				s, c := math.Sincos(pc.Start + pc.Angle*float64(i)/16)
				l = append(l, m.apply(vg.Point{X: pc.Pos.X + pc.Radius*vg.Length(c), Y: pc.Pos.Y + pc.Radius*vg.Length(s)}))
			}
		case vg.CurveComp:
			for _, c := range pc.Control {
				l = append(l, m.apply(c))
			}
			l = append(l, m.apply(pc.Pos))
		case vg.CloseComp:
			if len(l) > 1 {
				l = append(l, l[0])
			}
		}
	}
	end()
	return out
}

// segmentEnters reports whether the segment a–b enters the inside of r
// (Liang–Barsky clipping: Liang & Barsky, ACM TOG 3(1), 1984).
func segmentEnters(a, b vg.Point, r vg.Rectangle) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	for _, c := range [][2]float64{
		{-dx, float64(a.X - r.Min.X)}, {dx, float64(r.Max.X - a.X)},
		{-dy, float64(a.Y - r.Min.Y)}, {dy, float64(r.Max.Y - a.Y)},
	} {
		p, q := c[0], c[1]
		if p == 0 {
			if q <= 0 { // parallel to this side and outside (or on) it
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
	}
	return t0 < t1
}

// layoutSlack is how far two boxes may touch: glyph boxes include the
// font's line gap, so stacked lines of one paragraph touch.
const layoutSlack = 0.5 * vg.Length(1)

// layoutProblems draws f on a recording canvas of the settings' size and
// returns each overlap and each text outside the canvas.
// It also counts the landmark labels drawn.
func layoutProblems(f *figure, set Figures) ([]string, int, error) {
	rec := &recorder.Canvas{}
	w, h := f.size(set)
	c := draw.Canvas{Canvas: rec, Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: h}}}
	if err := f.draw(c); err != nil {
		return nil, 0, err
	}
	boxes, lines := textBoxes(rec.Actions)
	var out []string
	labels := 0
	for i, b := range boxes {
		if b.box.Min.X < -layoutSlack || b.box.Min.Y < -layoutSlack || b.box.Max.X > w+layoutSlack || b.box.Max.Y > h+layoutSlack {
			out = append(out, fmt.Sprintf("%q outside the canvas (%s)", b.s, boxString(b.box)))
		}
		for _, o := range boxes[:i] {
			if overlap(b.box, o.box) {
				out = append(out, fmt.Sprintf("%q overlaps %q", b.s, o.s))
			}
		}
		if strings.Contains(b.s, "…") {
			out = append(out, fmt.Sprintf("%q is cut with an ellipsis", b.s))
		}
		if landmarkLabel.MatchString(b.s) {
			labels++
		}
		inner := vg.Rectangle{Min: b.box.Min.Add(vg.Point{X: layoutSlack, Y: layoutSlack}), Max: b.box.Max.Sub(vg.Point{X: layoutSlack, Y: layoutSlack})}
	crossing:
		for _, dl := range lines {
			l := dl.pts
			for j := 1; j < len(l); j++ {
				if segmentEnters(l[j-1], l[j], inner) {
					out = append(out, fmt.Sprintf("%q (%s) is crossed by %s (%.1f,%.1f–%.1f,%.1f pt)", b.s, boxString(b.box), dl.what,
						float64(l[j-1].X), float64(l[j-1].Y), float64(l[j].X), float64(l[j].Y)))
					break crossing
				}
			}
		}
	}
	return out, labels, nil
}

func overlap(a, b vg.Rectangle) bool {
	return a.Min.X+layoutSlack < b.Max.X && b.Min.X+layoutSlack < a.Max.X &&
		a.Min.Y+layoutSlack < b.Max.Y && b.Min.Y+layoutSlack < a.Max.Y
}

func boxString(r vg.Rectangle) string {
	return fmt.Sprintf("%.0f,%.0f–%.0f,%.0f pt", float64(r.Min.X), float64(r.Min.Y), float64(r.Max.X), float64(r.Max.Y))
}

// layoutRun is what a command writes, to check: a name, the figures'
// settings and the output files.
type layoutRun struct {
	name  string
	set   Figures
	files []file
}

// runLayout is the output files of run r.
func runLayout(t *testing.T, name string, r Run) layoutRun {
	t.Helper()
	if err := r.complete(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return layoutRun{name, r.Figures.withDefaults(), r.files()}
}

// shippedLayoutRuns simulates every shipped study and example alone, and each
// study with the shipped scenarios that extend it (with a small PSA), few
// patients each: the figures' layout does not depend on their number.
func shippedLayoutRuns(t *testing.T) []layoutRun {
	t.Helper()
	const patients = 500
	run := func(name string, models []*model.Model, psa int) layoutRun {
		progs := make([]*sim.Program, len(models))
		for i, m := range models {
			p, err := sim.Compile(m, nil)
			if err != nil {
				t.Fatalf("%s: %v", m.Name, err)
			}
			progs[i] = p
		}
		opts := sim.Options{Patients: patients, Seed: 1}
		results, comps, err := sim.RunScenarios(context.Background(), progs, opts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var psas []*sim.PSA
		for i, m := range models {
			results[i].Scenario = m.Name
			if psa > 0 {
				p, err := sim.RunPSA(context.Background(), m, psa, opts)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				psas = append(psas, p)
			}
		}
		titles := make([]string, len(models))
		for i, m := range models {
			titles[i] = m.Title
		}
		r := Run{Results: results, Comparisons: comps, PSA: psas, ModelYAML: []byte("name: x\n"), Title: models[0].Title,
			ScenarioTitles: ScenarioTitles(titles),
			Figures:        Figures{Cohort: models[0].Cohort}, Origins: EndpointOrigins(models...)}
		r.Manifest.Seed, r.Manifest.Patients = 1, patients
		return runLayout(t, name, r)
	}
	load := func(fsys fs.FS, p string) *model.Model {
		m, err := config.Load(fsys, p, config.Options{})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		return m
	}
	var out []layoutRun
	studies, _ := fs.Glob(seeds.FS, "*.yaml")
	scenarios, _ := fs.Glob(seeds.FS, "scenarios/*.yaml")
	sort.Strings(studies)
	for _, s := range studies {
		base := load(seeds.FS, s)
		out = append(out, run(s, []*model.Model{base}, 0))
		set := []*model.Model{base}
		for _, sc := range scenarios {
			if scenarioStudy(t, sc) == s {
				set = append(set, load(seeds.FS, sc))
			}
		}
		if len(set) > 1 {
			out = append(out, run(s+" with its scenarios", set, 3))
		}
	}
	examples, _ := fs.Glob(os.DirFS("../examples"), "*.yaml")
	for _, e := range examples {
		out = append(out, run(path.Base(e), []*model.Model{load(os.DirFS("../examples"), e)}, 0))
	}
	return out
}

// scenarioStudy returns the study a shipped scenario extends, through the
// scenarios it extends.
func scenarioStudy(t *testing.T, p string) string {
	t.Helper()
	for range 10 {
		raw, err := fs.ReadFile(seeds.FS, p)
		if err != nil {
			t.Fatal(err)
		}
		_, rest, ok := strings.Cut(string(raw), "\nextends: ")
		if !ok {
			return ""
		}
		ext, _, _ := strings.Cut(rest, "\n")
		if after, ok := strings.CutPrefix(strings.TrimSpace(ext), "../"); ok {
			return after
		}
		p = path.Join("scenarios", strings.TrimSpace(ext))
	}
	return ""
}

// TestFigureLayout: no figure of any shipped model, scenario set, --by run,
// sensitivity analysis or trial, of 20 scenarios or of a 20-parameter
// tornado draws text over text, outside its canvas, cut with "…" or crossed
// by a line.
func TestFigureLayout(t *testing.T) {
	start := time.Now()
	runs := shippedLayoutRuns(t)
	many := manyScenarios()
	for _, r := range many { // the fixture's states are on a coarser grid
		for i := range r.States {
			v := r.States[i].Occupancy[0]
			r.States[i].Occupancy = make([]sim.Estimate, len(r.Grid))
			for j := range r.Grid {
				r.States[i].Occupancy[j] = v
			}
		}
	}
	runs = append(runs, runLayout(t, "20 scenarios", runOf(Figures{}, many...)))
	// Six panels of occupancy on a figure that grows to fit them.
	runs = append(runs, runLayout(t, "6 scenarios", runOf(Figures{}, many[:6]...)))
	runs = append(runs, byLayoutRuns(t)...)
	runs = append(runs, sensitivityLayoutRuns(t)...)
	runs = append(runs, trialLayoutRuns(t)...)
	figures, labels, texts := 0, 0, 0
	defer func() {
		t.Logf("%d figures of %d runs checked, with %d landmark labels; their SVGs, with %d texts; in %.1fs",
			figures, len(runs), labels, texts, time.Since(start).Seconds())
	}()
	for _, lr := range runs {
		seen := map[string]bool{}
		for _, f := range lr.files {
			if f.figure == nil {
				continue
			}
			stem := strings.TrimSuffix(f.name, path.Ext(f.name))
			if seen[stem] {
				continue
			}
			seen[stem] = true
			fig, err := f.figure()
			if err != nil {
				t.Errorf("%s: %s: %v", lr.name, stem, err)
				continue
			}
			problems, n, err := layoutProblems(fig, lr.set)
			labels += n
			if err != nil {
				if !strings.Contains(err.Error(), "--fig-") {
					t.Errorf("%s: %s: %v", lr.name, stem, err)
				}
				t.Logf("%s: %s: does not fit, and says so: %v", lr.name, stem, err)
				continue
			}
			figures++
			for _, p := range problems {
				t.Errorf("%s: %s: %s", lr.name, stem, p)
			}
			svgs, n := svgProblems(f.figure, lr.set) // svg_test.go
			texts += n
			for _, p := range svgs {
				t.Errorf("%s: %s.svg: %s", lr.name, stem, p)
			}
		}
	}
}
