// Package model is blinasim's domain: a multi-state model of a patient's course
// (states, competing exits, branch probabilities, clocks), the time-to-event
// distributions its exits draw from, the named parameters that supply its numbers
// (each with a source and an optional uncertainty distribution), its endpoints and
// its calibration targets, and the validation that says what is wrong and what is
// allowed. It does no I/O: reading files is package config's job, simulating is
// package sim's.
//
// The meaning of a model is fixed in the project's model contract (MODEL.md in the
// shared design notes, summarised in docs/model.md):
//   - time is in one unit per model (day, week, month or year) and stops at a horizon;
//   - on entry to a state every exit draws a latent time and the earliest happens;
//   - a clock-reset exit counts from entry to the state, a clock-forward exit from the
//     start of the simulation and is drawn conditional on the time already spent;
//   - every latent time is drawn by inversion of the cumulative hazard,
//     T = H⁻¹(H(t0) + E) with E = -log U, so that a hazard ratio (H → hr·H) or a
//     time ratio (T → af·T) moves the same patient's time smoothly.
package model
