import DashboardModel
@testable import DashboardUI
import Foundation
import MushroomRPC
import Synchronization
import Testing

/// One dashboard on two servers, each with an engine of its own, on the in-memory surface: both
/// servers' rows and states on screen, `v` showing one alone, the form sending to the server
/// shown, and one server's failure leaving the other's rows flowing.
@Suite struct SeveralServersAppTests {
    private static let size = Size(rows: 40, columns: 120)

    private static func configuration() -> DashboardConfiguration {
        var configuration = DashboardConfiguration()
        configuration.servers = ["prod", "staging"]
        return configuration
    }

    private static func connected(_ engine: Engine, _ name: String) {
        engine.report(.connected(transport: "websocket", url: "ws://\(name)/", sessionID: name))
    }

    /// Whether a line of the surface contains every one of `texts`.
    private static func shows(_ surface: MemorySurface, _ texts: String...) -> Bool {
        surface.lines.contains { line in texts.allSatisfy(line.contains) }
    }

    @Test func twoServersShowMergedThenEachAloneAndTheFormSendsToTheOneShown() async throws {
        let (prod, staging) = (Engine(), Engine())
        let inbox = EventInbox()
        inbox.attach(prod.events(), server: 0)
        inbox.attach(staging.events(), server: 1)
        Self.connected(prod, "prod")
        Self.connected(staging, "staging")
        prod.receive(.notification(.init(id: 1, method: "orders.created", data: ["n": 1])))
        staging.receive(.notification(.init(id: 1, method: "ledger.posted", data: ["n": 2])))
        let sentTo = Mutex<[Int]>([])
        let bursts: [ScriptedTerminal.Burst] = [
            .init([.character("v")]) { surface in
                Self.shows(surface, "prod connected", "staging connected", "view: all servers")
                    && Self.shows(surface, "prod", "orders.created") && Self.shows(surface, "staging", "ledger.posted")
            },
            .init([.character("v")]) { surface in
                Self.shows(surface, "notifications prod") && !surface.lines.contains { $0.contains("ledger.posted") }
            },
            .init([.character("f")] + "ledger.sum".map(Key.character) + [.enter]) { surface in
                Self.shows(surface, "notifications staging") && Self.shows(surface, "send to staging")
                    && !surface.lines.contains { $0.contains("orders.created") }
            },
            .init([.control("c")]) { surface in Self.shows(surface, "ledger.sum: ok") },
        ]
        let run = try await DashboardAppTests.run(bursts, inbox: inbox, model: Self.configuration(), size: Self.size) { command in
            sentTo.withLock { $0.append(command.server) }
            return .requestFinished(.response(42), latency: .milliseconds(3))
        }
        #expect(!run.gaveUp, "the screen never showed what the keys waited for: \(run.lines.joined(separator: "\n"))")
        // The method listing goes to each server once it connected; the form's request to staging.
        #expect(sentTo.withLock { $0 }.sorted() == [0, 1, 1])
        #expect(run.exit == .quit)
    }

    @Test func aServerThatFailsLeavesTheOthersRowsFlowing() async throws {
        let prod = Engine()
        let inbox = EventInbox()
        inbox.attach(prod.events(), server: 0)
        inbox.post(EngineEvent(time: Date(), kind: .transport(.disconnected(reason: "Connection refused"))), server: 1)
        inbox.post(EngineEvent(time: Date(), kind: .transport(.reconnectScheduled(attempt: 2, delay: .seconds(30)))), server: 1)
        Self.connected(prod, "prod")
        // A thread of its own, like a transport's: the test must not wait for the cooperative pool.
        let feeding = Thread {
            for id in 1...50 {
                prod.receive(.notification(.init(id: id, method: "tick", data: .integer(Int64(id)))))
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        feeding.start()
        let bursts: [ScriptedTerminal.Burst] = [
            .init([.control("c")]) { surface in
                Self.shows(surface, "staging retry 2") && Self.shows(surface, "prod", "tick", "30")
                    && Self.shows(surface, "staging", "transport Connection refused")
            },
        ]
        let run = try await DashboardAppTests.run(bursts, inbox: inbox, model: Self.configuration(), size: Self.size) { _ in
            .refused("not connected yet")
        }
        #expect(!run.gaveUp, "the screen never showed prod's rows beside staging's failure: \(run.lines.joined(separator: "\n"))")
    }
}
