package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

func band(m, lo, hi float64) sim.Band { return sim.Band{Median: m, Lower: lo, Upper: hi} }

// TestPSACSVAndMarkdown: psa.csv has the curve on the grid, the landmarks, the
// median and the RMST of each endpoint as median and percentile band, and
// summary.md says what the bands are.
func TestPSACSVAndMarkdown(t *testing.T) {
	r := &sim.Result{Model: "m", Scenario: "m", Unit: model.Month, Horizon: 12, Grid: []float64{0, 12}}
	p := &sim.PSA{Draws: 50, Endpoints: []sim.PSAEndpoint{{Name: "os", Kind: model.Survival,
		Curve:     []sim.Band{band(1, 1, 1), band(0.4, 0.3, 0.5)},
		Landmarks: []sim.PSALandmark{{Time: 12, Band: band(0.4, 0.3, 0.5)}},
		Median:    band(9.5, 7, 12), RMST: band(8, 7, 9)}}}
	var b bytes.Buffer
	if err := writePSACSV(&b, []*sim.Result{r}, []*sim.PSA{p}); err != nil {
		t.Fatal(err)
	}
	want := "scenario,endpoint,kind,measure,time,median,lower,upper\n" +
		"m,os,survival,curve,0,1,1,1\nm,os,survival,curve,12,0.4,0.3,0.5\n" +
		"m,os,survival,landmark,12,0.4,0.3,0.5\nm,os,survival,median,NA,9.5,7,12\nm,os,survival,rmst,NA,8,7,9\n"
	if b.String() != want {
		t.Errorf("psa.csv:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	writePSAMarkdown(&b, psaSummaries([]*sim.Result{r}, []*sim.PSA{p}), "month")
	for _, s := range []string{"## Parameter uncertainty: m (50 draws)", "| `os` | 9.50 (7.00–12.00) | 40.0% (30.0–50.0) | 8.00 (7.00–9.00) |", "2.5–97.5 percentile band"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("summary.md lacks %q:\n%s", s, b.String())
		}
	}
	if got := psaResults([]*sim.Result{r}, []*sim.PSA{p})[0].Endpoints[0].Curve[1]; got.Value != 0.4 || got.Lower != 0.3 || got.Upper != 0.5 {
		t.Errorf("figure curve %+v", got)
	}
}
