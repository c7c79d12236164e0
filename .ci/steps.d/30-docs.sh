#!/usr/bin/env bash
# The complete documentation check: every command of README.md and docs/,
# including the go commands (go run, go build, go install) and ```sh slow
# blocks that the quick check in `go test ./...` leaves out, with the outputs
# the pages show (docs/README.md).
set -euo pipefail
DOCS_TEST_ALL=1 go test . -run 'TestDocsComplete' -count 1 -v
