#!/usr/bin/env bash
# End-to-end: a real one-node Slurm (Debian's slurm-wlm and munge), started
# here on localhost with a minimal slurm.conf, runs the script of
# `blinasim plan slurm` for a sharded PSA (6 shards on a cluster whose
# MaxArraySize is 4, so two tasks run two shards each; the first task submits
# the merge, which waits on the array with --dependency=afterok); the merged
# outputs must equal an unsharded run's byte for byte (manifest.json aside).
# Then the same for the sensitivity of a difference (sensitivity BASE
# SCENARIO) in 3 shards.
# It fails, never skips, when Slurm cannot start. Run from the repo root with
# CI_BIN naming the built binary; as root (slurmd runs jobs as root).
set -euo pipefail
t0=$(date +%s.%N)
bin=$(readlink -f "${CI_BIN:?set CI_BIN to the built blinasim}")



need="apt-get install -y slurm-wlm munge"
for c in munged mungekey slurmctld slurmd sbatch squeue scontrol; do
  command -v "$c" > /dev/null || { echo "slurm step: $c is missing: $need (or list them in .ci/packages.txt)"; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "slurm step: must run as root (slurmd runs the jobs and needs root to start)"; exit 1; }

work=$(mktemp -d)
pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2> /dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT
fail() {
  echo "slurm step: $*"
  for f in "$work"/*.log "$work"/*.out; do [ -e "$f" ] && { echo "--- $f"; tail -n 30 "$f"; }; done
  exit 1
}
mkdir -p "$work/state" "$work/spool" "$work/munge"
chmod 711 "$work/munge"

# munge, on a private socket with a fresh key.
mungekey -c -k "$work/munge/munge.key" > /dev/null 2>&1 || dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged -F -f --socket="$work/munge/munge.sock" --key-file="$work/munge/munge.key" --pid-file="$work/munge/munged.pid" \
  --log-file="$work/munged.log" --seed-file="$work/munge/seed" > "$work/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$work/munge/munge.sock" ] && break; sleep 0.1; done
[ -S "$work/munge/munge.sock" ] || fail "munged did not start"

# slurm.conf: this node as slurmd -C sees it (its real CPUs and memory), on
# ports of its own so as not to meet another Slurm.
node=$(slurmd -C | head -n 1)
host=$(hostname -s)
cat > "$work/slurm.conf" <<CONF
ClusterName=blinasim-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.sock
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MaxArraySize=4
MinJobAge=600
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=ci Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -D -c -f "$SLURM_CONF" > "$work/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" > "$work/slurmd.out" 2>&1 &
pids+=($!)
up=""
for _ in $(seq 100); do
  if sinfo -h -o '%t' 2> /dev/null | grep -qE '^(idle|mix|alloc)'; then up=1; break; fi
  sleep 0.2
done
[ -n "$up" ] || fail "Slurm did not start: the node is not idle ($(sinfo -h -o '%t' 2>&1 || true))"
t_up=$(date +%s.%N)

# The plan: MaxArraySize comes from scontrol show config.
cd "$work"
"$bin" plan slurm --shards 6 --cpus 1 --parts parts --merged merged --file psa.sbatch -- \
  run stein2019-adult-post-allohsct --patients 4000 --psa 12 --formats svg
grep -q -- '--array=0-3' psa.sbatch || fail "the plan does not respect MaxArraySize=4: $(grep -- --array psa.sbatch)"
# await FILE WHAT JOB: wait up to 60 s for the array and then the merge job it
# submitted to leave the queue, with the merge's FILE written.
await() {
  for _ in $(seq 600); do
    q=$(squeue -h -o '%i %r' 2> /dev/null || true)
    [ -s "$1" ] && [ -z "$q" ] && return 0
    case "$q" in *DependencyNeverSatisfied*) fail "a shard of $2 failed, so its merge will never run: $q" ;; esac
    sleep 0.1
  done
  fail "no merged $2 after 60 s (job $3): $(squeue 2>&1)"
}
job=$(BLINASIM="$bin" sbatch --parsable psa.sbatch) || fail "sbatch refused the plan"
await merged/summary.md "PSA" "$job"
t_done=$(date +%s.%N)
n=$(ls parts/*.blinasim-part | wc -l)
[ "$n" = 6 ] || fail "$n part files, want 6"

"$bin" run stein2019-adult-post-allohsct --patients 4000 --psa 12 --formats svg --out whole -q > /dev/null
# Every file the same but the manifest, and its copy in report.html.
diff -r -x manifest.json -x report.html whole merged || fail "the merged outputs differ from the unsharded run's"
if [ -e whole/report.html ]; then
  nomanifest() { sed '/<section id="manifest">/,/<\/section>/d' "$1"; }
  diff <(nomanifest whole/report.html) <(nomanifest merged/report.html) || fail "report.html differs beyond its manifest"
fi
[ "$(ls whole | wc -l)" -gt 10 ] || fail "too few outputs: $(ls whole)"

# The sensitivity of a difference (BASE SCENARIO) in 3 shards, merged: the
# same bytes as the analysis run whole (manifest.json aside).
t_diff=$(date +%s.%N)
diffargs=(sensitivity after-blin-no-consolidation after-blin-second-hsct --outcome os:s36 --patients 2000 --formats svg)
"$bin" plan slurm --shards 3 --cpus 1 --parts diffparts --merged diffmerged --file diff.sbatch -- "${diffargs[@]}"
grep -q -- '--array=0-2' diff.sbatch || fail "the difference plan has not 3 tasks: $(grep -- --array diff.sbatch)"
job=$(BLINASIM="$bin" sbatch --parsable diff.sbatch) || fail "sbatch refused the difference plan"
await diffmerged/sensitivity.md "difference analysis" "$job"
t_diff_done=$(date +%s.%N)
n=$(ls diffparts/*.blinasim-part | wc -l)
[ "$n" = 3 ] || fail "$n difference part files, want 3"
"$bin" "${diffargs[@]}" --out diffwhole -q > /dev/null
diff -r -x manifest.json diffwhole diffmerged || fail "the merged difference analysis differs from the unsharded one"
grep -q 'sensitivity of the difference after-blin-second-hsct − after-blin-no-consolidation' diffmerged/sensitivity.md ||
  fail "the merged analysis is not of the difference: $(head -n 3 diffmerged/sensitivity.md)"
awk -v a="$t0" -v b="$t_up" -v c="$t_done" -v e="$t_diff" -v f="$t_diff_done" -v d="$(date +%s.%N)" 'BEGIN {
  printf "slurm step: ok: Slurm up in %.1f s, sharded PSA (6 shards, 4 array tasks) and merge in %.1f s, ", b - a, c - b
  printf "sensitivity of a difference (3 shards) and merge in %.1f s, %.1f s in all\n", f - e, d - a }'
