package report

import (
	"fmt"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestTornadoGrowsWithItsRows: a tornado keeps the set height while its rows
// fit, grows with them (wrapped titles, never cut) up to maxFigureHeight,
// and past that shows the rows that fit, says so in its legend and warns,
// naming --top.
func TestTornadoGrowsWithItsRows(t *testing.T) {
	const (
		three = "Durable share after a second allogeneic transplant (adults)" // three lines in two fifths of a column, as the shipped titles at most
		four  = "Durable share after a second allogeneic transplant, adults, with a long qualifier"
	)
	set := Figures{}.withDefaults()
	for _, tc := range []struct {
		name       string
		title      string
		rows, top  int
		grown      bool // taller than the set height
		shown      int  // -1: fewer than asked for
		legendNote string
	}{
		{"5 rows", three, 5, 0, false, 5, ""},
		{"14 rows", three, 14, 0, true, 14, ""},
		{"20 rows, default top", three, 20, 0, true, defaultTornadoRows, "Top 15 of 20 parameters"},
		{"20 rows of four lines, --top 20", four, 20, 20, true, -1, "of 20 parameters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			titles := map[string]string{}
			for i := range tc.rows {
				titles[fmt.Sprintf("p%d", i)] = tc.title
			}
			ow := testOneWay(tc.rows)
			s := set
			s.Top = tc.top
			f, shown, err := tornado(ow, titles, "os: survival at 12 months", "A title", "A caption.", s)
			if err != nil {
				t.Fatal(err)
			}
			_, h := f.size(set)
			if grown := h > set.Height; grown != tc.grown || h > maxFigureHeight {
				t.Errorf("height %s, set %s: grown %v, want %v, and at most %s", formatMM(h), formatMM(set.Height), grown, tc.grown, formatMM(maxFigureHeight))
			}
			rows := f.plot.Y.Tick.Marker.(rowTicker)
			if len(rows) != shown || tc.shown >= 0 && shown != tc.shown || tc.shown < 0 && shown >= tc.rows {
				t.Errorf("%d rows drawn, %d shown, want %d", len(rows), shown, tc.shown)
			}
			for _, r := range rows {
				if strings.Contains(r, "…") || strings.Join(strings.Fields(r), " ") != tc.title {
					t.Errorf("row label %q, want the title whole", r)
				}
			}
			l, err := f.layout(recordingCanvas(f.size(set)))
			if err != nil {
				t.Fatal(err)
			}
			lines := len(wrapAll(tc.title, f.plot.Y.Tick.Label, tornadoLabelShare*set.Width))
			if per := l.data.Size().Y / vg.Length(len(rows)); per < rowHeight(lines, f.style) {
				t.Errorf("a row %v high, want at least %v for %d lines", per, rowHeight(lines, f.style), lines)
			}
			note := labels(f.legend)
			if got := strings.Join(note, "; "); tc.legendNote != "" && !strings.Contains(got, tc.legendNote) || tc.legendNote == "" && strings.Contains(got, "Top") {
				t.Errorf("legend %q, want %q", got, tc.legendNote)
			}
			msg := tornadoWarning(ow, shown, s)
			if fewer := tc.top == 20; fewer != (msg != "") || fewer && !strings.Contains(msg, fmt.Sprintf("--top %d", shown)) {
				t.Errorf("warning %q", msg)
			}
			t.Logf("%d of %d rows on %s × %s", shown, tc.rows, formatMM(set.Width), formatMM(h))
		})
	}
}

// TestTornadoTooLongToDraw: a title too long for a row of any figure up to
// maxFigureHeight is an error that names the options (the write leaves the
// tornado out with it as a warning, and writes the rest).
func TestTornadoTooLongToDraw(t *testing.T) {
	ow := testOneWay(2)
	titles := map[string]string{"p0": strings.Repeat("A very long parameter title ", 80), "p1": "Short"}
	_, _, err := tornado(ow, titles, "os: survival at 12 months", "", "", Figures{})
	if err == nil || !strings.Contains(err.Error(), "--fig-width") || !strings.Contains(err.Error(), "--font-size") {
		t.Errorf("error %v, want one naming --fig-width and --font-size", err)
	}
}
