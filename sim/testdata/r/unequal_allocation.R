# An independent check of log-rank power with 1:2 allocation, where Schoenfeld's
# formula is known to be inaccurate (Hsieh, Stat Med 1992): exponential arms,
# control 0.05/month, HR 0.7, 75 vs 150 patients accrued uniformly over 24
# months, analysed at the 150th event, 3000 trials with R's own generator.
# Output (R 4.x, survival 3.x, set.seed(1)): 0.557 0.009069197
# (power, Monte Carlo SE), used by sim TestTrialSchoenfeld.
# Run: Rscript sim/testdata/r/unequal_allocation.R
library(survival)
set.seed(1)
nt <- 3000; rej <- 0
for (k in 1:nt) {
  n0 <- 75; n1 <- 150
  arm <- c(rep(0,n0), rep(1,n1))
  rate <- ifelse(arm==1, 0.05*0.7, 0.05)
  e <- runif(n0+n1, 0, 24); x <- rexp(n0+n1, rate)
  x <- pmin(x, 1e9)
  cal <- sort(e + x); A <- cal[150]
  obs <- pmin(x, A - e); st <- as.integer(e + x <= A)
  keep <- e < A
  sd <- survdiff(Surv(obs[keep], st[keep]) ~ arm[keep])
  if (sd$chisq > qchisq(0.95, 1)) rej <- rej + 1
}
cat(rej/nt, sqrt(rej/nt*(1-rej/nt)/nt), "\n")
