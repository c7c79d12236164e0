package sim

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/blinasim/blinasim/model"
)

// rGoldenFile is R's output on testdata/r/intervals/patients.csv (testdata/r/intervals/survfit.R).
const rGoldenFile = "testdata/r/intervals/golden.csv"

// rRow is one row of the R goldens.
type rRow struct {
	run, endpoint, estimator, data string
	k                              int // grid index; -1 for a median
	time, est, se, lo, hi          float64
}

func readRGolden(t *testing.T) []rRow {
	t.Helper()
	f, err := os.Open(filepath.FromSlash(rGoldenFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	num := func(s string) float64 {
		if s == "NA" {
			return math.NaN()
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%s: %v", rGoldenFile, err)
		}
		return x
	}
	var rows []rRow
	for _, r := range recs[1:] {
		k := -1
		if r[4] != "NA" {
			k = int(num(r[4]))
		}
		rows = append(rows, rRow{run: r[0], endpoint: r[1], estimator: r[2], data: r[3], k: k,
			time: num(r[5]), est: num(r[6]), se: num(r[7]), lo: num(r[8]), hi: num(r[9])})
	}
	return rows
}

// TestIntervalsMatchR: on the same simulated patients (TestRData), the
// production estimator (simulate, then estimate) gives R's values:
//
//   - Kaplan-Meier S(t), its Greenwood SE and the log-log bounds equal
//     survfit(conf.type = "log-log") on the binned times (each time moved to
//     the end of its fine bin) at every compared grid time, to 1e-9; where R
//     has no interval (S = 1 after time 0) blinasim's is the exact no-event
//     bound; the median and its interval are within one fine bin of
//     quantile(fit, 0.5) (blinasim interpolates within the bin; survfit
//     takes a bin's end, or the midpoint of a flat exactly at 0.5);
//   - Aalen-Johansen F(t), its delta-method SE and log(−log) bounds equal
//     survfit's multi-state estimate (infinitesimal-jackknife SE) to 1e-9,
//     and F(t) equals cmprsk's cuminc;
//   - the same against R on the exact times, wherever no fine bin holds both
//     a censoring and an event (always so for endpoints that start at time 0,
//     censored only at the horizon; so far also for those that start later):
//     within a bin without censoring, the Kaplan-Meier factors and the
//     Greenwood terms of its single events telescope to the bin's,
//     Π(1 − 1/(n−i)) = 1 − d/n and Σ 1/((n−i)(n−i−1)) = d/(n(n−d)).
//     Elsewhere the difference from exact times is logged.
func TestIntervalsMatchR(t *testing.T) {
	const tol = 1e-9
	rows := readRGolden(t)
	for _, run := range rRuns {
		_, l, r, obs, _ := rRun(t, run.patients, run.seed)
		maxLate := 0.0 // largest |blinasim − survfit on exact times| where binning changes the order of times
		compared, noEvent := 0, 0
		for _, g := range rows {
			if g.run != run.name {
				continue
			}
			e := endpointIdx(r, g.endpoint)
			ep := r.Endpoints[e]
			exact := g.data == "exact"
			switch g.estimator {
			case "survfit", "cuminc":
				got := ep.Curve[g.k]
				if g.estimator == "cuminc" && math.IsNaN(g.est) {
					continue // cuminc's timepoints gives NA past the last observed time
				}
				if exact && sharesBin(obs, e, l) {
					maxLate = math.Max(maxLate, math.Abs(got.Value-g.est))
					continue
				}
				check := func(what string, x, want float64) {
					compared++
					if !(math.Abs(x-want) <= tol) {
						t.Errorf("%s %s %s (%s) at t = %g: %s %.12g, R %.12g", run.name, g.endpoint, g.estimator, g.data, r.Grid[g.k], what, x, want)
					}
				}
				check("estimate", got.Value, g.est)
				if g.estimator == "cuminc" {
					continue
				}
				check("SE", got.SE, g.se)
				if g.k > 0 && g.est == float64(1-ep.Kind) { // S = 1 (F = 0) after time 0: R gives [1, 1] ([0, 0])
					// The exact bound for no event among those followed
					// through t (the risk set at t, less no events).
					n := int64(math.Round(ep.AtRisk[g.k] * float64(ep.N)))
					want := Estimate{Value: 1, Lower: 1 - NoEventBound(n), Upper: 1}
					if ep.Kind == model.Incidence {
						want = Estimate{Value: 0, Lower: 0, Upper: NoEventBound(n)}
					}
					if got.Value != want.Value || math.Abs(got.Lower-want.Lower) > tol || math.Abs(got.Upper-want.Upper) > tol {
						t.Errorf("%s %s at t = %g: R has no interval; blinasim %v ± [%v, %v], want the no-event bound of %d: [%v, %v]",
							run.name, g.endpoint, r.Grid[g.k], got.Value, got.Lower, got.Upper, n, want.Lower, want.Upper)
					}
					noEvent++
					continue
				}
				check("lower", got.Lower, g.lo)
				check("upper", got.Upper, g.hi)
			case "survfit-median":
				if exact {
					continue
				}
				for _, c := range []struct {
					what      string
					got, want float64
				}{{"median", ep.Median.Value, g.est}, {"lower", ep.Median.Lower, g.lo}, {"upper", ep.Median.Upper, g.hi}} {
					compared++
					if math.IsNaN(c.want) {
						if !math.IsInf(c.got, 1) {
							t.Errorf("%s %s: %s %v, R: not reached", run.name, g.endpoint, c.what, c.got)
						}
						continue
					}
					// R's value is in bin edges. Where the curve is exactly 0.5
					// on a flat, R takes the flat's midpoint and blinasim its
					// start; otherwise R takes the end of the bin blinasim
					// interpolates in.
					want := c.want * l.binW
					ok := c.got <= want+1e-9 && want-c.got <= l.binW*(1+1e-9)
					if start := math.Round(c.got / l.binW); !ok && c.what == "median" && math.Abs(c.got/l.binW-start) < 1e-9 {
						next := nextEvent(obs, e, l, int(start))
						ok = math.Abs(c.want-(start+float64(next))/2) < 1e-9 // R's midpoint of the flat
					}
					if !ok {
						t.Errorf("%s %s: median %s %v, R %v (want within one bin of %v below)", run.name, g.endpoint, c.what, c.got, want, l.binW)
					}
				}
			}
		}
		t.Logf("%s: %d values equal R's within %g; %d rows where R's interval is [1, 1] (S = 1) or [0, 0] (F = 0) after time 0 have the no-event bound; where a bin holds both a censoring and an event, largest |S or F − survfit on exact times| = %.2g",
			run.name, compared, tol, noEvent, maxLate)
		if compared < 500 {
			t.Errorf("%s: only %d values compared", run.name, compared)
		}
	}
}

// sharesBin says whether some fine bin of endpoint k holds both a censoring
// and an event or competing event: binning then puts the censoring after the
// event even if it came first, and only then can the estimator differ from
// survfit on the exact times (with censoring only at the horizon, never).
func sharesBin(obs [][]observation, k int, l *layout) bool {
	cens, ev := map[int]bool{}, map[int]bool{}
	for _, po := range obs {
		if o := po[k]; o.started && o.time > 0 {
			if o.status == 0 {
				cens[l.bin(o.time)] = true
			} else {
				ev[l.bin(o.time)] = true
			}
		}
	}
	for b := range cens {
		if ev[b] {
			return true
		}
	}
	return false
}

// nextEvent returns the first bin edge after edge at which some patient has
// endpoint k's event.
func nextEvent(obs [][]observation, k int, l *layout, edge int) int {
	next := math.MaxInt
	for _, po := range obs {
		if o := po[k]; o.started && o.status == 1 && o.time > 0 {
			if b := l.bin(o.time) + 1; b > edge && b < next {
				next = b
			}
		}
	}
	return next
}

// TestStepMedianMatchesR: StepMedian on the Kaplan-Meier step curve of the
// binned times (the production kaplanMeier on the run's histograms, at every
// bin edge up to the last observed time, in bin units) gives survfit's
// quantile(fit, 0.5) exactly: median and limits, flats at 0.5 and medians
// never reached included.
func TestStepMedianMatchesR(t *testing.T) {
	rows := readRGolden(t)
	compared := 0
	for _, run := range rRuns {
		p, l, r, obs, acc := rRun(t, run.patients, run.seed)
		for _, g := range rows {
			if g.run != run.name || g.estimator != "survfit-median" || g.data != "binned" {
				continue
			}
			k := endpointIdx(r, g.endpoint)
			lo, hi := k*l.nBins, (k+1)*l.nBins
			c := kaplanMeier(acc.started[k], acc.ev0[k], acc.ev[lo:hi], acc.cens[lo:hi], l.binW, p.horizon, p.horizon)
			last := 0 // survfit's last time: the largest observed edge
			for _, po := range obs {
				if o := po[k]; o.started && o.time > 0 {
					last = max(last, l.bin(o.time)+1)
				}
			}
			edges := make([]float64, last+1)
			for j := range edges {
				edges[j] = float64(j)
			}
			got := StepMedian(edges, c.val[:last+1], c.lo[:last+1], c.hi[:last+1])
			for _, v := range []struct {
				what      string
				got, want float64
			}{{"median", got.Value, g.est}, {"lower", got.Lower, g.lo}, {"upper", got.Upper, g.hi}} {
				compared++
				if math.IsNaN(v.want) && !math.IsInf(v.got, 1) || !math.IsNaN(v.want) && v.got != v.want {
					t.Errorf("%s %s: %s %v, R %v", run.name, g.endpoint, v.what, v.got, v.want)
				}
			}
		}
	}
	if compared != 18 {
		t.Errorf("compared %d values, want 3 for each of 3 survival endpoints in 2 runs", compared)
	}
}
