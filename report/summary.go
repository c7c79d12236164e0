package report

import (
	"encoding/json"
	"io"
	"math"

	"github.com/blinasim/blinasim/sim"
)

// IntervalNote says what every interval in the outputs is.
const IntervalNote = "Monte Carlo 95% intervals from the number of simulated patients (simulation error only, not parameter uncertainty)"

// Summary is the content of summary.json: the figures of every scenario. It
// is also what summary.md shows.
type Summary struct {
	Title     string            `json:"title"`     // the model's title (or name)
	Intervals string            `json:"intervals"` // what the intervals are: IntervalNote
	Scenarios []ScenarioSummary `json:"scenarios"` // in run order
	// Differences are each later scenario's figures minus the base's (the
	// first scenario), on the same patients.
	Differences []DifferenceSummary `json:"differences"`
	// PSA holds each scenario's probabilistic sensitivity analysis, if run.
	PSA []PSASummary `json:"psa"`
	// PSADifferences are each later scenario's differences from the base
	// across the PSA draws (paired draw by draw), if both have a PSA.
	PSADifferences []PSADifferenceSummary `json:"psa_differences"`
}

// ScenarioSummary holds one scenario's figures.
type ScenarioSummary struct {
	Scenario  string            `json:"scenario"`           // scenario label; a subgroup's result: the subgroup, attr=level
	Title     string            `json:"title,omitempty"`    // the readable label of the figures' legends, if any
	Subgroup  string            `json:"subgroup,omitempty"` // attr=level for a subgroup's result (--by); absent for all patients
	Model     string            `json:"model"`              // model name
	Unit      string            `json:"unit"`               // time unit of every time: day, week, month or year
	Horizon   Number            `json:"horizon"`            // in Unit
	Patients  int               `json:"patients"`           // simulated patients: the denominator of state figures
	Seed      uint64            `json:"seed"`
	Endpoints []EndpointSummary `json:"endpoints"` // overall survival first
	States    []StateSummary    `json:"states"`    // in model order
	Targets   []TargetSummary   `json:"targets"`   // published figures beside the simulated ones
}

// EndpointSummary holds one endpoint's figures. For an incidence endpoint the
// median is the first time F(t) ≥ 0.5, landmarks are F(t), and RMST is the
// restricted mean time lost to the event, the integral of F to the horizon.
type EndpointSummary struct {
	Name      string `json:"name"`
	Title     string `json:"title"`
	Kind      string `json:"kind"`      // "survival" or "incidence"
	N         int    `json:"n"`         // denominator: patients who started the endpoint
	Events    int    `json:"events"`    // patients with the event before the horizon
	Competing int    `json:"competing"` // incidence: patients with a competing event first
	// Median is in Unit: value null and estimable true if not reached within
	// follow-up, null and estimable false if reached only past it.
	Median    MedianSummary `json:"median"`
	Landmarks []Landmark    `json:"landmarks"` // at the model's landmark times
	RMST      RMSTSummary   `json:"rmst"`      // in Unit, restricted to Tau (the horizon)
	Horizon   Number        `json:"horizon"`   // in Unit
	// FollowUp is the end of follow-up (followup.go): the last time with the
	// least expected number at risk; medians, landmarks and RMSTs past it
	// are not estimable (null, estimable false). Null when nobody starts the
	// endpoint.
	FollowUp Number `json:"followup"`
	Unit     string `json:"unit"`
}

// StateSummary holds one state's figures, over all simulated patients.
type StateSummary struct {
	Name     string     `json:"name"`
	Title    string     `json:"title"`     // readable label; the name when the model gives none
	Entered  int        `json:"entered"`   // patients ever in the state (starting there counts)
	EverIn   Interval   `json:"ever_in"`   // share of patients ever in the state
	MeanTime EstimateSE `json:"mean_time"` // mean time in the state up to the horizon, in Unit
}

// Interval is a figure with its 95% interval.
type Interval struct {
	Value Number `json:"value"`
	Lower Number `json:"lower"`
	Upper Number `json:"upper"`
}

// EstimateSE is a figure with its standard error and 95% interval.
type EstimateSE struct {
	Value Number `json:"value"`
	SE    Number `json:"se"`
	Lower Number `json:"lower"`
	Upper Number `json:"upper"`
}

// MedianSummary is a median with its 95% interval; Estimable is false for a
// median reached only past the end of follow-up (its value is then null).
type MedianSummary struct {
	Interval
	Estimable bool `json:"estimable"`
}

