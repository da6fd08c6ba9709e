import ArgumentParser
import DashboardModel
import DashboardUI
import Foundation
import MushroomClient
import MushroomRecording
import MushroomRPC
import Synchronization

/// Opens the dashboard on a mushroom server: checks the options, the URL and the terminal, shows
/// the dashboard at once and connects the client behind it (so that `q` works while a server
/// keeps it waiting), feeds the client's events to the dashboard, performs the form's commands
/// through the client and tells the dashboard what became of each, and closes the client when
/// the operator quits; with `record`, the client's traffic is recorded to that file.
enum DashboardSession {
    static func run(
        url: String, options: ClientOptions, trust: TLSTrust, settings: DashboardApp.Options, record: String? = nil
    ) async throws {
        try options.check(url: url)
        let inbox = EventInbox()
        let recorder = try record.map { try TrafficRecorder.creating($0) { inbox.post(notice: $0) } }
        try checkTerminal()
        // Until the client publishes its own, the screen says what is going on: the bootstrap.
        inbox.post(EngineEvent(time: Date(), kind: .transport(.connecting(url: url, attempt: 1))))
        let client = Mutex<MushroomClient?>(nil)
        let connection = Task {
            do {
                let connected = try await options.connect(to: url, handler: CommandLineHandler(), trust: trust) { configuration in
                    recorder?.record(into: &configuration, url: url)
                }
                client.withLock { $0 = connected }
                inbox.attach(connected.events())
            } catch CommandFailure.connection(let reason) {
                inbox.close(reason: reason)
            } catch {
                inbox.close(reason: "\(error)")
            }
        }
        var settings = settings
        settings.model.showsSessions = options.adminToken != nil
        let exit = await launch(settings, inbox: inbox) { command in
            guard let client = client.withLock({ $0 }) else { return .refused("not connected yet") }
            // The engine's request, not the client's: an empty timeout field waits forever,
            // where the client would put its default timeout in.
            return await command.perform(on: client.engine)
        }
        connection.cancel()
        await client.withLock { $0 }?.close()
        await recorder?.finished()
        try end(exit)
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
