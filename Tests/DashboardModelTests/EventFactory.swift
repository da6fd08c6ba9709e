@testable import DashboardModel
import Foundation
import MushroomRPC

/// A fake clock and builders for engine events, so tests read as timelines.
struct Timeline {
    /// The instant every test starts at: a whole second, so bucket boundaries are exact.
    static let origin = Date(timeIntervalSinceReferenceDate: 800_000_000)

    /// `origin` plus `seconds`.
    static func at(_ seconds: Double) -> Date { origin.addingTimeInterval(seconds) }

    static func notification(_ id: MessageID, _ method: String, _ data: JSONValue = .null, at seconds: Double) -> EngineEvent {
        EngineEvent(time: at(seconds), kind: .messageReceived(.notification(.init(id: id, method: method, data: data))))
    }

    static func started(
        _ id: MessageID, _ method: String, direction: RequestDirection = .outbound, timeout: Double? = nil, at seconds: Double
    ) -> EngineEvent {
        let deadline = timeout.map { at(seconds + $0) }
        return EngineEvent(
            time: at(seconds),
            kind: .requestStarted(RequestStart(direction: direction, id: id, method: method, data: ["n": 1], deadline: deadline)))
    }

    static func finished(
        _ id: MessageID, _ method: String, _ outcome: RequestOutcome, direction: RequestDirection = .outbound,
        latency: Double, at seconds: Double
    ) -> EngineEvent {
        EngineEvent(
            time: at(seconds),
            kind: .requestFinished(RequestFinish(direction: direction, id: id, method: method, outcome: outcome, latency: .seconds(latency))))
    }

    static func event(_ kind: EngineEvent.Kind, at seconds: Double) -> EngineEvent {
        EngineEvent(time: at(seconds), kind: kind)
    }
}

extension DashboardModel {
    /// Applies actions at the origin, discarding commands.
    mutating func perform(_ actions: OperatorAction...) {
        for action in actions { _ = apply(action, at: Timeline.origin) }
    }
}
