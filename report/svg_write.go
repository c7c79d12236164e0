package report

import (
	"image/color"
	"math"
	"strconv"
	"unicode/utf8"

	"gonum.org/v1/plot/vg"
)

// The pieces of an SVG document the SVG canvas writes: numbers, colours,
// transforms, path data and escaped text.

// affine2 is a 2-D affine transform: x' = a·x + c·y + e, y' = b·x + d·y + f
// (SVG's matrix(a b c d e f)).
type affine2 struct{ a, b, c, d, e, f float64 }

// identity2 is the transform that changes nothing.
var identity2 = affine2{a: 1, d: 1}

// then returns m·n: n applied first, then m.
func (m affine2) then(n affine2) affine2 {
	return affine2{m.a*n.a + m.c*n.b, m.b*n.a + m.d*n.b, m.a*n.c + m.c*n.d, m.b*n.c + m.d*n.d,
		m.a*n.e + m.c*n.f + m.e, m.b*n.e + m.d*n.f + m.f}
}

func (m affine2) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// scale is the factor by which m scales lengths (exact for a rotation and
// a uniform scale, the geometric mean of the two for any other).
func (m affine2) scale() float64 { return math.Sqrt(math.Abs(m.a*m.d - m.b*m.c)) }

// similar reports whether m is a rotation and a uniform scale, not mirrored.
func (m affine2) similar() bool {
	s := math.Hypot(m.a, m.b)
	return s > 0 && math.Abs(m.a-m.d) <= 1e-9*s && math.Abs(m.b+m.c) <= 1e-9*s
}

// svgDecimals is the number of decimals of every number written: 0.01 pt.
const svgDecimals = 2

// roundNum rounds v to svgDecimals decimals, with no negative zero.
func roundNum(v float64) float64 {
	r := math.Round(v*100) / 100
	if r == 0 {
		return 0
	}
	return r
}

// appendNum appends v with svgDecimals decimals, trailing zeros dropped:
// 12.5, 3, -0.25.
func appendNum(b []byte, v float64) []byte {
	b = strconv.AppendFloat(b, roundNum(v), 'f', svgDecimals, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return b
}

// appendColor appends c as #rrggbb.
func appendColor(b []byte, n color.NRGBA) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '#')
	for _, v := range []uint8{n.R, n.G, n.B} {
		b = append(b, hex[v>>4], hex[v&0xf])
	}
	return b
}

// appendOpacity appends `" attr="alpha` (closing the attribute before it)
// if c is translucent, nothing if it is opaque.
func appendOpacity(b []byte, attr string, c color.NRGBA) []byte {
	a := c.A
	if a == 0xff {
		return b
	}
	b = append(b, '"')
	b = append(b, attr...)
	b = append(b, `="`...)
	return strconv.AppendFloat(b, math.Round(float64(a)/0xff*1000)/1000, 'f', -1, 64)
}

// appendMatrix appends matrix(a b c d e f).
func appendMatrix(b []byte, m affine2) []byte {
	b = append(b, "matrix("...)
	for i, v := range []float64{m.a, m.b, m.c, m.d, m.e, m.f} {
		if i > 0 {
			b = append(b, ' ')
		}
		if i < 4 { // the linear part with more decimals: it multiplies
			b = strconv.AppendFloat(b, math.Round(v*1e6)/1e6+0, 'f', -1, 64)
		} else {
			b = appendNum(b, v)
		}
	}
	return append(b, ')')
}

// appendEscaped appends s as XML text or attribute value: &, <, > and "
// escaped, and what XML 1.0 does not allow (control characters, invalid
// UTF-8) replaced by U+FFFD.
func appendEscaped(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\t' || r == '\n' || r == '\r':
			b = append(b, ' ')
		case r < 0x20 || r == 0xfffe || r == 0xffff || (r >= 0xd800 && r < 0xe000):
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// appendPath appends p's path data in page coordinates: each point through
// the current transform, y measured down from the top.
func (c *svgCanvas) appendPath(b []byte, p vg.Path) []byte {
	m := c.state().m
	h := float64(c.h)
	point := func(b []byte, cmd byte, pt vg.Point) []byte {
		x, y := m.apply(float64(pt.X), float64(pt.Y))
		if cmd != 0 {
			b = append(b, cmd)
		} else {
			b = append(b, ' ')
		}
		b = appendNum(b, x)
		b = append(b, ' ')
		return appendNum(b, h-y)
	}
	var start, cur vg.Point
	open := false // a current point exists
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			b = point(b, 'M', comp.Pos)
			start, cur, open = comp.Pos, comp.Pos, true
		case vg.LineComp:
			if open {
				b = point(b, 'L', comp.Pos)
			} else {
				b = point(b, 'M', comp.Pos)
				start, open = comp.Pos, true
			}
			cur = comp.Pos
		case vg.ArcComp:
			from, curves := arcBeziers(comp)
			if !open {
				b = point(b, 'M', from)
				start, open = from, true
			} else if from != cur {
				b = point(b, 'L', from)
			}
			cur = from
			for _, cv := range curves {
				b = point(b, 'C', cv[0])
				b = point(b, 0, cv[1])
				b = point(b, 0, cv[2])
				cur = cv[2]
			}
		case vg.CurveComp:
			if !open {
				b = point(b, 'M', cur)
				start, open = cur, true
			}
			switch len(comp.Control) {
			case 1:
				b = point(b, 'Q', comp.Control[0])
			case 2:
				b = point(b, 'C', comp.Control[0])
				b = point(b, 0, comp.Control[1])
			default:
				panic("report: a curve with more than two control points")
			}
			b = point(b, 0, comp.Pos)
			cur = comp.Pos
		case vg.CloseComp:
			b = append(b, 'Z')
			cur = start
		default:
			panic("report: unknown path component " + strconv.Itoa(int(comp.Type)))
		}
	}
	return b
}

// arcBeziers returns the start of an arc (vg's ArcComp: centre Pos, Radius,
// from angle Start through Angle, counter-clockwise if positive) and the
// cubic Béziers, of at most a quarter turn each, that draw it: control
// points at 4/3·tan(θ/4) of the radius along the tangents, the standard
// construction (radial error under 3·10⁻⁴ of the radius for a quarter turn;
// Riškus, "Approximation of a cubic Bézier curve by circular arcs and vice
// versa", ITC 35(4), 2006). Each is {control 1, control 2, end}.
func arcBeziers(comp vg.PathComp) (vg.Point, [][3]vg.Point) {
	r := float64(comp.Radius)
	cx, cy := float64(comp.Pos.X), float64(comp.Pos.Y)
	at := func(x, y float64) vg.Point { return vg.Point{X: vg.Length(cx + r*x), Y: vg.Length(cy + r*y)} }
	n := max(1, int(math.Ceil(math.Abs(comp.Angle)/(math.Pi/2))))
	step := comp.Angle / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	a := comp.Start
	start := at(math.Cos(a), math.Sin(a))
	curves := make([][3]vg.Point, n)
	for i := range curves {
		b := a + step
		x0, y0 := math.Cos(a), math.Sin(a)
		x1, y1 := math.Cos(b), math.Sin(b)
		curves[i] = [3]vg.Point{at(x0-k*y0, y0+k*x0), at(x1+k*y1, y1-k*x1), at(x1, y1)}
		a = b
	}
	return start, curves
}
