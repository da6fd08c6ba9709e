#!/usr/bin/env bash
# Compares the Swift mushroom server with the reference Python server (scripts/peer) under the
# same load generator (`mushroom bench`), in one run on this machine, and both with the raw
# WebSocket echo baseline (`mushroom-bench raw-echo`: bare Hummingbird server, WSClient client,
# the same frames) as the practical limit. Builds release first. Takes about two minutes.
#
# Usage: scripts/bench-vs-reference.sh
# Environment: BENCH_DURATION (seconds measured per run, default 5), BENCH_WARMUP (default 1),
#   BENCH_DEPTH (pipeline depth, default 64: the Swift server handles at most 64 requests of one
#   session at once and refuses the rest, so a deeper pipeline would measure refusals),
#   BENCH_FANOUT (fan-out subscriber connections, default 100), BENCH_FANOUT_DEPTH (publishes in
#   flight, default 10), BENCH_LOG (a file to keep every run's figures in; by default they are
#   printed at the end).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/bench-common.sh
source "$root/scripts/bench-common.sh"

echo "== building release" >&2
swift build -c release >&2
bin=$(swift build -c release --show-bin-path)
scripts/peer/run-peer.sh --install-only

export PEER_TICK_MS=0  # no ticker on the reference, like --tick-ms 0 on ours
start reference scripts/peer/run-peer.sh 127.0.0.1:0; reference=$url
start swift "$bin/mushroom" serve --demo --port 0 --tick-ms 0 --no-traffic --ping-ms 0 --log-level error; swift=$url
start raw "$bin/mushroom-bench" raw-echo-server --port 0; raw=$url
answers "$reference"
answers "$swift"
echo "== reference $reference, swift $swift, raw echo $raw" >&2

run swift-echo "$bin/mushroom" bench "$swift" --scenario echo
run reference-echo "$bin/mushroom" bench "$reference" --scenario echo
run raw-echo "$bin/mushroom-bench" raw-echo --url "$raw" --depth 1
run swift-pipeline "$bin/mushroom" bench "$swift" --scenario pipeline --depth "$depth"
run reference-pipeline "$bin/mushroom" bench "$reference" --scenario pipeline --depth "$depth"
run raw-pipeline "$bin/mushroom-bench" raw-echo --url "$raw" --depth "$depth"
run swift-fanout "$bin/mushroom" bench "$swift" --scenario fanout --connections "$fanout" --depth "$fanout_depth"
run reference-fanout "$bin/mushroom" bench "$reference" --scenario fanout --connections "$fanout" --depth "$fanout_depth"

# row LABEL SCENARIO RAWNAME: one line of the table.
row() {
  local label=$1 scenario=$2 raw_figure=$3
  local ours theirs ours_p50 theirs_p50 ours_errors theirs_errors
  ours=$(figure "$scenario.throughput" "$work/swift-$scenario.json")
  theirs=$(figure "$scenario.throughput" "$work/reference-$scenario.json")
  ours_p50=$(figure "$scenario.latency.p50" "$work/swift-$scenario.json")
  theirs_p50=$(figure "$scenario.latency.p50" "$work/reference-$scenario.json")
  ours_errors=$(figure "$scenario.errors" "$work/swift-$scenario.json")
  theirs_errors=$(figure "$scenario.errors" "$work/reference-$scenario.json")
  local raw_value="" raw_p50=""
  if [ -n "$raw_figure" ]; then
    raw_value=$(figure "$raw_figure.throughput" "$work/raw-$scenario.json")
    raw_p50=$(figure "$raw_figure.latency.p50" "$work/raw-$scenario.json")
  fi
  awk -v label="$label" -v ours="$ours" -v theirs="$theirs" -v op="$ours_p50" -v tp="$theirs_p50" \
      -v raw="$raw_value" -v rp="$raw_p50" -v oe="$ours_errors" -v te="$theirs_errors" 'BEGIN {
    ratio = theirs > 0 ? sprintf("%.1fx", ours / theirs) : "-"
    rawcol = raw != "" ? sprintf("%10.0f %8.3f", raw, rp) : sprintf("%10s %8s", "-", "-")
    share = raw > 0 ? sprintf("%5.1f%%", 100 * ours / raw) : sprintf("%6s", "-")
    printf "%-28s %10.0f %8.3f %10.0f %8.3f %8s %s %s %7d %7d\n", label, ours, op, theirs, tp, ratio, rawcol, share, oe, te
  }'
}

echo
echo "mushroom: Swift server vs the reference (Python) server, same load generator, $duration s measured after $warmup s warm-up"
echo "($(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(uptime | sed 's/.*load average/load average/'))"
echo
printf "%-28s %10s %8s %10s %8s %8s %10s %8s %6s %7s %7s\n" "scenario" "swift/s" "p50 ms" "ref/s" "p50 ms" "ratio" "raw/s" "p50 ms" "%raw" "errors" "ref err"
row "echo (sequential, 1 conn)" echo raw.echo
row "pipeline (depth $depth, 1 conn)" pipeline raw.pipeline
row "fanout ($fanout conns, msgs/s)" fanout ""
echo
echo "ratio = swift / reference; %raw = swift as a share of the raw WebSocket echo of the same frames."
echo

# target LABEL VALUE MINIMUM UNIT: one line of the verdict on issue 7's targets.
target() {
  awk -v label="$1" -v value="$2" -v minimum="$3" -v unit="$4" 'BEGIN {
    printf "  %-44s %8.1f%s (target %s%s)  %s\n", label, value, unit, minimum, unit, (value >= minimum ? "met" : "MISSED")
  }'
}
value() { figure "$1" "$work/$2.json"; }
echo "Targets of issue 7:"
target "sequential echo vs the reference" \
  "$(awk -v a="$(value echo.throughput swift-echo)" -v b="$(value echo.throughput reference-echo)" 'BEGIN { print a / b }')" 100 x
target "sequential echo vs the raw WebSocket echo" \
  "$(awk -v a="$(value echo.throughput swift-echo)" -v b="$(value raw.echo.throughput raw-echo)" 'BEGIN { print 100 * a / b }')" 50 %
target "pipelined echo (depth $depth) vs the raw echo" \
  "$(awk -v a="$(value pipeline.throughput swift-pipeline)" -v b="$(value raw.pipeline.throughput raw-pipeline)" 'BEGIN { print 100 * a / b }')" 50 %
target "fan-out to $fanout connections vs the reference" \
  "$(awk -v a="$(value fanout.throughput swift-fanout)" -v b="$(value fanout.throughput reference-fanout)" 'BEGIN { print a / b }')" 5 x
echo
echo "Full figures of every run (JSON lines):"
cat "$log"
