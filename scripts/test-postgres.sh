#!/usr/bin/env bash
# A throwaway PostgreSQL for the cluster tests, on 127.0.0.1 only, in a temporary folder:
#
#   eval "$(scripts/test-postgres.sh start)"   # prints the exports the tests read
#   swift test
#   scripts/test-postgres.sh stop              # reads MUSHROOM_TEST_POSTGRES_STATE
#
# Each start has a folder of its own and the first free port from 55432, so several can run.
# The server asks TCP clients for a password (postgres:mushroom). initdb refuses to run as root, so as root the server runs as the `postgres` user (Debian's
# postgresql package creates it). The tests find the server through MUSHROOM_TEST_POSTGRES_URL
# and restart it (one test does) with MUSHROOM_TEST_POSTGRES_RESTART.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "test-postgres: no PostgreSQL server found under /usr/lib/postgresql (install Debian's postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
  port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  state=$(mktemp -d /tmp/mushroom-test-postgres.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres "$state"
  as_owner "$bin/initdb" -D "$state/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$state/initdb.log" 2>&1 \
    || { cat "$state/initdb.log" >&2; exit 1; }
  ctl="$bin/pg_ctl -D $state/data -l $state/server.log -w -o '-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$state -c max_connections=200'"
  as_owner sh -c "$ctl start" >/dev/null || { cat "$state/server.log" >&2; exit 1; }
  # Over TCP the server asks for a password, so that the tests can also give a wrong one.
  as_owner "$bin/psql" -q -h "$state" -p "$port" -U postgres -d postgres -c "ALTER USER postgres PASSWORD 'mushroom'"
  restart="$ctl -m fast restart"
  [ "$(id -u)" -eq 0 ] && restart="runuser -u postgres -- sh -c \"$restart\""
  echo "export MUSHROOM_TEST_POSTGRES_STATE='$state'"
  echo "export MUSHROOM_TEST_POSTGRES_URL='postgresql://postgres:mushroom@127.0.0.1:$port/postgres'"
  printf 'export MUSHROOM_TEST_POSTGRES_RESTART=%q\n' "$restart"
  ;;
stop)
  state=${MUSHROOM_TEST_POSTGRES_STATE:?"set by start"}
  [ -d "$state/data" ] && as_owner "$bin/pg_ctl" -D "$state/data" -m fast -w stop >/dev/null || true
  rm -rf "$state"
  ;;
*)
  echo "usage: scripts/test-postgres.sh start | stop" >&2
  exit 2
  ;;
esac
