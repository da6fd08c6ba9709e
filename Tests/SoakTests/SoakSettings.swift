import Foundation

/// How long and how hard the soak runs. `MUSHROOM_SOAK_SECONDS` (default 60) sets the duration
/// and `MUSHROOM_SOAK_CLIENTS` (default 24) the number of churning clients, for longer runs by hand.
struct SoakSettings {
    /// How long clients keep coming and going.
    var duration: Duration
    /// How long the load runs before the server's memory is first measured.
    var warmUp: Duration
    /// Clients that connect, call, subscribe and leave, over and over, each on its own loop.
    var churningClients: Int
    /// Clients connected from start to end.
    var steadyClients = 4
    /// WebSocket clients that stop reading and never acknowledge, one after the other, per loop.
    var webSocketSlowConsumers = 2
    /// Long-poll clients that never poll, one after the other, per loop.
    var pollSlowConsumers = 1
    /// The server's `--max-unacknowledged`: small, so that slow consumers reach it in seconds.
    var maximumUnacknowledged = 200
    /// How often the broadcaster calls `publish`.
    var broadcastInterval: Duration = .milliseconds(50)
    /// The `mushroom serve` options besides the bound.
    var serverArguments = ["--demo", "--tick-ms", "100", "--ping-ms", "1000", "--grace-seconds", "5", "--log-level", "warning"]

    static let secondsVariable = "MUSHROOM_SOAK_SECONDS"
    static let clientsVariable = "MUSHROOM_SOAK_CLIENTS"

    /// The settings the environment asks for; a malformed variable is reported, not ignored.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SoakSettings {
        let seconds = try positiveInteger(environment, secondsVariable, default: 60)
        let clients = try positiveInteger(environment, clientsVariable, default: 24)
        let warmUp = max(5, min(15, seconds / 4))
        return SoakSettings(duration: .seconds(seconds), warmUp: .seconds(warmUp), churningClients: clients)
    }

    /// The time limit of the soak test, in minutes: the duration and a margin for the slowest machine.
    static var timeLimitMinutes: Int {
        let seconds = (try? fromEnvironment())?.duration.components.seconds ?? 60
        return Int(seconds / 60) + 4
    }

    private static func positiveInteger(_ environment: [String: String], _ name: String, default value: Int) throws -> Int {
        guard let text = environment[name] else { return value }
        guard let number = Int(text), number > 0 else {
            throw InvalidSoakSetting(description: "\(name) must be a positive integer, got '\(text)'")
        }
        return number
    }
}

/// An environment variable of the soak has a value it cannot use.
struct InvalidSoakSetting: Error, Equatable, CustomStringConvertible {
    let description: String
}
