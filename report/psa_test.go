package report

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

func band(m, lo, hi float64) sim.Band { return sim.Band{Median: m, Lower: lo, Upper: hi} }

// TestPSACSVAndMarkdown: psa_bands.csv has the curve on the grid, the
// landmarks, the median and the RMST of each endpoint as median and
// percentile band, and summary.md says what the bands are.
func TestPSACSVAndMarkdown(t *testing.T) {
	r := &sim.Result{Model: "m", Scenario: "m", Unit: model.Month, Horizon: 12, Grid: []float64{0, 12}}
	p := &sim.PSA{Draws: 50, Endpoints: []sim.PSAEndpoint{{Name: "os", Kind: model.Survival,
		Curve:     []sim.Band{band(1, 1, 1), band(0.4, 0.3, 0.5)},
		Landmarks: []sim.PSALandmark{{Time: 12, Band: band(0.4, 0.3, 0.5)}},
		Median:    band(9.5, 7, 12), RMST: band(8, 7, 9)}}}
	var b bytes.Buffer
	if err := writePSABandsCSV(&b, []*sim.Result{r}, []*sim.PSA{p}, followUp{}); err != nil {
		t.Fatal(err)
	}
	want := "scenario,endpoint,kind,measure,time,median,lower,upper,past_followup\n" +
		"m,os,survival,curve,0,1,1,1,FALSE\nm,os,survival,curve,12,0.4,0.3,0.5,FALSE\n" +
		"m,os,survival,landmark,12,0.4,0.3,0.5,FALSE\nm,os,survival,median,NA,9.5,7,12,FALSE\nm,os,survival,rmst,12,8,7,9,FALSE\n"
	if b.String() != want {
		t.Errorf("psa_bands.csv:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	writePSAMarkdown(&b, psaSummaries([]*sim.Result{r}, []*sim.PSA{p}, followUp{}), "month")
	for _, s := range []string{"## Parameter uncertainty: m (50 draws)", "| `os` | 9.50 (7.00–12.00) | 40.0% (30.0–50.0) | 8.00 (7.00–9.00) |", "2.5–97.5 percentile band"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("summary.md lacks %q:\n%s", s, b.String())
		}
	}
	if got := psaResults([]*sim.Result{r}, []*sim.PSA{p})[0].Endpoints[0].Curve[1]; got.Value != 0.4 || got.Lower != 0.3 || got.Upper != 0.5 {
		t.Errorf("figure curve %+v", got)
	}
}

// TestPSADrawsCSV: psa.csv has one row per scenario and draw: the drawn
// parameters by name, then each endpoint's median, RMST and landmarks; a
// parameter or endpoint a scenario lacks is NA, as is a median never reached.
func TestPSADrawsCSV(t *testing.T) {
	res := []*sim.Result{{Scenario: "base"}, {Scenario: "cart"}}
	lm := func(ts ...float64) []sim.PSALandmark {
		var out []sim.PSALandmark
		for _, t := range ts {
			out = append(out, sim.PSALandmark{Time: t})
		}
		return out
	}
	os := sim.PSAEndpoint{Name: "os", Kind: model.Survival, Landmarks: lm(12, 0.5)}
	cir := sim.PSAEndpoint{Name: "cir", Kind: model.Incidence, Landmarks: lm(12, 0.5)}
	base := &sim.PSA{Draws: 2, Parameters: []string{"p_cr", "h_relapse"}, Endpoints: []sim.PSAEndpoint{os},
		Samples: []sim.PSASample{
			{Values: []float64{0.45, 0.28}, Endpoints: []sim.DrawFigures{{Median: 8.5, RMST: 20.25, Landmarks: []float64{0.36, 0.9}}}},
			{Values: []float64{0.5, 0.3}, Endpoints: []sim.DrawFigures{{Median: math.Inf(1), RMST: 30, Landmarks: []float64{0.6, 0.95}}}}}}
	cart := &sim.PSA{Draws: 1, Parameters: []string{"p_cr", "p_cart"}, Endpoints: []sim.PSAEndpoint{os, cir},
		Samples: []sim.PSASample{{Values: []float64{0.45, 0.8}, Endpoints: []sim.DrawFigures{
			{Median: 10, RMST: 25, Landmarks: []float64{0.4, 0.91}}, {Median: math.NaN(), RMST: 2, Landmarks: []float64{0.1, 0.01}}}}}}
	var b bytes.Buffer
	if err := writePSADrawsCSV(&b, res, []*sim.PSA{base, cart}); err != nil {
		t.Fatal(err)
	}
	want := "scenario,draw,p_cr,h_relapse,p_cart,os_median,os_rmst,os_at_12,os_at_0.5,cir_median,cir_rmst,cir_at_12,cir_at_0.5\n" +
		"base,1,0.45,0.28,NA,8.5,20.25,0.36,0.9,NA,NA,NA,NA\n" +
		"base,2,0.5,0.3,NA,NA,30,0.6,0.95,NA,NA,NA,NA\n" +
		"cart,1,0.45,NA,0.8,10,25,0.4,0.91,NA,2,0.1,0.01\n"
	if b.String() != want {
		t.Errorf("psa.csv:\n%s\nwant:\n%s", b.String(), want)
	}
	for _, c := range []struct {
		t    float64
		want string
	}{{12, "12"}, {1.0 / 3, "0.333333"}, {1e6, "1000000"}, {2.5e-7, "0.00000025"}} {
		if got := columnTime(c.t); got != c.want {
			t.Errorf("columnTime(%v) = %q, want %q", c.t, got, c.want)
		}
	}
}

// TestPSABandsPastFollowUp: with os followed to 12 months (cohort 10, 7.5
// expected at risk), psa_bands.csv marks the curve point at 18 past follow-up
// (its values kept, as survival.csv does) and writes the RMST to τ = 18 as
// NA, past follow-up, as summary.json's PSA section has it.
func TestPSABandsPastFollowUp(t *testing.T) {
	r := testResult()
	p := &sim.PSA{Draws: 50, Endpoints: []sim.PSAEndpoint{{Name: "os", Kind: model.Survival,
		Curve:     []sim.Band{band(1, 1, 1), band(0.9, 0.8, 0.95), band(0.8, 0.7, 0.9), band(0.7, 0.6, 0.8)},
		Landmarks: []sim.PSALandmark{{Time: 12, Band: band(0.8, 0.7, 0.9)}},
		Median:    band(math.Inf(1), 16, math.Inf(1)), RMST: band(15, 14, 16)}}}
	var b bytes.Buffer
	if err := writePSABandsCSV(&b, []*sim.Result{r}, []*sim.PSA{p}, followUp{cohort: 10, minAtRisk: 7.5}); err != nil {
		t.Fatal(err)
	}
	want := "scenario,endpoint,kind,measure,time,median,lower,upper,past_followup\n" +
		"base,os,survival,curve,0,1,1,1,FALSE\nbase,os,survival,curve,6,0.9,0.8,0.95,FALSE\n" +
		"base,os,survival,curve,12,0.8,0.7,0.9,FALSE\nbase,os,survival,curve,18,0.7,0.6,0.8,TRUE\n" +
		"base,os,survival,landmark,12,0.8,0.7,0.9,FALSE\nbase,os,survival,median,NA,NA,16,NA,FALSE\n" +
		"base,os,survival,rmst,18,NA,NA,NA,TRUE\n"
	if b.String() != want {
		t.Errorf("psa_bands.csv:\n%s\nwant:\n%s", b.String(), want)
	}
}
