#!/usr/bin/env python3
"""A second, independent mushroom client for the Swift server's tests, using only the Python
standard library: http.client for bootstrap and long poll, a small socket-based WebSocket client.

Usage: raw_client.py SCENARIO BOOTSTRAP_URL
Scenarios: ws, poll, http-errors, auth. Prints one line per check; exits 1 with the reason on the
first failure.
"""
import base64
import hashlib
import http.client
import json
import os
import socket
import struct
import sys
import urllib.parse

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class Failure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)
    print("ok", what.split(":")[0])


def http_request(url, method="POST", body=None, headers=None):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    data = None if body is None else (body if isinstance(body, bytes) else body.encode())
    connection.request(method, parts.path or "/", body=data, headers=headers or {})
    response = connection.getresponse()
    payload = response.read().decode()
    connection.close()
    return response.status, response, payload


def bootstrap(url, transports, auth=None):
    status, _, payload = http_request(url, body=json.dumps({"transports": transports, "auth": auth}),
                                      headers={"Content-Type": "text/plain"})
    if status != 200:
        raise Failure("bootstrap answered %d: %s" % (status, payload))
    return json.loads(payload)


class WebSocket:
    """RFC 6455 client: text frames out (masked), text/close/ping frames in."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        request = ("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n") % (
                       parts.path, parts.hostname, parts.port, key)
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise Failure("connection closed during the WebSocket handshake")
            head += chunk
        lines = head.decode().split("\r\n")
        if " 101 " not in lines[0] + " ":
            raise Failure("WebSocket upgrade refused: " + lines[0])
        headers = {line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip() for line in lines[1:] if ":" in line}
        expected = base64.b64encode(hashlib.sha1(key.encode() + GUID).digest()).decode()
        if headers.get("sec-websocket-accept") != expected:
            raise Failure("bad Sec-WebSocket-Accept")
        self.close_code = None

    def _exactly(self, count):
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise Failure("connection closed mid-frame")
            data += chunk
        return data

    def send_frame(self, opcode, payload):
        header = bytes([0x80 | opcode])
        length = len(payload)
        if length < 126:
            header += bytes([0x80 | length])
        elif length < 65536:
            header += bytes([0x80 | 126]) + struct.pack("!H", length)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", length)
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def send(self, message):
        self.send_frame(0x1, json.dumps(message).encode())

    def receive(self):
        """The next message (parsed JSON), or None once the server closed."""
        while True:
            first, second = self._exactly(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                length = struct.unpack("!H", self._exactly(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self._exactly(8))[0]
            payload = self._exactly(length)
            if opcode == 0x1:
                return json.loads(payload.decode())
            if opcode == 0x8:
                self.close_code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                self.send_frame(0x8, payload[:2])
                self.sock.close()
                return None
            if opcode == 0x9:
                self.send_frame(0xA, payload)


def scenario_ws(url):
    answer = bootstrap(url, ["ws", "poll"])
    check(answer["transport"] == "ws", "bootstrap picks ws: %r" % answer)
    ws = WebSocket(answer["url"])
    ws.send([2, 0, "echo", {"from": "python"}])
    check(ws.receive() == [0, 0], "request acknowledged at once")
    check(ws.receive() == [3, 0, 0, {"from": "python"}], "echo answered")
    ws.send([2, 1, "subscribe", ["orders.*"]])
    check(ws.receive() == [0, 1], "subscribe acknowledged")
    check(ws.receive() == [3, 1, 1, ["orders.*"]], "subscribe answered with the patterns")
    ws.send([2, 2, "nope"])
    check(ws.receive() == [0, 2], "unknown method acknowledged")
    check(ws.receive() == [4, 2, 2, "nope"], "unknown method answered with its name")
    ws.send([-1])
    check(ws.receive() is None and ws.close_code == 1000, "disconnect closes the socket normally: %r" % ws.close_code)


def scenario_poll(url):
    answer = bootstrap(url, ["poll"])
    check(answer["transport"] == "poll", "bootstrap picks poll: %r" % answer)
    session = answer["url"]
    status, _, payload = http_request(session, body=json.dumps([[2, 0, "echo", [1, 2]], [1, 1, "echo", None]]))
    check(status == 200 and payload == "null", "post without heartbeat answers null: %d %s" % (status, payload))
    status, response, payload = http_request(session, body=json.dumps([[0, None]]))
    check(json.loads(payload) == [[3, 0, 0, [1, 2]], [0, 1]], "poll carries the reply and the heartbeat: " + payload)
    check(response.getheader("Access-Control-Allow-Origin") == "*", "poll answer has the CORS header")
    status, _, payload = http_request(session, body=json.dumps([[0, 0], [-1]]))
    check(status == 200, "disconnect accepted: %d" % status)
    status, _, payload = http_request(session, body="[]")
    check(status == 404, "ended session answers 404: %d" % status)


def scenario_http_errors(url):
    status, response, _ = http_request(url, method="GET")
    check(status == 405 and response.getheader("Allow") == "POST", "GET bootstrap is 405 with Allow: POST")
    status, _, payload = http_request(url, body=json.dumps({"transports": ["sse"]}))
    check(status == 501, "no supported transport is 501: %d" % status)
    status, _, payload = http_request(url, body="{not json")
    check(status == 400 and payload.startswith("the bootstrap body is not JSON"), "malformed bootstrap is 400: " + payload)
    status, _, _ = http_request(url + "AAAAAAAAAAAAAAAAAAAAAA/", body="[]")
    check(status == 404, "unknown session is 404: %d" % status)


def scenario_auth(url):
    status, response, _ = http_request(url, body=json.dumps({"transports": ["ws"], "auth": {"token": "wrong"}}))
    check(status == 401 and response.getheader("WWW-Authenticate") == "Mushroom", "bad auth is 401 Mushroom: %d" % status)
    answer = bootstrap(url, ["ws"], auth={"token": "sesame"})
    check(answer["transport"] == "ws", "good auth opens a session")


SCENARIOS = {"ws": scenario_ws, "poll": scenario_poll, "http-errors": scenario_http_errors, "auth": scenario_auth}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in SCENARIOS:
        sys.exit("usage: raw_client.py {%s} BOOTSTRAP_URL" % ",".join(SCENARIOS))
    try:
        SCENARIOS[sys.argv[1]](sys.argv[2])
    except (Failure, OSError, ValueError, KeyError) as error:
        print("FAILED:", error)
        sys.exit(1)
    print("passed", sys.argv[1])
