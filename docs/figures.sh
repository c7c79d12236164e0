#!/usr/bin/env bash
# Regenerates the figures of docs/figures.md and docs/whatif.md (PNG at 150 dpi, the default single-column
# size; a run writes 300 dpi by default). Run from anywhere:
#   bash docs/figures.sh
# - docs/survival.png, docs/occupancy.png: the default study, 200 000 patients, seed 1.
# - docs/sequencing_*.png: the sequencing walk-through, 20 000 patients, seed 1.
# - docs/whatif_*.png: the what-if walk-through: no consolidation vs a second
#   alloHSCT after a blinatumomab response (20 000 patients, 200 PSA draws),
#   and the one-way sensitivity of the second-HSCT scenario (3-year OS, 50 000
#   patients per run): the commands docs/whatif.md shows.
# - docs/difference_tornado.png: the sensitivity of that difference (docs/sensitivity.md).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/blinasim" .
bin="$tmp/blinasim"
"$bin" run --patients 200000 --seed 1 --formats png --dpi 150 --out "$tmp/run" -q > /dev/null
cp "$tmp/run/survival.png" "$tmp/run/occupancy.png" docs/
"$bin" compare after-blin-no-consolidation after-blin-second-hsct --patients 20000 --psa 200 --seed 1 \
  --formats png --dpi 150 --out "$tmp/cmp" -q > /dev/null
cp "$tmp/cmp/survival.png" docs/whatif_survival.png
cp "$tmp/cmp/psa_survival.png" docs/whatif_psa_survival.png
"$bin" sensitivity after-blin-second-hsct --outcome os:s36 --patients 50000 --seed 1 --formats png --dpi 150 --out "$tmp/sens" -q > /dev/null
cp "$tmp/sens/tornado.png" docs/whatif_tornado.png
# docs/difference_tornado.png: the tornado of the difference (docs/sensitivity.md), 200 000 patients per run.
"$bin" sensitivity after-blin-no-consolidation after-blin-second-hsct --outcome os:s36 --patients 200000 --seed 1 \
  --formats png --dpi 150 --out "$tmp/diff" -q > /dev/null
cp "$tmp/diff/tornado.png" docs/difference_tornado.png
# docs/sequencing_*.png: the sequencing walk-through (docs/sequencing.md).
"$bin" compare examples/sequencing-hsct.yaml examples/sequencing-cart.yaml --patients 20000 --seed 1 \
  --formats png --dpi 150 --out "$tmp/seq" -q > /dev/null
cp "$tmp/seq/survival.png" docs/sequencing_os.png
"$bin" run examples/sequencing-hsct.yaml --by prior_allo --patients 20000 --seed 1 \
  --formats png --dpi 150 --out "$tmp/seqby" -q > /dev/null
cp "$tmp/seqby/survival.png" docs/sequencing_by_prior.png
# docs/figures/occupancy_{scenarios,by_mrd}.png, survival_by_mrd.png: small multiples (docs/figures.md).
"$bin" compare after-blin-no-consolidation after-blin-second-hsct after-blin-cart --patients 20000 --seed 1 \
  --formats png --dpi 150 --out "$tmp/occ" -q > /dev/null
cp "$tmp/occ/occupancy.png" docs/figures/occupancy_scenarios.png
"$bin" compare sequencing-hsct sequencing-cart --by mrd --patients 20000 --seed 1 \
  --formats png --dpi 150 --out "$tmp/occby" -q > /dev/null
cp "$tmp/occby/occupancy.png" docs/figures/occupancy_by_mrd.png
cp "$tmp/occby/survival.png" docs/figures/survival_by_mrd.png
# docs/figures/after_*.png: the "after" column of docs/figures.md's before/after table, PNG pages
# (pdftoppm -r 72) of the PDFs (the heat map's comes from report's test fixture and is not redrawn here).
command -v pdftoppm > /dev/null || { echo "pdftoppm is missing: apt-get install poppler-utils" >&2; exit 1; }
page() { pdftoppm -png -r 72 -singlefile "$1" "docs/figures/$2"; }
"$bin" run --patients 50000 --seed 1 --formats pdf --out "$tmp/a1" -q > /dev/null
page "$tmp/a1/survival.pdf" after_survival
page "$tmp/a1/survival_from_cr_mrdneg_or_cr_mrdpos.pdf" after_survival_from_cr_crh
page "$tmp/a1/incidence.pdf" after_incidence
page "$tmp/a1/occupancy.pdf" after_occupancy
"$bin" compare after-blin-no-consolidation after-blin-second-hsct after-blin-cart --patients 10000 --psa 50 --seed 1 \
  --formats pdf --out "$tmp/a2" -q > /dev/null
page "$tmp/a2/survival_rfs.pdf" after_compare_survival_rfs
page "$tmp/a2/psa_survival_rfs.pdf" after_psa_survival_rfs
page "$tmp/a2/occupancy.pdf" after_occupancy_scenarios
"$bin" compare sequencing-hsct sequencing-cart --by prior_allo --patients 10000 --seed 1 --formats pdf --out "$tmp/a4" -q > /dev/null
page "$tmp/a4/survival.pdf" after_compare_by_subgroup
"$bin" sensitivity after-blin-second-hsct --outcome os:s36 --patients 10000 --seed 1 --formats pdf --out "$tmp/a3" -q > /dev/null
page "$tmp/a3/tornado.pdf" after_tornado
echo "wrote docs/survival.png, docs/occupancy.png, docs/whatif_{survival,psa_survival,tornado}.png, docs/difference_tornado.png, docs/sequencing_{os,by_prior}.png, docs/figures/occupancy_{scenarios,by_mrd}.png, docs/figures/survival_by_mrd.png and docs/figures/after_*.png"
