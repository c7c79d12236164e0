#!/usr/bin/env bash
# `blinasim --version` names the commit it was built from: build this clone
# with VCS stamping (a machine may turn it off in GOFLAGS) and compare the
# revision it prints with git's.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -buildvcs=true -o "$tmp/blinasim" .
got=$("$tmp/blinasim" --version)
echo "$got"
want=$(git rev-parse HEAD)
case "$got" in
  "blinasim "*"revision $want"*) ;;
  *) echo "--version should name revision $want"; exit 1 ;;
esac
