package report

// What every figure's SVG is checked for (svgProblems, run by the layout
// tests on every figure they draw): it parses as XML, no element mirrors
// (gonum's vgsvg flipped the page and every text), the same figure gives the
// same bytes, and each text is where gonum's recording canvas draws it.

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/color"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
	"gonum.org/v1/plot/vg/vgsvg"
)

// svgElement is an element of an SVG document, as encoding/xml reads it.
type svgElement struct {
	XMLName xml.Name
	Attrs   []xml.Attr   `xml:",any,attr"`
	Text    string       `xml:",chardata"`
	Kids    []svgElement `xml:",any"`
}

func (e svgElement) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// walk calls f on e and every element under it, in document order.
func (e svgElement) walk(f func(svgElement)) {
	f(e)
	for _, k := range e.Kids {
		k.walk(f)
	}
}

// svgTransform matches one transform of a transform list: name(args).
var svgTransform = regexp.MustCompile(`([a-zA-Z]+)\s*\(([^)]*)\)`)

// transformDeterminant returns the determinant of the linear part of an SVG
// transform list: negative for a mirrored one (scale(1,-1) flips y).
func transformDeterminant(list string) (float64, error) {
	det := 1.0
	for _, m := range svgTransform.FindAllStringSubmatch(list, -1) {
		var v []float64
		for _, f := range strings.FieldsFunc(m[2], func(r rune) bool { return r == ',' || r == ' ' }) {
			x, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return 0, fmt.Errorf("transform %q: %v", list, err)
			}
			v = append(v, x)
		}
		switch {
		case m[1] == "scale" && len(v) == 1:
			det *= v[0] * v[0]
		case m[1] == "scale" && len(v) == 2:
			det *= v[0] * v[1]
		case m[1] == "matrix" && len(v) == 6:
			det *= v[0]*v[3] - v[1]*v[2]
		case m[1] == "translate" || m[1] == "rotate" || m[1] == "skewX" || m[1] == "skewY":
		default:
			return 0, fmt.Errorf("transform %q: %s with %d numbers", list, m[1], len(v))
		}
	}
	return det, nil
}

// svgFlips parses an SVG document and returns each element that carries a
// mirroring transform (attribute or style), or why the document does not parse.
func svgFlips(doc []byte) []string {
	var root svgElement
	if err := xml.Unmarshal(doc, &root); err != nil {
		return []string{fmt.Sprintf("not XML: %v", err)}
	}
	var out []string
	root.walk(func(e svgElement) {
		for _, list := range []string{e.attr("transform"), cssTransform(e.attr("style"))} {
			if list == "" {
				continue
			}
			det, err := transformDeterminant(list)
			if err != nil {
				out = append(out, err.Error())
			} else if det <= 0 {
				out = append(out, fmt.Sprintf("<%s transform=%q> mirrors", e.XMLName.Local, list))
			}
		}
	})
	return out
}

// cssTransform returns the transform property of a style attribute.
func cssTransform(style string) string {
	for _, decl := range strings.Split(style, ";") {
		if k, v, ok := strings.Cut(decl, ":"); ok && strings.TrimSpace(k) == "transform" {
			return v
		}
	}
	return ""
}

// vgsvgOf draws the figure with gonum's vgsvg on a white page, as the
// figures were drawn before our SVG canvas.
func vgsvgOf(build func() (*figure, error), set Figures) ([]byte, error) {
	f, err := build()
	if err != nil {
		return nil, err
	}
	w, h := f.size(set)
	c := vgsvg.New(w, h)
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	if err := f.draw(draw.New(c)); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	_, err = c.WriteTo(&b)
	return b.Bytes(), err
}

// svgText is a text as the SVG places it, or as the recording canvas says
// it must be: its baseline's left end in page coordinates (points, y down),
// its angle (degrees, clockwise on the page) and font size.
type svgText struct {
	s                 string
	x, y, angle, size float64
}

// svgRotation matches the one transform a text may have.
var svgRotation = regexp.MustCompile(`^rotate\((-?[0-9.]+) (-?[0-9.]+) (-?[0-9.]+)\)$`)

