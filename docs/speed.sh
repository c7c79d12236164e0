#!/usr/bin/env bash
# Measures the speed and memory figures quoted in docs/speed.md and writes them
# to docs/generated/speed.md (which docs/speed.md includes between markers;
# TestDocsGenerated checks that the two agree). Run from anywhere:
#   bash docs/speed.sh
# It takes several minutes. Say in a commit whether the machine was shared:
# timings on a loaded machine are slower, allocation and memory are not.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/blinasim" .
bin="$tmp/blinasim"
out=docs/generated/speed.md.new
bench() { # the benchmark lines of `go test "$@"`, without the package's ok line
  go test "$@" | grep -E '^Benchmark' | sed -E 's/[[:space:]]+/ /g'
}
peak() { # peak resident memory (MB) and wall time of a command
  /usr/bin/time -f '%M %e' -o "$tmp/time" "$@" > /dev/null
  awk '{printf "%.0f MB peak resident memory, %.1f s", $1/1024, $2}' "$tmp/time"
}
{
  echo "<!-- written by docs/speed.sh on $(go env GOOS)/$(go env GOARCH), $(nproc) cores, $(go env GOVERSION); load average at start: $(cut -d' ' -f1-3 /proc/loadavg) -->"
  echo
  echo '`go test ./sim -run '"'"'^$'"'"' -bench '"'"'Run$'"'"' -benchtime 5x -count 3 -benchmem`:'
  echo
  echo '```text'
  bench ./sim -run '^$' -bench 'Run$' -benchtime 5x -count 3 -benchmem
  echo '```'
  echo
  echo 'One patient at a time (a second of patients per line, so the figure is not the start-up of the first few):'
  echo '`go test ./sim -run '"'"'^$'"'"' -bench Patient -count 3 -benchmem`:'
  echo
  echo '```text'
  bench ./sim -run '^$' -bench Patient -count 3 -benchmem
  echo '```'
  echo
  echo '`go test ./sim -run '"'"'^$'"'"' -bench PSA -benchtime 1x -count 3 -benchmem`:'
  echo
  echo '```text'
  bench ./sim -run '^$' -bench PSA -benchtime 1x -count 3 -benchmem
  echo '```'
  echo
  echo '`go test . -run '"'"'^$'"'"' -bench OneWay -benchtime 5x -count 3`:'
  echo
  echo '```text'
  bench . -run '^$' -bench OneWay -benchtime 5x -count 3
  echo '```'
  echo
  echo '`go test ./report -run '"'"'^$'"'"' -bench ManyScenarios -benchtime 5x -count 3 -benchmem`:'
  echo
  echo '```text'
  bench ./report -run '^$' -bench ManyScenarios -benchtime 5x -count 3 -benchmem
  echo '```'
  echo
  echo '`go test ./fit -run '"'"'^$'"'"' -bench Calibrate4x5 -benchtime 1x -count 1`:'
  echo
  echo '```text'
  bench ./fit -run '^$' -bench Calibrate4x5 -benchtime 1x -count 1
  echo '```'
  echo
  echo "Memory does not grow with the number of patients (\`/usr/bin/time\`, \`blinasim run examples/reference-5state.yaml --patients N -q\`):"
  echo
  for n in 1000000 100000000; do
    echo "- N = $n: $(peak "$bin" run examples/reference-5state.yaml --patients $n -q --out "$tmp/mem$n")"
  done
  echo
  "$bin" calibrate stein2019-adult-post-allohsct -q --out "$tmp/cal" > /dev/null 2> "$tmp/cal.err"
  echo "Calibration of the default study (\`blinasim calibrate stein2019-adult-post-allohsct\`, its \`calibrate:\` settings): $(grep -o '[0-9]* evaluations in [0-9.a-zµ]*' "$tmp/cal/fit.md" | head -n 1 || true)"
  echo
  echo "The logarithm behind every draw (\`go test ./sim -run TestFastLogMatchesMathLog -v\`): $(go test ./sim -run 'TestFastLogMatchesMathLog$' -count 1 -v | grep -o 'largest difference from math.Log: [0-9.]* ulp')."
} > "$out"
mv "$out" docs/generated/speed.md
echo "wrote docs/generated/speed.md"
