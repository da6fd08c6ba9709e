#!/usr/bin/env bash
# A cluster's figures beside one node's, in one run on this machine: a throwaway PostgreSQL
# (scripts/test-postgres.sh), three `mushroom serve --demo --cluster` nodes publishing on the
# first and subscribing on the other two, then one plain node (no cluster) under the same load,
# both measured by `mushroom bench --scenario cluster`: publications a second through the
# cluster with BENCH_SUBSCRIBERS subscribers, latency from publishing to delivery at 1000 a
# second, and the time a subscriber with positions takes to recover 10000 publications it
# missed. Builds release first. Needs Debian's postgresql. Takes about half a minute a run.
#
# Usage: scripts/bench-cluster.sh
# Environment: BENCH_RUNS (runs of each, default 2), BENCH_DURATION (seconds of each phase,
#   default 5), BENCH_SUBSCRIBERS (default 100), BENCH_LOG (a file to keep every run's figures in).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${BENCH_RUNS:-2}
subscribers=${BENCH_SUBSCRIBERS:-100}
# shellcheck source=scripts/bench-common.sh
source "$root/scripts/bench-common.sh"

echo "== building release" >&2
swift build -c release --product mushroom >&2
bin=$(swift build -c release --show-bin-path)

eval "$(scripts/test-postgres.sh start)"
trap 'cleanup; scripts/test-postgres.sh stop' EXIT
psql "$MUSHROOM_TEST_POSTGRES_URL" -qc "CREATE DATABASE mushroom_bench"
cluster=${MUSHROOM_TEST_POSTGRES_URL%/postgres}/mushroom_bench
serve=("$bin/mushroom" serve --demo --port 0 --tick-ms 0 --no-traffic --ping-ms 0 --log-level error)
nodes=()
for name in a b c; do
  start "node-$name" "${serve[@]}" --cluster "$cluster" --node "$name"
  answers "$url"
  nodes+=("$url")
done
start single "${serve[@]}"; single=$url; answers "$single"
echo "== cluster ${nodes[*]}, one node $single" >&2

cluster_bench=("$bin/mushroom" bench "${nodes[0]}" --scenario cluster --connections "$subscribers" --subscribe-at "${nodes[1]}" --subscribe-at "${nodes[2]}")
single_bench=("$bin/mushroom" bench "$single" --scenario cluster --connections "$subscribers")
for n in $(seq 1 "$runs"); do
  echo "== run $n: cluster" >&2
  "${cluster_bench[@]}" --duration "$duration" | tee -a "$log"
  echo "== run $n: one node" >&2
  "${single_bench[@]}" --duration "$duration" | tee -a "$log"
done
