package sim

import (
	"bufio"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the exported trials in testdata/r and R's figures for them (needs Rscript)")

// rTrials are the exported trials R analyses: proportional hazards with a
// calendar analysis and dropout, an event-driven 1:2 trial, the first with
// its times rounded up to whole months (many tied events and censorings:
// Efron's ties), and a multi-state model's event-free survival (Weibull arm
// against the exponential reference).
var rTrials = []struct {
	name  string
	build func(t testing.TB) *Trial
	trial int
	round bool
}{
	{"trial-exp-calendar", func(t testing.TB) *Trial {
		tr := expTrial(t, 0.05, 0.7, []int{1, 1}, []int{120}, Analysis{Time: 30})
		tr.Dropout = 0.01
		return tr
	}, 3, false},
	{"trial-exp-calendar-ties", func(t testing.TB) *Trial {
		tr := expTrial(t, 0.05, 0.7, []int{1, 1}, []int{120}, Analysis{Time: 30})
		tr.Dropout = 0.01
		return tr
	}, 3, true},
	{"trial-events-1to2", func(t testing.TB) *Trial {
		return expTrial(t, 0.08, 0.6, []int{1, 2}, []int{90}, Analysis{Events: 60})
	}, 5, false},
	{"trial-multistate-efs", func(t testing.TB) *Trial {
		p0, err := Compile(referenceModel(0), nil)
		if err != nil {
			t.Fatal(err)
		}
		p1, err := Compile(referenceModel(1.3), nil)
		if err != nil {
			t.Fatal(err)
		}
		tr := &Trial{Arms: []*Program{p0, p1}, ArmNames: []string{"control", "experimental"}, Allocation: []int{1, 1},
			Sizes: []int{200}, Accrual: Accrual{Rate: 10, Ramp: 4}, Analysis: Analysis{Time: 36}, Endpoint: "efs", Alpha: 0.05}
		return tr
	}, 0, false},
}

// TestTrialMatchesR: the log-rank statistic, the Cox log hazard ratio and its
// SE, the Kaplan-Meier curves and medians and the RMST to 24 months of exported trials
// equal R's survival::survdiff, coxph and survfit (testdata/r/survival.R) to
// 1e-8 (relative to the value, for values above 1). CI reruns the R script
// into a fresh folder and points this test at it with BLINASIM_R_OUT.
func TestTrialMatchesR(t *testing.T) {
	dir := filepath.Join("testdata", "r")
	if *update {
		for _, c := range rTrials {
			td, err := c.build(t).Data(context.Background(), 1, c.trial, c.build(t).Sizes[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := writeRTrial(filepath.Join(dir, c.name+".csv"), td, c.round); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := exec.LookPath("Rscript"); err != nil {
			t.Fatal("Rscript is missing: apt-get install r-base-core r-cran-survival")
		}
		if out, err := exec.Command("Rscript", filepath.Join(dir, "survival.R"), dir, dir).CombinedOutput(); err != nil {
			t.Fatalf("Rscript: %v\n%s", err, out)
		}
	}
	golden := dir
	if d := os.Getenv("BLINASIM_R_OUT"); d != "" {
		golden = d
	}
	for _, c := range rTrials {
		t.Run(c.name, func(t *testing.T) {
			recs := readRTrial(t, filepath.Join(dir, c.name+".csv"))
			r := readRFigures(t, filepath.Join(golden, c.name+".r.txt"))
			a := AnalyseTrial(recs, 24)
			close8(t, "log-rank z", a.LogRankZ, r.scalar(t, "logrank_z"))
			close8(t, "log-rank chi-square", a.LogRankZ*a.LogRankZ, r.scalar(t, "logrank_chisq"))
			close8(t, "Cox coefficient", a.LogHR, r.scalar(t, "cox_coef"))
			close8(t, "Cox SE", a.SE, r.scalar(t, "cox_se"))
			for arm, name := range []string{"control", "experimental"} {
				var an analyser
				SortRecords(recs)
				an.analyse(recs, 24)
				m, v := rmst(an.rows, arm, 24)
				close8(t, "RMST "+name, m, r.scalar(t, "rmean "+name))
				close8(t, "RMST SE "+name, math.Sqrt(v), r.scalar(t, "rmean_se "+name))
				km := KaplanMeier(recs, uint8(arm))
				if got, want := KMMedian(km), r.scalar(t, "median "+name); got != want && math.Abs(got-want) > 1e-8*math.Max(1, want) {
					t.Errorf("median %s: got %.17g, R %.17g", name, got, want)
				}
				rows := r.km[name]
				if len(km) != len(rows) {
					t.Fatalf("%s: %d Kaplan-Meier rows, R has %d", name, len(km), len(rows))
				}
				for i, k := range km {
					w := rows[i]
					if k.AtRisk != int(w[1]) || k.Events != int(w[2]) || k.Censored != int(w[3]) {
						t.Errorf("%s KM row %d: n %d, d %d, c %d; R: %v", name, i, k.AtRisk, k.Events, k.Censored, w)
					}
					close8(t, fmt.Sprintf("%s KM time %d", name, i), k.Time, w[0])
					close8(t, fmt.Sprintf("%s KM S(%g)", name, k.Time), k.Surv, w[4])
				}
			}
		})
	}
}

func close8(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-8*math.Max(1, math.Abs(want)) || math.IsNaN(got) != math.IsNaN(want) {
		t.Errorf("%s: got %.17g, R %.17g", what, got, want)
	}
}

// writeRTrial writes a trial's patients as survival.R reads them; round
// rounds times up to whole units (ties).
func writeRTrial(path string, td *TrialData, round bool) error {
	var b strings.Builder
	b.WriteString("id,arm,time,status\n")
	for _, p := range td.Patients {
		x := p.Time
		if round {
			x = math.Ceil(x)
		}
		st := 0
		if p.Event {
			st = 1
		}
		fmt.Fprintf(&b, "%d,%s,%s,%d\n", p.ID, []string{"control", "experimental"}[p.Arm], strconv.FormatFloat(x, 'g', -1, 64), st)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func readRTrial(t *testing.T, path string) []TrialRecord {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var recs []TrialRecord
	for _, r := range rows[1:] {
		x, err := strconv.ParseFloat(r[2], 64)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, TrialRecord{Time: x, Event: r[3] == "1", Arm: map[string]uint8{"control": 0, "experimental": 1}[r[1]]})
	}
	return recs
}

// rFigures are survival.R's output for one trial.
type rFigures struct {
	scalars map[string]float64
	km      map[string][][5]float64 // per arm: time, n.risk, n.event, n.censor, surv
}

func (r rFigures) scalar(t *testing.T, key string) float64 {
	t.Helper()
	x, ok := r.scalars[key]
	if !ok {
		t.Fatalf("R's figures have no %q", key)
	}
	return x
}

func readRFigures(t *testing.T, path string) rFigures {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (regenerate with: go test ./sim -run TestTrialMatchesR -update, which needs apt-get install r-base-core r-cran-survival)", err)
	}
	defer f.Close()
	r := rFigures{scalars: map[string]float64{}, km: map[string][][5]float64{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := strings.Fields(sc.Text())
		num := func(s string) float64 {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s: %q: %v", path, sc.Text(), err)
			}
			return x
		}
		switch {
		case w[0] == "km" && len(w) == 7:
			var row [5]float64
			for i := range row {
				row[i] = num(w[2+i])
			}
			r.km[w[1]] = append(r.km[w[1]], row)
		case len(w) == 2:
			r.scalars[w[0]] = num(w[1])
		case len(w) == 3:
			r.scalars[w[0]+" "+w[1]] = num(w[2])
		default:
			t.Fatalf("%s: unexpected line %q", path, sc.Text())
		}
	}
	return r
}
