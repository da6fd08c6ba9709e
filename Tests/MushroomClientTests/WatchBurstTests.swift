import Foundation
import Logging
import MushroomRPC
import MushroomServer
import MushroomTestSupport
import Testing

/// `mushroom watch` against a burst: what arrives together is written together, and `--count`
/// still stops at exactly that many lines, in order.
@Suite(.timeLimit(.minutes(1)))
struct WatchBurstTests {
    @Test func aBurstIsPrintedInOrderAndCountStopsWithinIt() async throws {
        var configuration = MushroomServerConfiguration()
        configuration.port = 0
        configuration.logger = Logger(label: "test.watch")
        configuration.logger.logLevel = .critical
        let server = try await MushroomServer(configuration: configuration).start()
        async let watched = runChildProcess(builtMushroomExecutable, arguments: ["watch", server.url, "--json", "--count", "7"])
        for _ in 0..<400 where server.sessions.count == 0 { try await Task.sleep(for: .milliseconds(25)) }
        for _ in 0..<400 where !(server.sessions.all.first?.engine.isAttached ?? false) { try await Task.sleep(for: .milliseconds(25)) }
        for number in 0..<20 { try server.sessions.notify("burst", .integer(Int64(number))) }
        let result = try await watched
        await server.shutdown()
        #expect(result.status == 0)
        #expect(result.stdout == (0..<7).map { #"{"id":\#($0),"method":"burst","data":\#($0)}"# + "\n" }.joined())
    }
}
