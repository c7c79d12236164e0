package sim

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// Rates of the response model, per month.
const (
	respDeathRemission  = 0.02
	respDeathRefractory = 0.2
)

// responseModel: at time 0 a patient responds with probability p_resp
// (uncertainty unc) and dies at rate 0.02/month, or does not and dies at rate
// 0.2/month. OS(t) = p·e^(−0.02t) + (1 − p)·e^(−0.2t), increasing in p.
func responseModel(unc *model.Uncertainty) *model.Model {
	return &model.Model{Name: "response", Unit: model.Month, Horizon: 24, Landmarks: []float64{12},
		Parameters: []model.Parameter{{Name: "p_resp", Value: 0.45, Source: "test", Uncertainty: unc}},
		States: []model.State{
			{Name: "start", Initial: model.Num(1), Exits: []model.Exit{{Name: "response", Dist: model.DistSpec{Family: model.FamFixed, Duration: q(0)},
				Branch: []model.Destination{{To: "remission", Prob: model.Ref("p_resp")}, {To: "refractory", Rest: true}}}}},
			{Name: "remission", Exits: []model.Exit{expExit("dead", respDeathRemission)}},
			{Name: "refractory", Exits: []model.Exit{expExit("dead", respDeathRefractory)}},
			{Name: "dead"}}}
}

// responseOS is the exact OS(t) of responseModel for a response probability p.
func responseOS(p, t float64) float64 {
	return p*math.Exp(-respDeathRemission*t) + (1-p)*math.Exp(-respDeathRefractory*t)
}

// TestPSABandIsWiderThanMonteCarloAndShrinksWithCounts: with p_resp ~
// Beta(x, n − x), OS(12) is increasing in p, so its exact 2.5–97.5 percentile
// band across draws is OS(12) at p's 2.5 and 97.5 percentiles. For 29 of 64
// responders and for ten times the counts (290 of 640: same mean), each band
// limit from 400 draws lies within 4 SE of the exact one: the SE of a sample
// percentile, √(P(1−P)/draws)/density of OS(12) there, plus the Monte Carlo SE
// of one draw's OS(12), √(S(1−S)/patients). The band is wider than the Monte
// Carlo 95% interval of a single run, and the ratio of the two bands' widths is
// within 4 SE of its exact value, about √10 (the Beta's SD shrinks as
// 1/√(n+1)).
func TestPSABandIsWiderThanMonteCarloAndShrinksWithCounts(t *testing.T) {
	const draws, patients, tl = 400, 5000, 12.0
	slope := math.Exp(-respDeathRemission*tl) - math.Exp(-respDeathRefractory*tl) // dOS(12)/dp
	var widths, widthSEs [2]float64
	var exactWidths [2]float64
	for i, k := range []float64{1, 10} {
		unc := model.BetaFromCounts(29*k, 64*k)
		m := responseModel(&unc)
		psa, err := RunPSA(context.Background(), m, draws, Options{Patients: patients, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		band := psa.Endpoints[0].Landmarks[0].Band
		ses := map[string]float64{}
		for _, c := range []struct {
			name string
			got  float64
			p    float64
		}{{"lower", band.Lower, 0.025}, {"median", band.Median, 0.5}, {"upper", band.Upper, 0.975}} {
			q := unc.Quantile(c.p)
			s := responseOS(q, tl)
			density := math.Exp((unc.A-1)*math.Log(q)+(unc.B-1)*math.Log(1-q)-lbeta(unc.A, unc.B)) / slope
			se := math.Sqrt(c.p*(1-c.p)/draws)/density + math.Sqrt(s*(1-s)/patients)
			within(t, fmt.Sprintf("n = %g: OS(12) %s", 64*k, c.name), c.got, s, se, 4)
			ses[c.name] = se
		}
		widths[i] = band.Upper - band.Lower
		widthSEs[i] = ses["lower"] + ses["upper"]
		exactWidths[i] = responseOS(unc.Quantile(0.975), tl) - responseOS(unc.Quantile(0.025), tl)
		mc := mustRun(t, m, Options{Patients: patients, Seed: 5}).Endpoints[0].Landmarks[0]
		if mcWidth := mc.Upper - mc.Lower; !(widths[i] > mcWidth) {
			t.Errorf("n = %g: PSA band %.4f is not wider than the Monte Carlo interval %.4f", 64*k, widths[i], mcWidth)
		} else {
			t.Logf("n = %g: PSA band of OS(12) %.4f wide (exact %.4f), Monte Carlo 95%% interval %.4f (%.1f× narrower)",
				64*k, widths[i], exactWidths[i], mcWidth, widths[i]/mcWidth)
		}
	}
	ratio, exact := widths[0]/widths[1], exactWidths[0]/exactWidths[1]
	se := ratio * math.Hypot(widthSEs[0]/widths[0], widthSEs[1]/widths[1])
	within(t, "band width ratio n/10n", ratio, exact, se, 4)
	t.Logf("band width ratio n/10n = %.3f (exact %.3f, √10 = %.3f)", ratio, exact, math.Sqrt(10))
}

func lbeta(a, b float64) float64 { return lgamma(a) + lgamma(b) - lgamma(a+b) }

// dirichletResponse is responseModel with three arms (remission, partial,
// refractory) drawn jointly from Dirichlet(29, 10, 25), and a gamma death
// hazard in partial response.
func dirichletResponse() *model.Model {
	m := responseModel(nil)
	dir := func(name string, a float64) model.Parameter {
		return model.Parameter{Name: name, Value: a / 64, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncDirichlet, A: a, Group: "response"}}
	}
	m.Parameters = []model.Parameter{dir("p_resp", 29), dir("p_part", 10), dir("p_ref", 25),
		{Name: "h_part", Value: 0.08, Source: "test", Uncertainty: &model.Uncertainty{Family: model.UncGamma, A: 16, B: 200}}}
	m.States[0].Exits[0].Branch = []model.Destination{{To: "remission", Prob: model.Ref("p_resp")},
		{To: "partial", Prob: model.Ref("p_part")}, {To: "refractory", Prob: model.Ref("p_ref")}}
	m.States = append(m.States, model.State{Name: "partial", Exits: []model.Exit{{To: "dead",
		Dist: model.DistSpec{Family: model.FamExponential, Rate: &model.Quantity{Param: "h_part"}}}}})
	return m
}

// TestPSASameForAnyWorkers: every draw's parameters and figures, and every
// band, are bit-identical for 1 worker, for as many workers as draws (one
// draw each), and for more workers than draws (several per draw).
func TestPSASameForAnyWorkers(t *testing.T) {
	m := dirichletResponse()
	for _, draws := range []int{2, 7} {
		var want string
		for _, w := range []int{1, 3, 5} {
			psa, err := RunPSA(context.Background(), m, draws, Options{Patients: 9_000, Seed: 8, Workers: w})
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprintf("%+v", *psa)
			if w == 1 {
				want = got
				if s := psa.Samples[draws-1]; len(s.Values) != 4 || math.Abs(s.Values[0]+s.Values[1]+s.Values[2]-1) > 1e-15 {
					t.Errorf("draw %d: values %v, want a Dirichlet group summing to 1 and h_part", draws, s.Values)
				}
			} else if got != want {
				t.Errorf("%d draws: %d workers differ from 1 worker", draws, w)
			}
		}
	}
}
