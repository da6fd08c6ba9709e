#!/usr/bin/env bash
# The cost of TLS: the same `mushroom serve --demo` over plain http/ws and over https/wss (a
# P-256 certificate made with openssl for 127.0.0.1), loaded by `mushroom bench` with echo,
# pipeline and fan-out, runs alternating between the two servers, in one run on this machine;
# besides throughput and latency, each server's CPU per operation (/proc/PID/stat over the run,
# warm-up included, divided by the throughput times warm-up and window). Builds release first.
# Needs openssl. Takes about a minute and a half with the defaults.
#
# Usage: scripts/bench-tls.sh
# Environment: BENCH_RUNS (runs per scenario and server, default 2), BENCH_DURATION (seconds
#   measured per run, default 5), BENCH_WARMUP (default 1), BENCH_DEPTH (pipeline depth, default
#   64), BENCH_FANOUT (fan-out subscriber connections, default 100), BENCH_FANOUT_DEPTH (publishes
#   in flight, default 10), BENCH_LOG (a file to keep every run's figures in; by default they are
#   printed at the end).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${BENCH_RUNS:-2}
# shellcheck source=scripts/bench-common.sh
source "$root/scripts/bench-common.sh"

echo "== building release" >&2
swift build -c release --product mushroom >&2
bin=$(swift build -c release --show-bin-path)

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2> /dev/null
serve=("$bin/mushroom" serve --demo --port 0 --tick-ms 0 --no-traffic --ping-ms 0 --log-level error)
start plain "${serve[@]}"; plain=$url; plain_pid=${pids[-1]}
start tls "${serve[@]}" --tls-cert "$work/cert.pem" --tls-key "$work/key.pem"; tls=$url; tls_pid=${pids[-1]}
answers "$plain"
answers "$tls" --cacert "$work/cert.pem"
echo "== plain $plain, tls $tls" >&2

scenarios=(echo pipeline fanout)
options_echo=(--scenario echo)
options_pipeline=(--scenario pipeline --depth "$depth")
options_fanout=(--scenario fanout --connections "$fanout" --depth "$fanout_depth")
# cpu_ticks PID: the process's user and system CPU so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# measure SERVER PID SCENARIO N COMMAND...: one run, and the server's CPU ticks it took, kept
# beside its figures.
measure() {
  local server=$1 pid=$2 label="$1-$3-$4"; shift 4
  local before; before=$(cpu_ticks "$pid")
  run "$label" "$@"
  echo $(( $(cpu_ticks "$pid") - before )) > "$work/$label.ticks"
}

for scenario in "${scenarios[@]}"; do
  declare -n options="options_$scenario"
  for n in $(seq 1 "$runs"); do
    measure plain "$plain_pid" "$scenario" "$n" "$bin/mushroom" bench "$plain" "${options[@]}"
    measure tls "$tls_pid" "$scenario" "$n" "$bin/mushroom" bench "$tls" "${options[@]}" --cacert "$work/cert.pem"
  done
  unset -n options
done

# series SERVER SCENARIO: "throughput p50 ticks" of each run, one run a line.
series() {
  for n in $(seq 1 "$runs"); do
    local file="$work/$1-$2-$n"
    echo "$(figure "$2.throughput" "$file.json") $(figure "$2.latency.p50" "$file.json") $(cat "$file.ticks")"
  done
}

# row SCENARIO LABEL: the runs of both servers, their means, the share of throughput TLS keeps,
# and each server's CPU per operation.
row() {
  local scenario=$1 label=$2
  { series plain "$scenario"; echo "--"; series tls "$scenario"; } | awk -v label="$label" -v hz="$(getconf CLK_TCK)" \
      -v seconds="$(awk -v d="$duration" -v w="$warmup" 'BEGIN { print d + w }')" '
    BEGIN { side = 0 }
    $1 == "--" { side = 1; next }
    {
      n[side]++; sum[side] += $1; p50[side] += $2
      cpu[side] += 1e6 * $3 / hz / ($1 * seconds)
      runs[side] = runs[side] sprintf("%s%.0f", (n[side] > 1 ? " / " : ""), $1)
    }
    END {
      share = 100 * sum[1] / sum[0]
      printf "%-30s %-17s %7.3f %6.2f   %-17s %7.3f %6.2f   %6.1f%%  %s\n", label,
        runs[0], p50[0] / n[0], cpu[0] / n[0], runs[1], p50[1] / n[1], cpu[1] / n[1], share, (share >= 70 ? "met" : "MISSED")
    }'
}

echo
echo "mushroom: the cost of TLS, the same server over plain and TLS, $runs runs each alternating, $duration s measured after $warmup s warm-up"
echo "($(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(uptime | sed 's/.*load average/load average/'))"
echo
printf "%-30s %-17s %7s %6s   %-17s %7s %6s   %7s  %s\n" "scenario" "plain/s (runs)" "p50 ms" "cpu µs" "tls/s (runs)" "p50 ms" "cpu µs" "tls %" "target 70%"
row echo "echo (sequential, 1 conn)"
row pipeline "pipeline (depth $depth, 1 conn)"
row fanout "fanout ($fanout conns, msgs/s)"
echo
echo "tls % = the mean TLS throughput as a share of the mean plain one; p50 is the mean of the runs' medians;"
echo "cpu µs = the server's CPU per request or delivered message, the mean of the runs."
echo
echo "Full figures of every run (JSON lines):"
cat "$log"
