package model

// Model is a multi-state model as its file states it, before parameters are
// resolved to numbers. Validate checks it; package sim compiles and runs it.
type Model struct {
	Name        string    // short identifier, used for output folders: [a-z0-9][a-z0-9_.-]*
	Title       string    // a readable title
	Description string    // free text: population, sequence, caveats
	Unit        Unit      // the model's time unit
	Horizon     float64   // in Unit, > 0: nothing is simulated past it
	Landmarks   []float64 // times (in Unit, > 0) at which endpoints are reported; those past Horizon are skipped
	Cohort      int       // the study's sample size, for the figures' number-at-risk table; 0: none given, else ≥ 1
	States      []State
	DeathStates []string // the states whose entry is death (OS events); empty: every absorbing state
	Endpoints   []Endpoint
	Parameters  []Parameter
	// Correlations are rank correlations between uncertain parameters,
	// drawn through a Gaussian copula; parameters not named here are drawn
	// independently.
	Correlations []Correlation
	Targets      []Target
	Calibrate    *Calibrate  // which parameters calibration may change; nil: none
	Sensitivity  Sensitivity // one-way analysis and sweeps; zero: none declared
	Attributes   []Attribute // patient attributes and history (attribute.go); none: a plain state machine
	By           string      // stratify every result by this baseline category or flag; "": none
}

// State is a state of the model. A state with no exits is absorbing.
type State struct {
	Name        string   // identifier: [a-z][a-z0-9_]*
	Title       string   // optional readable label for figures (e.g. "CR, MRD-negative"); empty: Name
	Description string   // optional
	Initial     Quantity // probability of starting here; the states' initials sum to 1
	Exits       []Exit
	Updates     []Update // attribute changes on entry, before the exits draw
}

// Label returns the state's title, or its name when it has none.
func (s State) Label() string {
	if s.Title != "" {
		return s.Title
	}
	return s.Name
}

// Absorbing reports whether the state has no exits.
func (s State) Absorbing() bool { return len(s.Exits) == 0 }

// Clock says what an exit's latent time counts from.
type Clock int

const (
	// ClockReset counts from entry into the state (semi-Markov); the default.
	ClockReset Clock = iota
	// ClockForward counts from the start of the simulation; the latent time is
	// drawn conditional on the time already spent (left truncation).
	ClockForward
)

// String returns the clock's name as written in files.
func (c Clock) String() string {
	if c == ClockForward {
		return "forward"
	}
	return "reset"
}

// Exit is a way out of a state: a latent time drawn from Dist (scaled by
// HazardRatio and TimeRatio), leading to To or, if Branch is set, to one of the
// branch's destinations.
type Exit struct {
	Name        string        // identifier, unique within the state; defaults to To
	To          string        // destination state; empty when Branch is set
	Branch      []Destination // destinations with probabilities summing to 1
	Dist        DistSpec
	Clock       Clock
	HazardRatio *Quantity   // multiplies the cumulative hazard: H → hr·H; > 0; nil = 1
	TimeRatio   *Quantity   // stretches time: T → tr·T; > 0; nil = 1
	Note        string      // optional: where the exit's structure comes from
	Since       string      // clock from the time recorded in this attribute; "": Clock
	When        []Condition // open only when all hold; a closed exit draws nothing
	Effects     []Effect    // hazard ratio terms from attributes, fixed at entry
	BranchBy    string      // attribute whose level selects the arms' ByLevel probabilities
}

// Destination is one arm of a branch exit.
type Destination struct {
	To   string
	Prob Quantity // in [0, 1]; ignored when Rest is set
	Rest bool     // takes 1 - (sum of the other arms); at most one per branch
	// ByLevel overrides Prob/Rest for patients at a level of the exit's BranchBy.
	ByLevel []LevelProb
}

// EndpointKind distinguishes a survival endpoint from a cumulative incidence.
type EndpointKind int

const (
	// Survival reports S(t) = P(no event by t since start), Kaplan-Meier.
	Survival EndpointKind = iota
	// Incidence reports F(t) = P(event first, before any competing event, by t),
	// Aalen-Johansen.
	Incidence
)

