import Foundation
import MushroomClient
import MushroomLoad
import MushroomRPC
import MushroomTestSupport
import Testing

/// Thousands of idle WebSocket sessions on one `mushroom serve` over loopback, opened by one
/// process (`IdleSessions`): a broadcast reaches every one of them, and the server holds at most
/// 12 KiB of resident memory per idle session. The test raises its own file-descriptor limit and
/// gives the server one as large.
///
/// 4,000 sessions by default (`MUSHROOM_SESSIONS` sets another count): the debug build `swift test`
/// runs opens about 330 sessions a second on a 2-core machine, so 10,000 took 45 s of the
/// minute a test may take in CI. `mushroom bench --scenario sessions` opens 10,000 on a release build.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct ManySessionsTests {
    static let count = ProcessInfo.processInfo.environment["MUSHROOM_SESSIONS"].flatMap { Int($0) } ?? 4_000

    @Test func aBroadcastReachesEverySession() async throws {
        // Each end holds a socket per session, and some more.
        let descriptors = Self.count + 2 * DescriptorLimit.reserve
        try DescriptorLimit.raise(toAtLeast: descriptors, for: "\(Self.count) sessions")
        let server = try await ServeProcess.start(
            arguments: ["--demo", "--tick-ms", "0", "--no-traffic", "--ping-ms", "0", "--log-level", "error"],
            descriptorLimit: descriptors)
        let clock = ContinuousClock()
        let started = clock.now
        let idleKiB = try ProcessMemory.residentKiB(of: server.processIdentifier)
        let sessions = try await IdleSessions.open(url: server.url, count: Self.count)
        let opened = clock.now
        try await Task.sleep(for: .seconds(1))
        let perSessionKiB = Double(try ProcessMemory.residentKiB(of: server.processIdentifier) - idleKiB) / Double(Self.count)
        let publisher = try await MushroomClient.connect(url: server.url, transports: [.webSocket], handler: ClosureHandler { _ in .null })

        sessions.expect(perSession: 1)
        let answer = try await publisher.request("publish", ["method": .string(LoadOptions.fanoutMethod), "data": "to all"])
        let reached = await sessions.waitUntilEachReceived(timeout: .seconds(30))
        print("""
            \(Self.count) sessions: opened in \(opened - started), \(String(format: "%.1f", perSessionKiB)) KiB of server RSS \
            each, a broadcast reached \(reached) in \(String(format: "%.3f", sessions.lastRoundSeconds)) s
            """)
        await publisher.close()
        await sessions.close()
        _ = await server.stop()

        #expect(answer == .integer(Int64(Self.count + 1)))  // and the publisher's own session
        #expect(reached == Self.count)
        #expect(sessions.delivered == Self.count)
        #expect(sessions.dropped == 0)
        #expect(perSessionKiB <= 12)
    }
}
