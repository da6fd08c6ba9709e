import DashboardModel
import MushroomRPC

extension EngineCommand.Kind {
    /// Does the command with `engine` and says what became of it, for `DashboardApp`'s performer:
    /// a request waits for its end (forever without a timeout), a notification is sent.
    public func perform(on engine: Engine) async -> CommandResult.Outcome {
        switch self {
        case .sendRequest(let method, let data, let timeout):
            let clock = ContinuousClock()
            let start = clock.now
            do {
                let answer = try await engine.request(method, data, timeout: timeout)
                return .requestFinished(.response(answer), latency: clock.now - start)
            } catch {
                return CommandResult.Outcome(requestError: error, latency: clock.now - start)
            }
        case .sendNotification(let method, let data):
            do {
                return .notified(try engine.notify(method, data))
            } catch {
                return .refused("\(error)")
            }
        }
    }
}
