#!/usr/bin/env bash
# Regenerates docs/trials.md's figures (PNG at 150 dpi): the power curve with
# the assurance of the grant walk-through (2,000 trials per sample size, 100
# parameter draws of 200 trials each, seed 1) and its example trial's
# Kaplan-Meier figure. Takes a few minutes on 2 cores. Run from anywhere:
#   bash docs/trial_figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/blinasim" .
"$tmp/blinasim" trial examples/trials/second-hsct-vs-none.yaml --trials 2000 --psa 100 --psa-trials 200 --seed 1 \
  --formats png --dpi 150 --out "$tmp/trial" -q > /dev/null
cp "$tmp/trial/power_curve.png" docs/trial_power_curve.png
cp "$tmp/trial/km.png" docs/trial_km.png
echo "wrote docs/trial_power_curve.png and docs/trial_km.png"
