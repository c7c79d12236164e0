// Package fit calibrates a model's free parameters to its published targets
// and checks how well a run reproduces them.
//
// Check compares each target's simulated value with the study's 95% interval:
// the interval the file gives, else for a proportion the exact binomial
// (Clopper-Pearson) interval of x = round(value·n) of n (Clopper & Pearson
// 1934, Biometrika 26:404-413; what R's binom.test reports), and for a median
// value·exp(±1.96·SE) with SE(log median) = 1/(ln 2·√n), the asymptotic
// standard error of the sample median of n exponential times without censoring
// (var = 1/(4n·f(m)²) with f(m) = λ/2; Brookmeyer & Crowley 1982 in the
// uncensored case), close to the exponential model's 1/√d with d = n/2 events
// by the median. A target is inside when its simulated point value lies in
// that interval.
//
// Calibrate maximises the likelihood of the targets over the free parameters:
// a proportion (survival, incidence, share entering) published as value of n
// is binomial, x·log p + (n − x)·log(1 − p) with x = value·n and p the
// simulated figure clamped to [1e-9, 1 − 1e-9]; a median is normal on the log
// scale with the SE above (or the published interval's, (log upper − log
// lower)/(2·1.96)). The objective is minus the log-likelihood ratio against a
// perfect fit, Σ −(log L(simulated) − log L(published)), so it is 0 when every
// target is met and each target's share is readable; twice it is the deviance.
// Every evaluation simulates the same patients (a fixed seed: common random
// numbers, with times drawn by inversion), so the objective moves smoothly
// with the parameters rather than with simulation noise.
//
// The search is gonum's optimize.Minimize, by default the Nelder-Mead simplex
// (Nelder & Mead 1965, Computer Journal 7:308-313), on transformed parameters
// that map each parameter's bounds onto the real line (logit of the position
// within the bounds, on the log scale for log), with a cap on evaluations per
// start. It starts from the file's values and from random starts drawn
// uniformly on the transformed bounds from a seeded stream; if starts that fit
// equally well end at different values, the fit is reported as not identified.
package fit
