package model

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Expr is a parsed arithmetic expression of parameters: a derived
// parameter's value, such as "q0 + (1 - q0) * c" or "expit(logit(p) + d)".
//
// The grammar is small and fixed (numbers, parameter names, + - * / ^,
// unary minus, parentheses and the functions of exprFuncs), so it is parsed
// here by recursive descent rather than with a general expression library
// such as expr-lang/expr: such a library accepts strings, lists, ternaries,
// closures and integer arithmetic that a model file must not, and it would
// take as much code to fence those off as this parser has. Evaluation is
// plain float64 arithmetic in Go, so a derived value equals the same
// expression computed in Go bit for bit, and evaluation allocates nothing.
type Expr struct {
	src  string
	root *exprNode
}

// exprNode is a node of the syntax tree.
type exprNode struct {
	op   byte // 'n' number, 'v' name, 'u' unary minus, 'f' call, or + - * / ^
	num  float64
	name string // a parameter's name, or a function's
	args []*exprNode
}

// exprFunc is a function an expression may call.
type exprFunc struct {
	arity int // -1: two or more
	f1    func(float64) float64
	fn    func(a, b float64) float64 // for min and max, folded over the arguments
}

// exprFuncs are the functions of expressions.
var exprFuncs = map[string]exprFunc{
	"exp":   {arity: 1, f1: math.Exp},
	"log":   {arity: 1, f1: math.Log},
	"sqrt":  {arity: 1, f1: math.Sqrt},
	"logit": {arity: 1, f1: func(p float64) float64 { return math.Log(p / (1 - p)) }},
	"expit": {arity: 1, f1: func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }},
	"min":   {arity: -1, fn: math.Min},
	"max":   {arity: -1, fn: math.Max},
}