// String returns the kind's name as written in files.
func (k EndpointKind) String() string {
	if k == Incidence {
		return "incidence"
	}
	return "survival"
}

// Endpoint is the time from its start to the first later entry into one of its
// Events states.
type Endpoint struct {
	Name      string // identifier: [a-z][a-z0-9_]*; "os" is always overall survival
	Title     string // readable name, e.g. "Relapse-free survival"
	Kind      EndpointKind
	Start     []string // start at first entry into one of these; empty: simulation start
	Events    []string // event states
	Competing []string // incidence only: states whose entry precludes the event
	// Tau is the window of the restricted mean (survival time, or time lost to
	// an incidence), in the model's unit since the endpoint's start; 0: the
	// horizon (tau.go).
	Tau float64
}

// OSName is the name of the overall-survival endpoint every model has.
const OSName = "os"

// Parameter is a named number with its source and optional uncertainty.
type Parameter struct {
	Name        string       // identifier: [a-z][a-z0-9_]*
	Title       string       // optional readable label for figures and tables (e.g. "Hazard of relapse"); empty: Name
	Value       float64      // in the model's units; unused when Expr is set
	Expr        string       // a derived value: an expression of other parameters (see Expr), evaluated after every draw; "": Value
	Source      string       // "<seed file>: \"exact phrase\"" or "assumption: reason"
	Uncertainty *Uncertainty // for probabilistic sensitivity analysis; nil = fixed
}

// Target is a published figure calibration should reproduce.
type Target struct {
	Name     string
	Measure  Measure
	Endpoint string   // for survival, incidence and median targets
	State    string   // for share-entering targets
	States   []string // share entering any of these (with State, if set)
	Among    []string // share among patients who entered one of these first; none: all patients
	Subgroup string   // "attr=level": the figure is for that baseline subgroup; "": everyone
	Time     float64  // in Unit, > 0, for survival and incidence targets; share entering by this time (0: by the horizon); may lie past the horizon of a shortened run
	Value    float64  // the published figure (a probability, or a time in Unit for medians)
	N        int      // the study's sample size (denominator)
	Lower    float64  // optional published interval (0, 0 = none)
	Upper    float64
	Source   string // seed file and phrase
	Note     string // optional: how the figure maps onto the model (definitions, caveats)
}

// Measure says what a Target measures.
type Measure string

// The measures a target may have.
const (
	MeasureSurvival      Measure = "survival"       // endpoint S(time)
	MeasureIncidence     Measure = "incidence"      // endpoint F(time)
	MeasureMedian        Measure = "median"         // endpoint median, a time
	MeasureShareEntering Measure = "share_entering" // share of patients entering State by Time (0: by the horizon)
)

// StateIndex returns the index of the named state, or -1.
func (m *Model) StateIndex(name string) int {
	for i := range m.States {
		if m.States[i].Name == name {
			return i
		}
	}
	return -1
}

// Values returns each parameter's value by name.
func (m *Model) Values() Values {
	v := make(Values, len(m.Parameters))
	for _, p := range m.Parameters {
		v[p.Name] = p.Value
	}
	m.derive(v)
	return v
}

// Deaths returns the names of the death states: DeathStates if given, else every
// absorbing state.
func (m *Model) Deaths() []string {
	if len(m.DeathStates) > 0 {
		return m.DeathStates
	}
	var out []string
	for _, s := range m.States {
		if s.Absorbing() {
			out = append(out, s.Name)
		}
	}
	return out
}

// AllEndpoints returns the model's endpoints with overall survival first: the
// model's own "os" if it defines one, else one built from the death states.
func (m *Model) AllEndpoints() []Endpoint {
	out := []Endpoint{{Name: OSName, Title: "Overall survival", Kind: Survival, Events: m.Deaths()}}
	for _, e := range m.Endpoints {
		if e.Name == OSName {
			out[0] = e
			if out[0].Title == "" {
				out[0].Title = "Overall survival"
			}
			continue
		}
		out = append(out, e)
	}
	return out
}

// ExitName returns the exit's name, defaulting to its destination or "branch".
func (e Exit) ExitName() string {
	switch {
	case e.Name != "":
		return e.Name
	case e.To != "":
		return e.To
	}
	return "branch"
}
