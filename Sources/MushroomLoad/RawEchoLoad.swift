import Logging
import MushroomClient
import MushroomRPC
import WSClient

/// Drives a `RawEchoServer` the way `echo` and `pipeline` drive a mushroom server, without the
/// protocol: each connection sends the same Request frames (`[2,ID,"echo",PAYLOAD]`), one text
/// frame each, keeps `depth` in flight and sends the next as each echo returns.
public enum RawEchoLoad {
    /// Runs the load against `url` (`ws://HOST:PORT/`); throws `EndpointError` when it is not a
    /// usable WebSocket URL. The figures are named `raw.echo` for depth 1 and `raw.pipeline` otherwise.
    public static func run(
        url: String, connections: Int = 1, depth: Int = 1, duration: Duration = .seconds(5), warmup: Duration = .seconds(1)
    ) async throws -> LoadResult {
        let url = try Endpoint(parsing: url, schemes: [.ws, .wss]).url
        let timeline = LoadTimeline()
        let recorder = LatencyRecorder()
        let tally = LoadTally()
        // Each connection reports when it is open; the clock starts once all are.
        let (opened, opening) = AsyncStream<Void>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<connections {
                group.addTask {
                    try await exchange(url: url, depth: depth, timeline: timeline, recorder: recorder, tally: tally) { opening.yield() }
                }
            }
            group.addTask {
                var open = 0
                for await _ in opened {
                    open += 1
                    if open == connections { break }
                }
                await timeline.run(warmup: warmup, duration: duration)
            }
            // The first failure (a refused connection) ends the run; the other tasks are cancelled.
            while try await group.next() != nil {}
        }
        return LoadResult(
            name: depth == 1 ? "raw.echo" : "raw.pipeline", noun: "echoes",
            setup: "\(connections) \(connections == 1 ? "connection" : "connections"), \(depth) in flight per connection, "
                + "bare WebSocket (Hummingbird server, WSClient client)",
            counts: tally.counts, measuredSeconds: timeline.measuredSeconds, latency: recorder.summary)
    }

    /// One connection: fills the window, then answers every echo with the next frame until the
    /// timeline drains and the last echo is back.
    private static func exchange(
        url: String, depth: Int, timeline: LoadTimeline, recorder: LatencyRecorder, tally: LoadTally,
        opened: @escaping @Sendable () -> Void
    ) async throws {
        var configuration = WebSocketClientConfiguration(maxFrameSize: RawEchoServer.maximumFrameSize)
        configuration.validateUTF8 = true
        var logger = Logger(label: "mushroom.raw-echo")
        logger.logLevel = .critical
        try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
            opened()
            // Echoes come back in order, so the send time of echo k sits in slot k % depth.
            var sendTimes = [UInt64](repeating: 0, count: depth)
            var sent = 0
            func sendNext() async throws {
                sendTimes[sent % depth] = LoadTimeline.now()
                try await outbound.write(.text(String(decoding: frame(sent), as: UTF8.self)))
                sent += 1
            }
            for _ in 0..<depth { try await sendNext() }
            var received = 0
            for try await _ in inbound.messages(maxSize: RawEchoServer.maximumFrameSize) {
                let latency = LoadTimeline.now() - sendTimes[received % depth]
                received += 1
                let counted = timeline.isMeasuring
                if counted { recorder.record(nanoseconds: latency) }
                tally.update { counts in
                    counts.answered += 1
                    if counted { counts.measured += 1 }
                }
                if !timeline.isDraining {
                    try await sendNext()
                } else if received == sent {
                    break
                }
            }
            tally.update { $0.sent += sent }
            try await outbound.close(.normalClosure, reason: nil)
        }
    }

    /// The Request frame our clients send for an `echo` call with id `id`.
    static func frame(_ id: Int) -> [UInt8] {
        Message.request(.init(id: id, method: "echo", data: LoadOptions.echoPayload)).frame
    }
}
