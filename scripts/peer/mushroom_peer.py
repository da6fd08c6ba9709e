"""The reference mushroom server (PyPI `mushroom` 0.9.20 on gevent) with a few methods and a
ticker, for interoperability tests. Start it with `run-peer.sh [HOST:PORT]`; port 0 picks a free
port, and the line `Server running at http://HOST:PORT/` names the port actually bound.

Requests:
  echo(data)            -> data
  add([numbers])        -> their sum
  slow(seconds)         -> "done" after sleeping that long (default 1)
  fail(data)            -> Error reply (RequestException; the reference sends "")
  boom()                -> Error reply "Internal server error"
  ask_client(data)      -> asks the calling client `client.ping` with data (5 s timeout) and
                           returns its answer
  publish({"method": m, "data": d}) -> notifies every session, returns the session count
Every session gets `ticker.tick` {"n": int, "ts": float} every PEER_TICK_MS milliseconds
(default 200; 0 turns the ticker off).
PEER_TOKEN: when set, bootstrap auth must be {"token": PEER_TOKEN}, else 401.
PEER_POLL_TIMEOUT: seconds a poll is held without news (reference default 40).
"""
import json
import os
import signal
import sys
import time

import gevent
from gevent import socket
import mushroom.http as mhttp
from mushroom.rpc import RequestException
from mushroom.simple import SimpleServer


def _request_init(self, environ):
    # gevent-websocket >= 0.10 hands the upgraded socket to the application: reading the body of
    # an upgrade request, as mushroom 0.9.20 does, would swallow WebSocket frames.
    self.environ = environ
    self.method = environ['REQUEST_METHOD']
    self.raw_data = b'' if 'wsgi.websocket' in environ else environ['wsgi.input'].read()
    self.data = json.loads(self.raw_data) if self.raw_data else None
    self.path = [p for p in environ['PATH_INFO'].split('/') if p]


mhttp.HttpRequest.__init__ = _request_init
if os.environ.get('PEER_POLL_TIMEOUT'):
    mhttp.PollTransport.timeout = float(os.environ['PEER_POLL_TIMEOUT'])


class Peer(SimpleServer):

    def server_init(self):
        self.tick_ms = int(os.environ.get('PEER_TICK_MS', '200'))
        if self.tick_ms > 0:
            gevent.spawn(self.ticker)

    def ticker(self):
        n = 0
        while True:
            gevent.sleep(self.tick_ms / 1000.0)
            n += 1
            self.sessions.notify('ticker.tick', {'n': n, 'ts': time.time()})

    def session_authenticate(self, session, auth):
        token = os.environ.get('PEER_TOKEN')
        return not token or auth == {'token': token}

    def rpc_echo(self, request):
        return request.data

    def rpc_add(self, request):
        return sum(request.data)

    def rpc_slow(self, request):
        gevent.sleep(float(request.data or 1))
        return 'done'

    def rpc_fail(self, request):
        raise RequestException(request.data)

    def rpc_boom(self, request):
        raise ValueError('boom')

    def rpc_ask_client(self, request):
        return request.session.request('client.ping', request.data, timeout=5)

    def rpc_publish(self, request):
        self.sessions.notify(request.data['method'], request.data.get('data'))
        return len(self.sessions)


def main():
    # A parent may have blocked signals (threads of a test runner do); stopping must work anyway.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    host, _, port = (sys.argv[1] if len(sys.argv) > 1 else '127.0.0.1:0').rpartition(':')
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, int(port)))
    listener.listen(128)
    server = Peer(listener)
    print('Server running at http://%s:%d/' % listener.getsockname()[:2])
    server.run()


if __name__ == '__main__':
    main()
