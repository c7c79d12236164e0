// Package sim is blinasim's engine. It compiles a validated model.Model into a
// flat runtime form and simulates patients in parallel goroutines.
//
// Every random draw is by inversion from a uniform that is a pure function of
// (run seed, patient index, state visit, what is drawn), a counter-based
// generator (a SplitMix64 finaliser over the key; Steele, Lea & Flood 2014), so
// results are identical for any number of workers and two scenarios run with the
// same seed see the same patients (common random numbers).
//
// Workers fill mergeable integer accumulators: difference arrays on the output
// grid for state occupancy, fine histograms of event and censoring times for the
// endpoints, fixed-point sums of time in state. Integer addition is associative,
// so the merged totals, and every figure computed from them, do not depend on how
// patients were split among workers. Curves are then estimated from the totals:
// Kaplan-Meier with Greenwood's variance, Aalen-Johansen for cumulative incidence,
// with 95% intervals that stay inside [0, 1] by construction (ci.go: log-log,
// an exact bound where a curve is still 0 or 1, Wilson for proportions).
//
// On top of single runs: scenarios on the same patients with paired differences
// (RunScenarios), probabilistic sensitivity analysis (RunPSA), one-way
// sensitivity analysis, each parameter at the ends of its interval with the
// others at their values (RunOneWay), and sweeps of one or two parameters over
// a grid (RunSweep), each recording one model.Outcome.
//
// Simulated trials (trial*.go): a Trial of two or more arms, each a Program, is
// simulated trial by trial (Trial.Simulate over a TrialRange, mergeable by
// MergeOutcomes), each trial's patients keyed by (seed, trial, arm, patient)
// and analysed with the log-rank test, the Cox model and Kaplan-Meier
// (AnalyseTrial); Summarise gives the power per design, Assurance the power
// averaged over PSA draws, Data one trial's patients.
//
// Each of these also runs in shards, for a cluster: a shard runs one Span of
// the units of work (patients, PSA draws, sensitivity points, trials), and returns
// what the whole needs of them before estimation: a Tally (the integer
// totals, with Ints to write them and AddInts to add them back), a PSAPart,
// a OneWayPart or a SweepPart. The whole run is one span put through the same
// code, so merged shards give its results bit for bit.
package sim
