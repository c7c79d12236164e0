# The R side of sim's TestTrialMatchesR: analyse each exported trial
# (trial-*.csv: id, arm, time, status) with R's survival package and write
# its figures, at full precision, to trial-*.r.txt in the output folder:
#   logrank_z   (O - E)/sqrt(V) of the experimental arm, from survdiff
#   logrank_chisq  survdiff's chi-square
#   cox_coef, cox_se  coxph (Efron ties), converged to eps 1e-12
#   rmean <arm>, rmean_se <arm>  restricted mean survival to tau = 24 (survfit's print)
#   median <arm>  quantile(survfit, 0.5) (Inf when not reached)
#   km <arm> <time> <n.risk> <n.event> <n.censor> <surv>  survfit's rows
# timefix = FALSE in coxph and survfit (survdiff has no such option here): the
# times are exact doubles (written by Go in
# shortest round-trip form), so no near-ties are to be merged.
#
# Run: Rscript sim/testdata/r/survival.R sim/testdata/r sim/testdata/r
# (input folder, output folder); CI runs it into a fresh folder and reruns
# the Go test against it (.ci/steps.d/50-trial-r.sh).
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
indir <- if (length(args) >= 1) args[1] else "."
outdir <- if (length(args) >= 2) args[2] else indir
tau <- 24
f17 <- function(x) formatC(x, digits = 17, format = "g")
for (f in sort(list.files(indir, pattern = "^trial-.*\\.csv$", full.names = TRUE))) {
  d <- read.csv(f)
  d$arm <- factor(d$arm, levels = c("control", "experimental"))
  out <- character()
  sd <- survdiff(Surv(time, status) ~ arm, data = d)
  z <- (sd$obs[2] - sd$exp[2]) / sqrt(sd$var[2, 2])
  out <- c(out, paste("logrank_z", f17(z)), paste("logrank_chisq", f17(sd$chisq)))
  cx <- coxph(Surv(time, status) ~ arm, data = d, ties = "efron",
              control = coxph.control(eps = 1e-12, toler.chol = 1e-14, iter.max = 100, timefix = FALSE))
  out <- c(out, paste("cox_coef", f17(unname(coef(cx)))), paste("cox_se", f17(sqrt(cx$var[1, 1]))))
  km <- survfit(Surv(time, status) ~ arm, data = d, timefix = FALSE)
  tab <- summary(km, rmean = tau)$table
  for (i in 1:2) {
    a <- levels(d$arm)[i]
    out <- c(out, paste("rmean", a, f17(tab[i, "rmean"])), paste("rmean_se", a, f17(tab[i, "se(rmean)"])))
  }
  med <- quantile(km, 0.5, conf.int = FALSE)
  for (i in 1:2) {
    m <- unname(med[i])
    out <- c(out, paste("median", levels(d$arm)[i], if (is.na(m)) "Inf" else f17(m)))
  }
  s <- summary(km, censored = TRUE)
  arms <- sub("^arm=", "", as.character(s$strata))
  out <- c(out, paste("km", arms, f17(s$time), s$n.risk, s$n.event, s$n.censor, f17(s$surv)))
  writeLines(out, file.path(outdir, sub("\\.csv$", ".r.txt", basename(f))))
}
