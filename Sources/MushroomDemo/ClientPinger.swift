import Foundation
import Logging
import MushroomRPC
import MushroomServer

/// Asks every client `client.ping` `{"seq": N, "ts": T}` every `interval` (timeout `timeout`), so
/// that a dashboard sees requests from the server too. Answers, errors and timeouts are logged.
public struct ClientPinger: ServerWorkload {
    public let interval: Duration
    public let timeout: Duration
    public let logger: Logger

    public init(interval: Duration = .seconds(5), timeout: Duration = .seconds(4), logger: Logger = Logger(label: "mushroom.demo")) {
        self.interval = interval
        self.timeout = timeout
        self.logger = logger
    }

    public func run(sessions: SessionList) async {
        await withDiscardingTaskGroup { group in
            await repeatEvery(interval) { seq in
                let data: JSONValue = ["seq": .integer(seq), "ts": .double(Date().timeIntervalSince1970)]
                for session in sessions.all {
                    group.addTask { [timeout, logger] in
                        do {
                            let answer = try await session.engine.request("client.ping", data, timeout: timeout)
                            logger.debug("client.ping answered by \(session.id): \(answer)")
                        } catch {
                            logger.debug("client.ping to \(session.id): \(error)")
                        }
                    }
                }
            }
        }
    }
}
