package sim

import (
	"fmt"
	"math"
	"testing"
)

// TestReportedSEsMatchReplication checks the variance formulas where they have
// no closed form to compare with: endpoints that start at remission, whose
// patients are censored at different times (horizon − start). Over R
// independent runs (different seeds) the standard deviation of each estimate
// must agree with the mean of its reported SE. With R = 400 the ratio of the
// two has a relative SE of about 1/√(2R) = 3.5%, so it must lie within
// 1 ± 3·3.5% (±0.11). Checked: KM (Greenwood) of RFS and Aalen-Johansen
// (delta method) of the incidence of relapse at the landmarks 12, 24 and 36
// months, RMST of RFS, time lost to relapse, and the median's interval read as
// a normal SE (width/(2·1.96)).
func TestReportedSEsMatchReplication(t *testing.T) {
	const reps, n = 400, 2000
	type stat struct{ sum, sum2, seSum float64 }
	stats := map[string]*stat{}
	add := func(name string, v, se float64) {
		s := stats[name]
		if s == nil {
			s = &stat{}
			stats[name] = s
		}
		s.sum += v
		s.sum2 += v * v
		s.seSum += se
	}
	p, err := Compile(referenceModel(0), nil)
	if err != nil {
		t.Fatal(err)
	}
	for rep := range reps {
		acc, l, err := simulate(t.Context(), p, Options{Patients: n, Seed: uint64(1000 + rep), Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		r := estimate(p, l, acc, Options{Seed: uint64(rep)})
		rfs, cir := r.Endpoints[endpointIdx(r, "rfs")], r.Endpoints[endpointIdx(r, "cir")]
		for lm := range 3 { // referenceModel's landmarks 12, 24, 36
			add(fmt.Sprintf("RFS(%g)", rfs.Landmarks[lm].Time), rfs.Landmarks[lm].Value, rfs.Landmarks[lm].SE)
			add(fmt.Sprintf("CIR(%g)", cir.Landmarks[lm].Time), cir.Landmarks[lm].Value, cir.Landmarks[lm].SE)
		}
		add("RMST(RFS)", rfs.RMST.Value, rfs.RMST.SE)
		add("time lost(CIR)", cir.RMST.Value, cir.RMST.SE)
		add("median(RFS)", rfs.Median.Value, (rfs.Median.Upper-rfs.Median.Lower)/(2*z95))
	}
	for name, s := range stats {
		mean := s.sum / reps
		sd := math.Sqrt((s.sum2/reps - mean*mean) * reps / (reps - 1))
		ratio := (s.seSum / reps) / sd
		t.Logf("%-15s empirical SD %.4f, mean reported SE %.4f, ratio %.3f", name, sd, s.seSum/reps, ratio)
		if math.Abs(ratio-1) > 0.11 {
			t.Errorf("%s: reported SE / empirical SD = %.3f, want 1 ± 0.11", name, ratio)
		}
	}
}
