import ArgumentParser
import DashboardModel
import DashboardUI
import Foundation
import MushroomClient
import MushroomRPC

/// Opens the dashboard on a mushroom server: connects the client, feeds its events to the
/// dashboard, performs the form's commands through its engine, and closes it when the operator quits.
enum DashboardSession {
    static func run(url: String, options: ClientOptions, themeName: String) async throws {
        let theme: Theme
        do {
            theme = try Theme.named(themeName)
        } catch {
            throw CommandFailure.usage("\(error).")
        }
        let client = try await options.connect(to: url, handler: CommandLineHandler())
        let inbox = EventInbox()
        let pump = Task { await inbox.pump(client.events()) }
        let exit: DashboardApp.Exit
        do {
            exit = try await DashboardApp.launch(options: .init(theme: theme), inbox: inbox) { command in
                perform(command, on: client)
            }
        } catch {
            pump.cancel()
            await client.close()
            throw CommandFailure.usage("\(error)")
        }
        pump.cancel()
        await client.close()
        if case .signal(let number) = exit { throw ExitCode(128 + number) }
    }

    /// Sends what the operator submitted; the outcome reaches the screen through the engine's events.
    private static func perform(_ command: EngineCommand, on client: MushroomClient) {
        switch command {
        case .sendRequest(let method, let data, let timeout):
            Task { _ = try? await client.request(method, data, timeout: timeout) }
        case .sendNotification(let method, let data):
            _ = try? client.notify(method, data)
        }
    }
}
