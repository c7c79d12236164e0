# The reference survival and competing-risk estimates blinasim's own are
# checked against (sim/rgolden_test.go). Reads the simulated patients written
# by `go test ./sim -run TestRData -update-intervals` and writes, for every run and
# endpoint, at every 4th grid time (and the first four), on the times binned
# as the engine bins them ("binned": the end of each time's fine bin, in bin
# units) and on the exact times ("exact", in months):
#   survival endpoints:  survfit(Surv(time, status == 1) ~ 1, conf.type = "log-log"):
#                        S(t), its standard error, lower, upper; and the median
#                        with its interval (quantile(fit, 0.5));
#   incidence endpoints: survfit(Surv(time, factor(status)) ~ 1, conf.type = "log-log")
#                        (Aalen-Johansen, infinitesimal-jackknife standard error):
#                        F(t) of state 1, standard error, lower, upper; and
#                        cmprsk's cuminc(time, status, cencode = 0) estimate.
# Usage (from the repo root):
#   Rscript sim/testdata/r/intervals/survfit.R sim/testdata/r/intervals/patients.csv sim/testdata/r/intervals/layout.csv sim/testdata/r/intervals/golden.csv
suppressPackageStartupMessages({
  library(survival)
  library(cmprsk)
})
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 3)
d <- read.csv(args[1], stringsAsFactors = FALSE)
lay <- read.csv(args[2], stringsAsFactors = FALSE)
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.15g", x))
out <- list()
emit <- function(run, ep, estimator, data, k, time, est, se, lo, hi) {
  out[[length(out) + 1]] <<- data.frame(run = run, endpoint = ep, estimator = estimator, data = data,
    k = k, time = num(time), estimate = num(est), std_err = num(se), lower = num(lo), upper = num(hi))
}
for (run in unique(d$run)) {
  L <- lay[lay$run == run, ]
  k <- sort(unique(c(0:3, seq(0, L$n_grid - 1, by = 4), L$n_grid - 1)))
  for (ep in unique(d$endpoint[d$run == run])) {
    x <- d[d$run == run & d$endpoint == ep, ]
    for (data in c("binned", "exact")) {
      tm <- if (data == "binned") x$edge else x$time
      at <- if (data == "binned") k * L$bins_per_step else k * L$step
      if (x$kind[1] == "survival") {
        fit <- survfit(Surv(tm, x$status == 1) ~ 1, conf.type = "log-log")
        s <- summary(fit, times = at, extend = TRUE)
        emit(run, ep, "survfit", data, k, at, s$surv, s$std.err, s$lower, s$upper)
        q <- quantile(fit, 0.5)
        emit(run, ep, "survfit-median", data, NA, NA, q$quantile, NA, q$lower, q$upper)
      } else {
        st <- factor(x$status, levels = sort(unique(c(0, x$status))))
        fit <- survfit(Surv(tm, st) ~ 1, conf.type = "log-log")
        s <- summary(fit, times = at, extend = TRUE)
        j <- match("1", fit$states)
        emit(run, ep, "survfit", data, k, at, s$pstate[, j], s$std.err[, j], s$lower[, j], s$upper[, j])
        ci <- cuminc(tm, x$status, cencode = 0)
        tp <- timepoints(ci, at)
        emit(run, ep, "cuminc", data, k, at, tp$est["1 1", ], NA, NA, NA)
      }
    }
  }
}
write.csv(do.call(rbind, out), args[3], row.names = FALSE, quote = FALSE)
