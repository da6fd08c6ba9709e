"""The reference library's message codec rate, for comparison with `mushroom-bench core`: the same
ticker notification decoded (json.loads + Message.from_list) and encoded (to_list + json.dumps).
Run with the peer's virtualenv: $HOME/.cache/mushroom-peer-venv/bin/python scripts/peer/codec_rate.py
(scripts/peer/run-peer.sh --install-only creates it)."""
import json
import timeit

from mushroom.rpc.messages import Message, Notification

frame = json.dumps([1, 12345, "ticker.tick", {"n": 12345, "ts": 1732450000.123}], separators=(',', ':'))
message = Notification(12345, "ticker.tick", {"n": 12345, "ts": 1732450000.123})
n = 200000
decode = n / timeit.timeit(lambda: Message.from_list(json.loads(frame)), number=n)
encode = n / timeit.timeit(lambda: json.dumps(message.to_list()), number=n)
print("reference.decode (ticker notification)       %d messages/s" % decode)
print("reference.encode (ticker notification)       %d messages/s" % encode)