// svgTexts returns the texts of an SVG document in order.
func svgTexts(doc []byte) ([]svgText, error) {
	var root svgElement
	if err := xml.Unmarshal(doc, &root); err != nil {
		return nil, err
	}
	var out []svgText
	var bad error
	root.walk(func(e svgElement) {
		if e.XMLName.Local != "text" || bad != nil {
			return
		}
		num := func(s string) float64 {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil && bad == nil {
				bad = fmt.Errorf("text %q: %v", e.Text, err)
			}
			return v
		}
		tx := svgText{s: e.Text, x: num(e.attr("x")), y: num(e.attr("y")), size: num(e.attr("font-size"))}
		if tr := e.attr("transform"); tr != "" {
			m := svgRotation.FindStringSubmatch(tr)
			if m == nil || m[2] != e.attr("x") || m[3] != e.attr("y") {
				bad = fmt.Errorf("text %q has transform %q, not a rotation about its start", e.Text, tr)
				return
			}
			tx.angle = num(m[1])
		}
		out = append(out, tx)
	})
	return out, bad
}

// recordedTexts draws the figure on gonum's recording canvas and returns
// where each text goes on a page of height h, through the canvas's
// transforms (layout_test.go's affine, independent of the SVG canvas's).
func recordedTexts(f *figure, w, h vg.Length) ([]svgText, error) {
	rec := &recorder.Canvas{}
	if err := f.draw(draw.Canvas{Canvas: rec, Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: h}}}); err != nil {
		return nil, err
	}
	m := affine{a: 1, d: 1}
	var stack []affine
	var out []svgText
	for _, act := range rec.Actions {
		a, ok := act.(*recorder.FillString)
		if !ok {
			m, stack = replayTransform(m, stack, act)
			continue
		}
		if a.String == "" || a.Size <= 0 {
			continue
		}
		p := m.apply(a.Point)
		out = append(out, svgText{s: a.String, x: float64(p.X), y: float64(h - p.Y),
			angle: -math.Atan2(m.b, m.a) * 180 / math.Pi, size: float64(a.Size) * math.Hypot(m.a, m.b)})
	}
	return out, nil
}

// svgProblems renders a figure as SVG twice and returns what is wrong: the
// two differ, it does not parse, an element is mirrored, or a text is not
// where the recording canvas puts it (textProblems). It also returns the
// number of texts checked.
func svgProblems(build func() (*figure, error), set Figures) ([]string, int) {
	var docs [2][]byte
	for i := range docs {
		f, err := build()
		if err != nil {
			return []string{err.Error()}, 0
		}
		var b bytes.Buffer
		if err := render(&b, "svg", f, set); err != nil {
			return []string{err.Error()}, 0
		}
		docs[i] = b.Bytes()
	}
	if !bytes.Equal(docs[0], docs[1]) {
		return []string{"two renderings of the SVG differ"}, 0
	}
	f, err := build()
	if err != nil {
		return []string{err.Error()}, 0
	}
	w, h := f.size(set)
	want, err := recordedTexts(f, w, h)
	if err != nil {
		return []string{err.Error()}, 0
	}
	return append(svgFlips(docs[0]), textProblems(docs[0], want)...), len(want)
}

// textProblems compares the texts of an SVG document with where the
// recording canvas draws them: the same strings in the same order, each at
// its place, angle and size to the 0.005 the two decimals written allow.
func textProblems(doc []byte, want []svgText) []string {
	got, err := svgTexts(doc)
	if err != nil {
		return []string{err.Error()}
	}
	if len(got) != len(want) {
		return []string{fmt.Sprintf("%d texts in the SVG, %d drawn on the recording canvas", len(got), len(want))}
	}
	const tol = 0.005 + 1e-9 // half the last decimal written
	var out []string
	for i, g := range got {
		wt := want[i]
		if g.s != wt.s || math.Abs(g.x-wt.x) > tol || math.Abs(g.y-wt.y) > tol || math.Abs(g.angle-wt.angle) > tol || math.Abs(g.size-wt.size) > tol {
			out = append(out, fmt.Sprintf("text %d: SVG %+v, recorded %+v", i, g, wt))
		}
	}
	return out
}

// TestSVGTrialFigures: the trial's figures (the power curve and the
// Kaplan-Meier curves), which the layout tests do not draw, pass the same
// checks.
func TestSVGTrialFigures(t *testing.T) {
	r := trialRun(t, true)
	set := r.Figures.withDefaults()
	for name, build := range map[string]func() (*figure, error){
		"power_curve": func() (*figure, error) { return powerFigure(r, set) },
		"km":          func() (*figure, error) { return kmFigure(r, set) },
	} {
		problems, n := svgProblems(build, set)
		if n == 0 && len(problems) == 0 {
			t.Errorf("%s: no text checked", name)
		}
		for _, p := range problems {
			t.Errorf("%s.svg: %s", name, p)
		}
	}
}
