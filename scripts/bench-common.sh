# What the benchmark scripts share, sourced at their start: the settings from the environment
# (BENCH_DURATION, BENCH_WARMUP, BENCH_DEPTH, BENCH_FANOUT, BENCH_FANOUT_DEPTH, BENCH_LOG), a work
# folder removed on exit with every server started, `start` (a server on a free port), `answers`
# (wait for it), `figure` (read a --json figure) and `run` (one load, its figures kept in $log).
# `answers` and the loads use $bin, the release build's folder, which the script sets after
# sourcing. Messages name the sourcing script.
script=$(basename "$0" .sh)
duration=${BENCH_DURATION:-5}
warmup=${BENCH_WARMUP:-1}
depth=${BENCH_DEPTH:-64}
fanout=${BENCH_FANOUT:-100}
fanout_depth=${BENCH_FANOUT_DEPTH:-10}
work=$(mktemp -d)
log=${BENCH_LOG:-$work/runs.log}
: > "$log"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME COMMAND...: runs a server in the background on a free loopback port (port 0) and
# sets $url from its "... running at URL" line once it appears.
start() {
  local name=$1; shift
  "$@" > "$work/$name.out" 2> "$work/$name.err" &
  pids+=($!)
  url=""
  for _ in $(seq 1 300); do
    url=$(sed -n 's/.*running at \([a-z]*:\/\/[^ ]*\).*/\1/p' "$work/$name.out" | head -n 1)
    [ -n "$url" ] && break
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then
      echo "$script: $name exited before listening:" >&2
      cat "$work/$name.err" >&2
      exit 1
    fi
    sleep 0.1
  done
  if [ -z "$url" ]; then echo "$script: $name did not start listening within 30 s" >&2; exit 1; fi
}

# answers URL [OPTION...]: waits until a mushroom server answers an echo request (the options go
# to `mushroom call`, e.g. --cacert).
answers() {
  for _ in $(seq 1 100); do
    [ "$("$bin/mushroom" call "$1" echo 1 --timeout 2 "${@:2}" 2>/dev/null)" = "1" ] && return 0
    sleep 0.2
  done
  echo "$script: $1 does not answer" >&2
  exit 1
}

# figure NAME FILE: the value of figure NAME in a --json output.
figure() {
  sed -n "s/^{\"name\":\"$1\",\"value\":\([^,]*\),.*/\1/p" "$2" | head -n 1
}

# run LABEL COMMAND...: runs one load with --json, keeps its output in the log.
run() {
  local label=$1; shift
  echo "== $label: $*" >&2
  { echo "== $label: $*"; } >> "$log"
  "$@" --duration "$duration" --warmup "$warmup" --json > "$work/$label.json" 2>> "$log" || {
    echo "$script: $label failed:" >&2; tail -n 5 "$log" >&2; exit 1; }
  cat "$work/$label.json" >> "$log"
}

