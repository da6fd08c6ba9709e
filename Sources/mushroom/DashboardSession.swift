import ArgumentParser
import DashboardModel
import DashboardUI
import Foundation
import MushroomClient
import MushroomRecording
import MushroomRPC
import Synchronization

/// Opens the dashboard on mushroom servers: checks the options, the URLs and the terminal, shows
/// the dashboard at once and connects a client to each server behind it (so that `q` works while
/// a server keeps it waiting), feeds each client's events to the dashboard under its server's
/// index, performs the dashboard's commands through the client of their server and tells the
/// dashboard what became of each, and closes the clients when the operator quits; with
/// `record`, the (one) client's traffic is recorded to that file.
///
/// On one server, a first connection that fails ends the dashboard with its reason. On several,
/// each server is on its own: one that cannot be reached shows why in its state and the errors
/// pane and is tried again (after 1, 2, 4... and at most `retryCeiling` seconds), while the
/// others go on.
enum DashboardSession {
    /// The longest wait between two attempts at a first connection, on several servers.
    static let retryCeiling = Duration.seconds(30)

    static func run(
        targets: [DashboardTarget], trust: TLSTrust, settings: DashboardApp.Options, record: String? = nil
    ) async throws {
        for target in targets { try target.options.check(url: target.url) }
        let inbox = EventInbox()
        let recorder = try record.map { try TrafficRecorder.creating($0) { inbox.post(notice: $0) } }
        try checkTerminal()
        let clients = ConnectedClients()
        let connections = targets.enumerated().map { server, target in
            Task {
                let connected = await connect(
                    target, server: server, retrying: targets.count > 1, inbox: inbox, trust: trust, recorder: recorder)
                guard let connected else { return }
                clients.add(connected, server: server)
                inbox.attach(connected.events(), server: server)
            }
        }
        var settings = settings
        settings.model.showsSessions = targets.allSatisfy { $0.options.adminToken != nil }
        let exit = await launch(settings, inbox: inbox) { command in
            guard let client = clients[command.server] else { return .refused("not connected yet") }
            // The engine's request, not the client's: an empty timeout field waits forever,
            // where the client would put its default timeout in.
            return await command.kind.perform(on: client.engine)
        }
        for connection in connections { connection.cancel() }
        for client in clients.all { await client.close() }
        await recorder?.finished()
        try end(exit)
    }

    /// Connects to `target`, posting what the screen should show until the client publishes its
    /// own events; nil when it never connected (cancelled, or failed without `retrying`, which
    /// then closes the inbox with the reason).
    private static func connect(
        _ target: DashboardTarget, server: Int, retrying: Bool, inbox: EventInbox, trust: TLSTrust, recorder: TrafficRecorder?
    ) async -> MushroomClient? {
        var attempt = 1
        while !Task.isCancelled {
            inbox.post(EngineEvent(time: Date(), kind: .transport(.connecting(url: target.url, attempt: attempt))), server: server)
            let reason: String
            do {
                return try await target.options.connect(to: target.url, handler: CommandLineHandler(), trust: trust) { configuration in
                    recorder?.record(into: &configuration, url: target.url)
                }
            } catch CommandFailure.connection(let text) {
                reason = text
            } catch {
                reason = "\(error)"
            }
            guard retrying else {
                inbox.close(reason: reason)
                return nil
            }
            let delay = min(retryCeiling, .seconds(1 << min(attempt - 1, 5)))
            attempt += 1
            inbox.post(EngineEvent(time: Date(), kind: .transport(.disconnected(reason: reason))), server: server)
            inbox.post(EngineEvent(time: Date(), kind: .transport(.reconnectScheduled(attempt: attempt, delay: delay))), server: server)
            try? await Task.sleep(for: delay)
        }
        return nil
    }

    /// A usage error when this process's terminal cannot show the dashboard.
    static func checkTerminal() throws {
        do {
            try DashboardApp.checkTerminal()
        } catch {
            throw CommandFailure.usage("\(error).")
        }
    }

    /// Runs the dashboard until it ends.
    static func launch(
        _ options: DashboardApp.Options, inbox: EventInbox, perform: @escaping DashboardApp.Performer
    ) async -> Result<DashboardApp.Exit, TerminalError> {
        do {
            return .success(try await DashboardApp.launch(options: options, inbox: inbox, perform: perform))
        } catch {
            return .failure(error)
        }
    }

    /// Ends the command as the dashboard ended.
    static func end(_ exit: Result<DashboardApp.Exit, TerminalError>) throws {
        switch exit {
        case .success(.quit): return
        case .success(.signal(let number)): throw ExitCode(128 + number)
        case .success(.closed(let reason)): throw CommandFailure.connection(reason)
        case .failure(let error): throw CommandFailure.usage("\(error).")
        }
    }
}

/// The clients connected so far, by server index, shared by the tasks that connect them and
/// the dashboard's performer.
private final class ConnectedClients: Sendable {
    private let clients = Mutex<[Int: MushroomClient]>([:])

    func add(_ client: MushroomClient, server: Int) {
        clients.withLock { $0[server] = client }
    }

    subscript(server: Int) -> MushroomClient? {
        clients.withLock { $0[server] }
    }

    var all: [MushroomClient] {
        clients.withLock { Array($0.values) }
    }
}
