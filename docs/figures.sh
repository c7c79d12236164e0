#!/usr/bin/env bash
# Regenerates the README's figures, docs/survival.png and docs/occupancy.png:
# the default study, 200 000 patients, seed 1, the default single-column size,
# PNG at 150 dpi (a run writes 300 dpi by default). Run from anywhere:
#   bash docs/figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run . run --patients 200000 --seed 1 --formats png --dpi 150 --out "$tmp/run" -q > /dev/null
cp "$tmp/run/survival.png" "$tmp/run/occupancy.png" docs/
echo "wrote docs/survival.png and docs/occupancy.png"
