#!/usr/bin/env bash
# Writes docs/generated/correctness.md: the values observed by the tests that
# docs/correctness.md quotes (each test asserts a bound; its log says how close
# the simulation came). `go test . -run TestDocsGenerated -update` then copies
# the file into docs/correctness.md. Run from anywhere:
#   bash docs/correctness.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/generated/correctness.md.new
logs() { # the t.Logf lines of one package's tests, without file:line
  go test "$1" -run "$2" -count 1 -v | grep -E '^\s+[a-z_]+_test\.go:[0-9]+: ' | sed -E 's/^\s+[a-z_]+_test\.go:[0-9]+: /    /'
}
{
  echo "<!-- written by docs/correctness.sh with $(go env GOVERSION) -->"
  echo
  echo "Observed by the tests (\`go test -v\`; each test asserts the bound stated above):"
  echo
  echo '```text'
  echo "TestReferenceOccupancyMatchesMatrixExponential (sim):"
  logs ./sim 'TestReferenceOccupancyMatchesMatrixExponential$'
  echo "TestReportedSEsMatchReplication (sim):"
  logs ./sim 'TestReportedSEsMatchReplication$' | LC_ALL=C sort
  echo "TestPSABandIsWiderThanMonteCarloAndShrinksWithCounts (sim):"
  logs ./sim 'TestPSABandIsWiderThanMonteCarloAndShrinksWithCounts$'
  echo "TestPairedSEsMatchReplication (sim):"
  logs ./sim 'TestPairedSEsMatchReplication$'
  echo "TestPairedIntervalIsMuchNarrower (sim):"
  logs ./sim 'TestPairedIntervalIsMuchNarrower$'
  echo "TestFastLogMatchesMathLog (sim):"
  logs ./sim 'TestFastLogMatchesMathLog$'
  echo "TestCalibrateRecovers (fit):"
  logs ./fit 'TestCalibrateRecovers$' | sed -E 's/, [0-9.]+(ms|s|µs); objective/; objective/'
  echo '```'
} > "$out"
mv "$out" docs/generated/correctness.md
echo "wrote docs/generated/correctness.md"
