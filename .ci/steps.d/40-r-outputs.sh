#!/usr/bin/env bash
# R reads every CSV output with one read.csv call each, every column of the
# documented type, and summary.json and manifest.json with one jsonlite::fromJSON
# call each (testdata/r/read_outputs.R; r-base-core and r-cran-jsonlite from
# packages.txt).
set -euo pipefail
bin="${CI_BIN:?set CI_BIN to the built binary}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" run stein2019-adult-post-allohsct --patients 5000 --out "$work/run" -q > /dev/null
"$bin" compare after-blin-no-consolidation after-blin-second-hsct after-blin-cart --patients 2000 --psa 5 --out "$work/cmp" -q > /dev/null
"$bin" sensitivity stein2019-adult-post-allohsct --patients 2000 --out "$work/sens" -q > /dev/null
Rscript testdata/r/read_outputs.R "$work/run" "$work/cmp" "$work/sens"
