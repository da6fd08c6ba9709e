import ArgumentParser
import DashboardModel
import DashboardUI
import Foundation
import MushroomClient
import MushroomRPC
import Synchronization

/// Opens the dashboard on a mushroom server: checks the options, the URL and the terminal, shows
/// the dashboard at once and connects the client behind it (so that `q` works while a server
/// keeps it waiting), feeds the client's events to the dashboard, performs the form's commands
/// through the client and tells the dashboard what became of each, and closes the client when
/// the operator quits.
enum DashboardSession {
    static func run(url: String, options: ClientOptions, trust: TLSTrust, settings: DashboardApp.Options) async throws {
        try options.check(url: url)
        do {
            try DashboardApp.checkTerminal()
        } catch {
            throw CommandFailure.usage("\(error).")
        }
        let inbox = EventInbox()
        // Until the client publishes its own, the screen says what is going on: the bootstrap.
        inbox.post(EngineEvent(time: Date(), kind: .transport(.connecting(url: url, attempt: 1))))
        let client = Mutex<MushroomClient?>(nil)
        let connection = Task {
            do {
                let connected = try await options.connect(to: url, handler: CommandLineHandler(), trust: trust)
                client.withLock { $0 = connected }
                inbox.attach(connected.events())
            } catch CommandFailure.connection(let reason) {
                inbox.close(reason: reason)
            } catch {
                inbox.close(reason: "\(error)")
            }
        }
        let exit: Result<DashboardApp.Exit, TerminalError>
        do {
            var settings = settings
            settings.model.showsSessions = options.adminToken != nil
            exit = .success(try await DashboardApp.launch(options: settings, inbox: inbox) { command in
                guard let client = client.withLock({ $0 }) else { return .refused("not connected yet") }
                // The engine's request, not the client's: an empty timeout field waits forever,
                // where the client would put its default timeout in.
                return await command.perform(on: client.engine)
            })
        } catch {
            exit = .failure(error)
        }
        connection.cancel()
        await client.withLock { $0 }?.close()
        switch exit {
        case .success(.quit): return
        case .success(.signal(let number)): throw ExitCode(128 + number)
        case .success(.closed(let reason)): throw CommandFailure.connection(reason)
        case .failure(let error): throw CommandFailure.usage("\(error).")
        }
    }
}
