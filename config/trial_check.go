package config

import (
	"fmt"

	"github.com/blinasim/blinasim/model"
)

// Check converts the spec's durations to the arms' unit and checks it
// against the arms' models (aligned with Arms): one unit and horizon, the
// endpoint present in each as a survival endpoint from time 0, the analysis
// time, the ramp and the RMST time within the horizon, sample sizes in whole
// allocation blocks. Issues name the trial file's lines.
func (s *TrialSpec) Check(models []*model.Model) error {
	var iss issues
	bad := func(key, format string, a ...any) {
		is := Issue{File: s.File, Line: s.lines[key], Path: key, Msg: fmt.Sprintf(format, a...)}
		for _, o := range iss {
			if o == is {
				return // the same problem in both arms
			}
		}
		iss = append(iss, is)
	}
	u, h := models[0].Unit, models[0].Horizon
	for i, m := range models {
		key := fmt.Sprintf("trial.arms[%d]", i)
		if m.Unit != u || m.Horizon != h {
			bad(key, "arm %q: unit %v and horizon %v differ from arm %q's (%v, %v); the arms are scenarios of one base",
				s.Arms[i].Name, m.Unit, m.Horizon, s.Arms[0].Name, u, h)
		}
		var ok bool
		var names []string
		for _, e := range m.AllEndpoints() {
			if len(e.Start) == 0 && e.Kind == model.Survival {
				names = append(names, e.Name)
			}
			if e.Name == s.Endpoint {
				ok = true
				switch {
				case len(e.Start) > 0:
					bad("trial.endpoint", "endpoint %q starts at entry into %v, not at randomisation (time 0); a trial's endpoint must start at randomisation", e.Name, e.Start)
				case e.Kind != model.Survival:
					bad("trial.endpoint", "endpoint %q is a cumulative incidence; a trial's endpoint is a survival endpoint", e.Name)
				}
			}
		}
		if !ok {
			bad("trial.endpoint", "arm %q (%s) has no endpoint %q %s", s.Arms[i].Name, m.Name, s.Endpoint, allowed(s.Endpoint, names))
		}
	}
	s.Period, s.Ramp, s.Time, s.RMST = s.period.In(u), s.ramp.In(u), s.time.In(u), s.rmst.In(u)
	if s.Period > 0 && s.Ramp > s.Period {
		bad("trial.accrual", "ramp %.4g %s is longer than the accrual period %.4g", s.Ramp, plural(u), s.Period)
	}
	if s.Time > h {
		bad("trial.analysis", "analysis %.4g %s after the first enrolment is past the arms' horizon (%v): nobody is followed past it", s.Time, plural(u), h)
	}
	if s.RMST > h {
		bad("trial.rmst", "RMST time %.4g %s is past the arms' horizon (%v)", s.RMST, plural(u), h)
	}
	block := 0
	for _, a := range s.Allocation {
		block += a
	}
	if len(s.Allocation) != len(s.Arms) {
		bad("trial.allocation", "%d numbers for %d arms", len(s.Allocation), len(s.Arms))
	}
	key := "trial.sizes"
	if _, ok := s.lines[key]; !ok {
		key = "trial.size"
	}
	for i, n := range s.Sizes {
		if block > 0 && n%block != 0 {
			bad(key, "sample size %d is not a multiple of the allocation's sum %d (whole randomisation blocks)", n, block)
		}
		if i > 0 && n <= s.Sizes[i-1] {
			bad(key, "sample sizes must ascend (%d after %d)", n, s.Sizes[i-1])
		}
		if s.Events > n {
			bad("trial.analysis", "analysis at %d events, more than sample size %d", s.Events, n)
		}
	}
	return iss.err()
}

func plural(u model.Unit) string { return u.String() + "s" }