// ExprFunctions lists the functions an expression may call, for messages.
func ExprFunctions() []string {
	out := make([]string, 0, len(exprFuncs))
	for k := range exprFuncs {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// ExprError is an expression that cannot be read: what is wrong and at which
// character (from 1).
type ExprError struct {
	Src string
	Col int
	Msg string
}

func (e *ExprError) Error() string {
	return fmt.Sprintf("expression %q, at character %d: %s", e.Src, e.Col, e.Msg)
}

// ParseExpr reads an expression. Errors are *ExprError: a syntax error, an
// unknown function, a function called with the wrong number of arguments, or
// a function's name used as a value (the type errors of this grammar).
func ParseExpr(src string) (*Expr, error) {
	p := &exprParser{src: src}
	p.next()
	root := p.sum()
	if p.err == nil && p.tok != tokEOF {
		p.fail("unexpected %s after a complete expression", p.describe())
	}
	if p.err != nil {
		return nil, p.err
	}
	return &Expr{src: src, root: root}, nil
}

// String returns the expression as written.
func (e *Expr) String() string { return e.src }

// Names returns the parameters the expression refers to, sorted, each once.
func (e *Expr) Names() []string {
	var out []string
	var walk func(n *exprNode)
	walk = func(n *exprNode) {
		if n.op == 'v' {
			out = append(out, n.name)
		}
		for _, a := range n.args {
			walk(a)
		}
	}
	walk(e.root)
	slices.Sort(out)
	return slices.Compact(out)
}

// Eval evaluates the expression with the parameters' values in v; a name
// missing from v is NaN. Domain errors give NaN or ±Inf as Go's math does
// (log of a negative number is NaN), for the caller to reject.
func (e *Expr) Eval(v Values) float64 { return e.root.eval(v) }

func (n *exprNode) eval(v Values) float64 {
	switch n.op {
	case 'n':
		return n.num
	case 'v':
		x, ok := v[n.name]
		if !ok {
			return math.NaN()
		}
		return x
	case 'u':
		return -n.args[0].eval(v)
	case 'f':
		f := exprFuncs[n.name]
		if f.f1 != nil {
			return f.f1(n.args[0].eval(v))
		}
		acc := n.args[0].eval(v)
		for _, a := range n.args[1:] {
			acc = f.fn(acc, a.eval(v))
		}
		return acc
	}
	a, b := n.args[0].eval(v), n.args[1].eval(v)
	switch n.op {
	case '+':
		return a + b
	case '-':
		return a - b
	case '*':
		return a * b
	case '/':
		return a / b
	}
	return math.Pow(a, b) // '^'
}

// Tokens of the expression lexer.
const (
	tokEOF = iota
	tokNum
	tokName
	tokOp // one of + - * / ^ ( ) ,
)

// exprParser is a recursive-descent parser of
//
//	sum     = product { ("+" | "-") product }
//	product = unary { ("*" | "/") unary }
//	unary   = ("-" | "+") unary | power
//	power   = primary [ ("^" | "**") unary ]     (right-associative: 2^3^2 = 2^9)
//	primary = number | name | name "(" sum { "," sum } ")" | "(" sum ")"
//
// so that -2^2 = -(2^2), as in R and in mathematics.
type exprParser struct {
	src      string
	pos      int // next byte to read
	tok      int
	tokStart int
	text     string
	num      float64
	err      *ExprError
}

func (p *exprParser) fail(format string, args ...any) {
	if p.err == nil {
		p.err = &ExprError{Src: p.src, Col: p.tokStart + 1, Msg: fmt.Sprintf(format, args...)}
	}
}

func (p *exprParser) describe() string {
	switch p.tok {
	case tokEOF:
		return "end of expression"
	case tokNum:
		return "number " + p.text
	case tokName:
		return "name " + strconv.Quote(p.text)
	}
	return strconv.Quote(p.text)
}

// next reads the next token.
func (p *exprParser) next() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
	p.tokStart = p.pos
	if p.pos >= len(p.src) {
		p.tok, p.text = tokEOF, ""
		return
	}
	c := p.src[p.pos]
	switch {
	case c >= '0' && c <= '9' || c == '.':
		end := p.pos
		for end < len(p.src) && (isDigit(p.src[end]) || p.src[end] == '.') {
			end++
		}
		if end < len(p.src) && (p.src[end] == 'e' || p.src[end] == 'E') {
			e := end + 1
			if e < len(p.src) && (p.src[e] == '+' || p.src[e] == '-') {
				e++
			}
			if e < len(p.src) && isDigit(p.src[e]) {
				for e < len(p.src) && isDigit(p.src[e]) {
					e++
				}
				end = e
			}
		}
		p.tok, p.text = tokNum, p.src[p.pos:end]
		p.pos = end
		x, err := strconv.ParseFloat(p.text, 64)
		if err != nil {
			p.fail("%q is not a number", p.text)
		}
		p.num = x
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_':
		end := p.pos
		for end < len(p.src) && (isDigit(p.src[end]) || p.src[end] == '_' || p.src[end] >= 'a' && p.src[end] <= 'z' || p.src[end] >= 'A' && p.src[end] <= 'Z') {
			end++
		}
		p.tok, p.text = tokName, p.src[p.pos:end]
		p.pos = end
	case c == '*' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '*':
		p.tok, p.text = tokOp, "^"
		p.pos += 2
	case strings.IndexByte("+-*/^(),", c) >= 0:
		p.tok, p.text = tokOp, string(c)
		p.pos++
	default:
		p.tok, p.text = tokOp, string(c)
		p.fail("unexpected character %q (allowed: numbers, parameter names, + - * / ^, parentheses and %s)", c, strings.Join(ExprFunctions(), ", "))
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (p *exprParser) isOp(s string) bool { return p.tok == tokOp && p.text == s }

func (p *exprParser) sum() *exprNode {
	n := p.product()
	for p.err == nil && (p.isOp("+") || p.isOp("-")) {
		op := p.text[0]
		p.next()
		n = &exprNode{op: op, args: []*exprNode{n, p.product()}}
	}
	return n
}

func (p *exprParser) product() *exprNode {
	n := p.unary()
	for p.err == nil && (p.isOp("*") || p.isOp("/")) {
		op := p.text[0]
		p.next()
		n = &exprNode{op: op, args: []*exprNode{n, p.unary()}}
	}
	return n
}

func (p *exprParser) unary() *exprNode {
	switch {
	case p.isOp("-"):
		p.next()
		return &exprNode{op: 'u', args: []*exprNode{p.unary()}}
	case p.isOp("+"):
		p.next()
		return p.unary()
	}
	n := p.primary()
	if p.err == nil && p.isOp("^") {
		p.next()
		n = &exprNode{op: '^', args: []*exprNode{n, p.unary()}}
	}
	return n
}

func (p *exprParser) primary() *exprNode {
	if p.err != nil {
		return &exprNode{op: 'n'}
	}
	switch {
	case p.tok == tokNum:
		n := &exprNode{op: 'n', num: p.num}
		p.next()
		return n
	case p.isOp("("):
		p.next()
		n := p.sum()
		if p.err == nil && !p.isOp(")") {
			p.fail("expected \")\", found %s", p.describe())
		}
		p.next()
		return n
	case p.tok == tokName:
		name, at := p.text, p.tokStart
		p.next()
		f, isFunc := exprFuncs[name]
		if !p.isOp("(") {
			if isFunc {
				p.tokStart = at
				p.fail("%s is a function: call it as %s(...)", name, name)
			}
			return &exprNode{op: 'v', name: name}
		}
		if !isFunc {
			p.tokStart = at
			p.fail("unknown function %q (allowed: %s)", name, strings.Join(ExprFunctions(), ", "))
			return &exprNode{op: 'n'}
		}
		p.next()
		n := &exprNode{op: 'f', name: name, args: []*exprNode{p.sum()}}
		for p.err == nil && p.isOp(",") {
			p.next()
			n.args = append(n.args, p.sum())
		}
		if p.err == nil && !p.isOp(")") {
			p.fail("expected \",\" or \")\" in the call of %s, found %s", name, p.describe())
		}
		switch {
		case p.err != nil:
		case f.arity == 1 && len(n.args) != 1:
			p.fail("%s takes one argument (got %d)", name, len(n.args))
		case f.arity < 0 && len(n.args) < 2:
			p.fail("%s takes two or more arguments (got %d)", name, len(n.args))
		}
		p.next()
		return n
	}
	p.fail("expected a number, a parameter name or \"(\", found %s", p.describe())
	return &exprNode{op: 'n'}
}
