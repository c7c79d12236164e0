#!/usr/bin/env bash
# Every benchmark runs once, so that one that no longer runs (its fixture
# drifted from a shipped model, say) fails CI instead of docs/speed.sh on the
# day someone measures. Timings here mean nothing: docs/speed.sh measures.
set -euo pipefail
go test ./... -run '^$' -bench . -benchtime 1x > /dev/null
echo "every benchmark ran once"
