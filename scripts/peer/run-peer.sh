#!/usr/bin/env bash
# Runs the reference Python mushroom server (PyPI mushroom 0.9.20 on gevent) for interop tests.
# Usage: run-peer.sh [HOST:PORT | --install-only]   (default 127.0.0.1:0, a free port; the line
#   "Server running at http://HOST:PORT/" on stdout gives the port actually bound)
# Environment: MUSHROOM_PEER_VENV (default $HOME/.cache/mushroom-peer-venv) is created and filled
#   from PyPI on first use; PEER_TICK_MS, PEER_TOKEN, PEER_POLL_TIMEOUT: see mushroom_peer.py.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=${MUSHROOM_PEER_VENV:-$HOME/.cache/mushroom-peer-venv}
if ! "$venv/bin/python" -c 'import mushroom, gevent, geventwebsocket' 2>/dev/null; then
  echo "run-peer.sh: installing the reference server into $venv" >&2
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check \
    mushroom==0.9.20 gevent==26.9.0 gevent-websocket==0.10.1 six >&2
fi
[ "${1:-}" = "--install-only" ] && exit 0
exec "$venv/bin/python" -u "$here/mushroom_peer.py" "${1:-127.0.0.1:0}"
