import MushroomLoad
import Testing

/// The raw WebSocket echo baseline: every frame sent comes back, sequentially and pipelined.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct RawEchoTests {
    @Test(arguments: [1, 16])
    func everyFrameIsEchoed(depth: Int) async throws {
        let (ports, listening) = AsyncStream<Int>.makeStream()
        let server = Task { try await RawEchoServer.run(port: 0) { listening.yield($0) } }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let result = try await RawEchoLoad.run(
            url: "ws://127.0.0.1:\(port)/", connections: 2, depth: depth, duration: .milliseconds(300), warmup: .milliseconds(100))
        #expect(result.counts.sent >= 2 * depth)
        #expect(result.counts.answered == result.counts.sent)
        #expect(result.counts.measured <= result.counts.answered)
        #expect(result.latency.count == result.counts.measured)
        #expect(result.name == (depth == 1 ? "raw.echo" : "raw.pipeline"))
    }
}
