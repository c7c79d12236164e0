package sim

import "github.com/blinasim/blinasim/model"

// Estimate is a figure with its Monte Carlo uncertainty. A figure that does not
// exist (a median never reached) has Value = +Inf (and so may its bounds).
type Estimate struct {
	Value float64
	SE    float64 // standard error; NaN where only an interval is defined
	Lower float64 // 95% interval
	Upper float64
}

// Result is what one simulation of one model (scenario) gives.
type Result struct {
	Model     string     // model name
	Scenario  string     // scenario label (the model name unless set by the caller)
	Unit      model.Unit // time unit of every time below
	Horizon   float64
	Patients  int
	Seed      uint64
	Grid      []float64        // output times: 0, step, 2·step, ..., Horizon
	Endpoints []EndpointResult // overall survival first
	States    []StateResult    // in model order
	Targets   []TargetResult   // the model's published figures beside the simulated ones
	// Subgroup is "attr=level" for a subgroup's result; "" for everyone.
	Subgroup string
	// Subgroups holds, for a model with subgroups (a `by` attribute, or
	// targets for a subgroup), one result per level, in level order: the same
	// patients split by their baseline level.
	Subgroups []*Result
}

// TargetResult is a published figure (a model target) beside the same figure
// simulated: S(t) or F(t) at the target's time, a median, or the share of
// patients entering a state by the target's time (ever, when it has none),
// with its Monte Carlo interval. Simulated is
// NaN where the run cannot give it (a time past the horizon, an endpoint no
// patient started); a median never reached is +Inf.
type TargetResult struct {
	Target    model.Target
	Simulated Estimate
}

// EndpointResult is one endpoint's curve and summaries.
type EndpointResult struct {
	Name  string
	Title string
	Kind  model.EndpointKind
	N     int // denominator: patients who started the endpoint
	// Events counts patients with the event (incidence: the event of interest)
	// before the horizon; Competing those with a competing event first.
	Events    int
	Competing int
	// Curve is on Result.Grid: S(t) for survival (Kaplan-Meier, Greenwood SE,
	// log-log interval), F(t) for incidence (Aalen-Johansen, delta-method SE,
	// log(−log F) interval); see SurvivalInterval and IncidenceInterval.
	Curve []Estimate
	// AtRisk is on Result.Grid: the fraction of the N patients still in the
	// risk set at t (event-free and uncensored: time since start ≥ t, as
	// survfit's n.risk), for a number-at-risk table; NaN when N = 0.
	AtRisk    []float64
	Median    Estimate   // first t with S(t) ≤ 0.5 (incidence: F(t) ≥ 0.5); +Inf if not reached
	Landmarks []Landmark // at the model's landmark times
	RMST      Estimate   // survival: ∫₀^τ S; incidence: restricted mean time lost to the event, ∫₀^τ F
	Tau       float64    // τ of RMST: the endpoint's `tau`, or the horizon
}

// Landmark is an endpoint's value at one time.
type Landmark struct {
	Time float64
	Estimate
}

// StateResult is one state's occupancy and summaries.
type StateResult struct {
	Name      string
	Title     string     // readable label; the name when the model gives none
	Occupancy []Estimate // P(in state at t) on Result.Grid (Wilson interval)
	Entered   int        // patients who ever were in the state (starting there counts)
	EverIn    Estimate   // Entered / Patients (Wilson interval)
	MeanTime  Estimate   // mean time spent in the state up to the horizon, over all patients
}
