import DashboardModel
import MushroomClient
import MushroomRPC
import MushroomServer
import MushroomTestSupport
import Testing

/// The server goes away and a new one comes up at the same address: the client notices, reports
/// the session lost (its pending request fails with `ConnectionLost`), bootstraps a new session and
/// works again, and the dashboard fed by its events shows all of it.
@Suite("Server restart", .timeLimit(.minutes(5)))
struct ServerRestartTests {
    /// How the old server goes.
    enum Departure: String, CaseIterable, Sendable {
        /// Without a word (a crash, a lost host): the proxy moves to the new server and drops the
        /// connections, and the client learns from the new server that the session is unknown.
        case crash
        /// A graceful shutdown: the old server sends Disconnect `[-1]`, then the new one comes up.
        case shutdown
    }

    @Test(arguments: TransportKind.allCases, Departure.allCases)
    func theClientStartsOverOnTheNewServer(transport: TransportKind, departure: Departure) async throws {
        let old = try await ResilienceServer.start()
        let proxy = try await TCPProxy.start(targetPort: old.port)
        var new: RunningMushroomServer?
        do {
            try await restart(from: old, to: &new, through: proxy, transport: transport, departure: departure)
        } catch {
            await tearDown(old, new, proxy)
            throw error
        }
        await tearDown(old, new, proxy)
    }

    private func restart(
        from old: RunningMushroomServer, to new: inout RunningMushroomServer?, through proxy: TCPProxy,
        transport: TransportKind, departure: Departure
    ) async throws {
        let deadline = Deadline(in: .seconds(90))
        let recorder = SequenceRecorder()
        let client = try await MushroomClient.connect(
            url: "http://127.0.0.1:\(proxy.port)/", transports: [transport], handler: recorder,
            configuration: .quickReconnection)
        let dashboard = DashboardFeed(client.events())
        do {
            try await deadline.wait(for: "the first session") { old.sessions.count == 1 }
            let oldSession = try #require(old.sessions.all.first)
            try oldSession.notify("seq", ["n": 1])
            #expect(try await client.request("echo", "before", timeout: .seconds(30)) == "before")
            try await deadline.wait(for: "the first notification") { recorder.count == 1 }
            let pending = Task { try await client.request("wait", 120, timeout: .seconds(60)) }
            try await deadline.wait(for: "the pending request") { client.engine.pendingRequestCount == 1 }

            let replacement = try await replace(old, through: proxy, departure: departure)
            new = replacement

            let outcome = await pending.result
            let lost: ConnectionLost? = if case .failure(let error as ConnectionLost) = outcome { error } else { nil }
            let error = try #require(lost, "the pending request ended with \(outcome) instead of ConnectionLost")
            #expect(error.reason.hasPrefix("session lost"), "\(error)")

            try await deadline.wait(for: "the new session", progress: { "client at \(client.sessionURL)" }) {
                replacement.sessions.all.first.map { client.sessionURL.contains($0.id) && client.engine.isAttached } ?? false
            }
            let newSession = try #require(replacement.sessions.all.first)
            #expect(newSession.id != oldSession.id)
            #expect(replacement.sessions.count == 1)
            #expect(try await client.request("echo", "after", timeout: .seconds(30)) == "after")
            try newSession.notify("seq", ["n": 2])
            try await deadline.wait(for: "the new session's notification") { recorder.count == 2 }
            #expect(recorder.received == [1, 2])

            try await deadline.wait(for: "the dashboard to show the new session", progress: { "\(dashboard.snapshot.connection)" }) {
                let connection = dashboard.snapshot.connection
                return connection.sessionID == newSession.id && connection.state == .connected
            }
            let snapshot = dashboard.snapshot
            #expect(snapshot.connection.sessionsLost == 1)
            #expect(snapshot.errors.rows.contains { $0.kind == .sessionLost }, "errors: \(snapshot.errors.rows)")
            #expect(snapshot.errors.rows.contains { $0.kind == .connectionLost && $0.method == "wait" }, "errors: \(snapshot.errors.rows)")
        } catch {
            await client.close()
            await dashboard.finish()
            throw error
        }
        await client.close()
        await dashboard.finish()
    }

    /// Takes `old` away as `departure` says and starts its replacement behind the proxy.
    private func replace(_ old: RunningMushroomServer, through proxy: TCPProxy, departure: Departure) async throws -> RunningMushroomServer {
        switch departure {
        case .crash:
            let new = try await ResilienceServer.start()
            proxy.retarget(port: new.port)
            proxy.dropAllConnections()
            return new
        case .shutdown:
            await old.shutdown()
            let new = try await ResilienceServer.start()
            proxy.retarget(port: new.port)
            return new
        }
    }

    private func tearDown(_ old: RunningMushroomServer, _ new: RunningMushroomServer?, _ proxy: TCPProxy) async {
        await proxy.stop()
        await old.shutdown()
        await new?.shutdown()
    }
}