// RMSTSummary is a restricted mean (survival time, or for an incidence the
// time lost) to Tau, with its standard error and 95% interval. Tau is the
// horizon; Estimable is false when it lies past the end of follow-up (the
// figures are then null: followup_figures.go).
type RMSTSummary struct {
	EstimateSE
	Tau       Number `json:"tau"`
	Estimable bool   `json:"estimable"`
}

// Landmark is an endpoint's value at one time, with its 95% interval.
type Landmark struct {
	Time  Number `json:"time"` // in Unit
	Value Number `json:"value"`
	Lower Number `json:"lower"`
	Upper Number `json:"upper"`
	// Estimable is false for a landmark past the end of follow-up: its
	// figures are then null.
	Estimable bool `json:"estimable"`
}

// newSummary collects the figures of the results.
func newSummary(title string, results []*sim.Result, comps []sim.Comparison, psas []*sim.PSA, fu followUp) Summary {
	s := Summary{Title: title, Intervals: IntervalNote, Scenarios: make([]ScenarioSummary, len(results)),
		Differences: differenceSummaries(comps, results, fu), PSA: psaSummaries(results, psas, fu),
		PSADifferences: psaDifferenceSummaries(results, psas, fu)}
	for i, r := range results {
		s.Scenarios[i] = scenarioSummary(r, fu)
	}
	return s
}

// scenarioSummary collects one result's figures; medians, landmarks and
// RMSTs past an endpoint's end of follow-up (by fu) are not estimable.
func scenarioSummary(r *sim.Result, fu followUp) ScenarioSummary {
	unit := r.Unit.String()
	s := ScenarioSummary{
		Scenario:  scenarioLabel(r),
		Model:     r.Model,
		Unit:      unit,
		Horizon:   Number(r.Horizon),
		Patients:  r.Patients,
		Seed:      r.Seed,
		Endpoints: make([]EndpointSummary, len(r.Endpoints)),
		States:    make([]StateSummary, len(r.States)),
		Targets:   targetSummaries(r),
	}
	for i, e := range r.Endpoints {
		end := fu.end(r, &e)
		lms := make([]Landmark, len(e.Landmarks))
		for j, l := range e.Landmarks {
			lms[j] = Landmark{Time: Number(l.Time), Value: Number(l.Value), Lower: Number(l.Lower), Upper: Number(l.Upper), Estimable: true}
			if past(l.Time, end) {
				nan := Number(math.NaN())
				lms[j] = Landmark{Time: Number(l.Time), Value: nan, Lower: nan, Upper: nan}
			}
		}
		m, estimable := followedMedian(e.Median, end)
		median := MedianSummary{Interval: interval(m), Estimable: estimable}
		tau := endpointTau(r, e.Name)
		rmst := RMSTSummary{EstimateSE: estimateSE(e.RMST), Tau: Number(tau), Estimable: rmstEstimable(tau, end)}
		if !rmst.Estimable {
			nan := Number(math.NaN())
			rmst.EstimateSE = EstimateSE{Value: nan, SE: nan, Lower: nan, Upper: nan}
		}
		s.Endpoints[i] = EndpointSummary{
			Name:      e.Name,
			Title:     e.Title,
			Kind:      e.Kind.String(),
			N:         e.N,
			Events:    e.Events,
			Competing: e.Competing,
			Median:    median,
			Landmarks: lms,
			RMST:      rmst,
			Horizon:   Number(r.Horizon),
			FollowUp:  Number(math.Min(end, r.Horizon)),
			Unit:      unit,
		}
	}
	for i, st := range r.States {
		s.States[i] = StateSummary{
			Name:     st.Name,
			Title:    st.Title,
			Entered:  st.Entered,
			EverIn:   interval(st.EverIn),
			MeanTime: estimateSE(st.MeanTime),
		}
	}
	return s
}

// interval drops an estimate's standard error.
func interval(e sim.Estimate) Interval {
	return Interval{Value: Number(e.Value), Lower: Number(e.Lower), Upper: Number(e.Upper)}
}

// estimateSE converts an estimate.
func estimateSE(e sim.Estimate) EstimateSE {
	return EstimateSE{Value: Number(e.Value), SE: Number(e.SE), Lower: Number(e.Lower), Upper: Number(e.Upper)}
}

// writeJSON writes v as indented JSON with a final newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// ReadSummary reads a summary.json. Figures written as null (not reached,
// undefined) read as NaN.
func ReadSummary(r io.Reader) (Summary, error) {
	var s Summary
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	err := dec.Decode(&s)
	return s, err
}
