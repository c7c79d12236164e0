#!/usr/bin/env bash
# Simulated trials (docs/trials.md) against R: rerun R's survival analysis of
# the exported trials (sim/testdata/r/survival.R) into a fresh folder and check
# the engine's log-rank, Cox and Kaplan-Meier figures against it to 1e-8; run
# the trial command end to end and read its patients.csv with R.
set -euo pipefail
command -v Rscript > /dev/null || { echo "Rscript is missing: apt-get install r-base-core r-cran-survival"; exit 1; }
Rscript -e 'suppressPackageStartupMessages(library(survival))' || { echo "R's survival package is missing: apt-get install r-cran-survival"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
Rscript sim/testdata/r/survival.R sim/testdata/r "$work"
BLINASIM_R_OUT="$work" go test ./sim -run '^TestTrialMatchesR$' -count=1
"$CI_BIN" trial examples/trials/second-hsct-vs-none.yaml --trials 200 --out "$work/trial" -q > /dev/null
for f in power.csv trials.csv patients.csv summary.md manifest.json km.png power_curve.png; do
  test -s "$work/trial/$f" || { echo "missing $f of blinasim trial"; exit 1; }
done
Rscript -e 'library(survival); d <- read.csv(commandArgs(TRUE)[1]); stopifnot(nrow(d) > 0, all(d$status %in% 0:1)); print(survdiff(Surv(time, status) ~ arm, data = d))' "$work/trial/patients.csv"
