#!/usr/bin/env bash
# R's survfit (log-log intervals, Aalen-Johansen) and cmprsk's cuminc, rerun on
# the simulated patients of sim/testdata/r/intervals, reproduce the goldens that
# sim/rgolden_test.go compares blinasim's estimates with (r-base-core,
# r-cran-survival and r-cran-cmprsk from packages.txt).
set -euo pipefail
if ! command -v Rscript > /dev/null || ! Rscript -e 'library(survival); library(cmprsk)' > /dev/null 2>&1; then
  echo "R with the survival and cmprsk packages is missing: apt-get install r-base-core r-cran-survival r-cran-cmprsk" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dir=sim/testdata/r/intervals
Rscript "$dir/survfit.R" "$dir/patients.csv" "$dir/layout.csv" "$work/golden.csv"
diff -u "$dir/golden.csv" "$work/golden.csv"
echo "R's survfit and cuminc reproduce $dir/golden.csv"
