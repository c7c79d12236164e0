#!/usr/bin/env bash
# The long coverage test of the 95% intervals (sim/coverage_test.go): 2000
# runs of 500 patients of two models against exact truths, near 0 and 1, for
# endpoints starting at remission, shares entering and medians; each must
# cover 93-97% (about 25 s on 2 cores).
set -euo pipefail
COVERAGE_TEST=1 go test ./sim -run '^TestIntervalCoverage$' -count=1 -v -timeout 20m
