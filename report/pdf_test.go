package report

import (
	"bytes"
	"compress/zlib"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// nonASCII is a label with the characters the figures use beyond ASCII.
const nonASCII = "Relapse-free survival – months since CR/CRh, ≥ 1 × dose…"

// testPDF draws nonASCII and a translucent blue square on a PDF canvas.
func testPDF(t *testing.T) []byte {
	t.Helper()
	c := newPDFCanvas(100*vg.Millimeter, 40*vg.Millimeter)
	dc := draw.New(c)
	dc.SetColor(withAlpha(palette[0], 0x33))
	dc.Fill(vg.Path{{Type: vg.MoveComp, Pos: vg.Point{X: 10, Y: 10}}, {Type: vg.LineComp, Pos: vg.Point{X: 50, Y: 10}},
		{Type: vg.LineComp, Pos: vg.Point{X: 50, Y: 50}}, {Type: vg.CloseComp}})
	sty := newStyle(defaultFontSize).body()
	dc.FillText(sty, vg.Point{X: 5, Y: 80}, nonASCII)
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPDFText: the PDF's text extracts as written (gonum/plot's vgpdf gave
// mojibake for every non-ASCII character), through the ToUnicode map, with
// poppler's pdftotext (rsc.io/pdf reads no two-byte Identity-H text).
func TestPDFText(t *testing.T) {
	raw := testPDF(t)
	if !bytes.Contains(raw, []byte("/ToUnicode")) {
		t.Error("the font has no ToUnicode map")
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is missing: apt-get install poppler-utils")
	}
	cmd := exec.Command(tool, "-", "-")
	cmd.Stdin = bytes.NewReader(raw)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), nonASCII) {
		t.Errorf("pdftotext extracts %q, want %q", out, nonASCII)
	}
}

// TestPDFAlpha: a translucent fill keeps its colour (0072b2 at 20%), not
// the premultiplied dark grey vgpdf wrote.
func TestPDFAlpha(t *testing.T) {
	content := pdfStreams(t, testPDF(t))
	if !strings.Contains(content, "0.000 0.447 0.698 rg") {
		t.Errorf("no fill in Okabe-Ito blue (0 0.447 0.698 rg) in the page:\n%s", content)
	}
	if !regexp.MustCompile(`/ca 0\.2`).Match(testPDF(t)) {
		t.Error("no graphics state with fill opacity 0.2")
	}
}

// TestPDFFontSubset: the font is embedded as a subset, a small fraction of
// Liberation Sans (~300 KB whole).
func TestPDFFontSubset(t *testing.T) {
	raw := testPDF(t)
	if len(raw) > 40_000 {
		t.Errorf("a PDF with one line of text is %d bytes: the font is not subset", len(raw))
	}
}

// pdfStreams returns the PDF's inflated streams, concatenated.
func pdfStreams(t *testing.T, raw []byte) string {
	t.Helper()
	var out strings.Builder
	re := regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)
	for _, m := range re.FindAllSubmatch(raw, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			out.Write(m[1])
			continue
		}
		b, _ := io.ReadAll(r)
		out.Write(b)
	}
	return out.String()
}
