// Package report writes the outputs of a blinasim run to a folder.
//
// Write renders one or more sim.Result values (one per scenario, run on the
// same patients) into a fresh folder:
//
//	survival.csv   scenario,endpoint,time,survival,lower,upper,past_followup   (survival endpoints)
//	incidence.csv  scenario,endpoint,time,incidence,lower,upper,past_followup  (only if a model has incidence endpoints)
//	estimates.csv  scenario,endpoint,measure,time,estimate,lower,upper,n: every median, landmark, RMST and state share (tidy.go)
//	atrisk.csv     scenario,endpoint,time,fraction,cohort,expected,past_followup: the number at risk (tidy.go)
//	occupancy.csv  scenario,state,time,probability,lower,upper
//	check.csv      each published target, the study's 95% interval, the simulated figure, inside (only with targets)
//	compare.csv    scenario,base,endpoint,kind,measure,time,difference,lower,upper,paired,unpaired_lower,unpaired_upper
//	               (several scenarios: each later one minus the first, on the same patients)
//	psa.csv        with a PSA: one row per scenario and draw: scenario, draw, each drawn
//	               parameter (by name), <ep>_median, <ep>_rmst, <ep>_at_<t> per landmark
//	psa_compare.csv with a PSA of several scenarios: each later one minus the base within each
//	               draw, its band across draws and the share of draws with a positive difference
//	psa_long.csv   with a PSA: scenario,draw,endpoint,measure,time,value (psa.csv's outcomes, long)
//	psa_bands.csv  with a PSA: scenario,endpoint,kind,measure,time,median,lower,upper
//	               (curves, landmarks, medians, RMST: median and 2.5–97.5 percentiles across draws)
//	summary.json   per scenario: endpoints (median, landmarks, RMST, denominators) and states
//	summary.md     the same as readable tables
//	model.yaml     the resolved model(s), as run
//	manifest.json  program, version, seed, patients, workers, model hash, command line, timing
//	report.html    one self-contained page: the tables, every figure as inline SVG, parameters, manifest (html.go)
//	survival.*     survival curves with their 95% bands, landmarks, published figures, number at risk
//	incidence.*    cumulative incidences likewise (only with incidence endpoints)
//	occupancy.*    stacked state occupancy; with several scenarios (or subgroups) one panel each on shared axes
//	psa_survival.* with a PSA: median survival curves across draws with their 2.5–97.5 percentile band
//	survival_<endpoint>.*, incidence_<endpoint>.*   with several scenarios (below)
//
// With one scenario, survival.* shows every survival endpoint, each in its
// own colour and dash pattern. With several, each figure shows one endpoint
// with the scenarios overlaid, every scenario in its own colour and dash
// pattern in every figure of the run (overlay.go): survival.* the first
// survival endpoint, survival_<endpoint>.* each further one; incidence.* and
// psa_survival.* likewise.
//
// Each figure is written in the formats of Run.Figures (PNG at 300 dpi and
// SVG by default, PDF on request), every format drawn from one figure built
// once per file: curves.go and stack.go build them, figure.go lays out title,
// plot, number-at-risk table (risktable.go), legend (legend.go) and caption,
// render.go draws them on gonum/plot's vgimg canvas (PNG, encoded by
// png.go) or on our own SVG (svg.go) and PDF (pdf.go) canvases.
//
// WriteFit renders a calibration (package fit) the same way: the calibrated
// model.yaml, fit.md, fit.csv and fit_targets.csv; WriteCheck writes the
// table of `blinasim check`.
//
// # Files are complete or absent
//
// Every file is written into a hidden temporary folder beside the destination
// (".<name>.tmp-*"), and the folder is renamed into place only when all files
// are written. The context is checked between files: a cancelled run (Ctrl-C)
// or any error removes the temporary folder, so no partial output remains. An
// existing destination is never overwritten silently: Write picks the first
// free name among <dir>-2, <dir>-3, ... and returns it, unless force is set, in
// which case the old folder is moved aside, the new one renamed into place and
// only then the old one removed.
//
// # Numbers
//
// Curves stop at the end of follow-up (followup.go), each time axis names its
// origin (origin.go), and a one-scenario run draws survival_from_<states>.*
// for each further origin. PDFs are drawn by pdf.go (UTF-8 subset fonts).
//
// CSV files are RFC 4180 (header row, fields quoted only when needed, LF line
// endings, '.' decimals, no index column), long format, one row per scenario,
// curve and grid time: read them with readr::read_csv or read.csv. Every number
// in the CSV and JSON files is written with 6 significant digits (Go's
// strconv 'g' format with precision 6, so 0.5, 0.823457, 1.5e-07): far finer than
// the Monte Carlo error of any figure, and grid times print as 12 rather than
// 12.000000000000002, so filters like time == 12 work in R. A figure that does
// not exist (a median never reached, an interval bound that is undefined) is NA
// in the CSV files and null in summary.json; booleans are TRUE or FALSE. All
// formatting lives in format.go.
//
// # What the figures mean
//
// Survival endpoints report S(t), the Kaplan-Meier estimate. Incidence
// endpoints report F(t), the probability that the event has happened first,
// before any competing event, by t (Aalen-Johansen), never 1 - KM; their
// "rmst" is the restricted mean time lost to the event, the integral of F up to
// the horizon. Every interval is a Monte Carlo 95% interval from the number of
// simulated patients: it measures simulation error, not parameter uncertainty.
// N (an endpoint's denominator) counts the patients who started the endpoint;
// state shares and mean times are over all simulated patients.
package report
