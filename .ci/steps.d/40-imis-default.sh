#!/bin/sh
# Bayesian calibration of the default study by IMIS: the posterior predictive
# interval of every target covers its published figure (issue 13). Minutes.
set -eu
log=$(mktemp)
status=0
LONG_IMIS_TEST=1 go test -count=1 -run TestIMISDefaultStudyCovers -timeout 60m -v . >"$log" 2>&1 || status=$?
tail -40 "$log"
rm -f "$log"
exit "$status"
