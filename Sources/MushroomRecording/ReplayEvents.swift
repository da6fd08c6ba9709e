import DequeModule
import Foundation
import MushroomRPC

/// Turns a recording's lines back into the engine events a live client would have published, for
/// the dashboard's model: each message in or out, each connection change, and the requests they
/// make (a Request starts one, its Response or Error finishes it, with the latency between the
/// two recorded times; a lost session or the end fails those still open). Timeouts are not
/// recorded and do not replay. At most `openRequestLimit` requests are followed at once: beyond
/// it the oldest is forgotten, so that memory stays flat however long the recording.
public struct ReplayEvents: Sendable {
    public static let openRequestLimit = 4096

    private struct Open {
        let method: String
        let recorded: Double
    }

    private var open: [Key: Open] = [:]
    private var order = Deque<Key>()

    private struct Key: Hashable {
        let direction: RequestDirection
        let id: MessageID
    }

    public init() {}

    /// The events of `traffic`, stamped `time`.
    public mutating func events(of traffic: RecordedTraffic, at time: Date) -> [EngineEvent] {
        switch traffic.kind {
        case .connection(let change):
            var events: [EngineEvent] = []
            if case .sessionLost(let reason) = change { events = failOpen("session lost: \(reason)", at: time, recorded: traffic.time) }
            if case .closed(let reason) = change { events = failOpen(reason, at: time, recorded: traffic.time) }
            return events + [EngineEvent(time: time, kind: .transport(change))]
        case .message(let direction, let message):
            let seen = EngineEvent(time: time, kind: direction == .in ? .messageReceived(message) : .messageSent(message))
            return [seen] + requestEvents(message, direction: direction, at: time, recorded: traffic.time)
        }
    }

    private mutating func requestEvents(_ message: Message, direction: RecordedTraffic.Direction, at time: Date, recorded: Double) -> [EngineEvent] {
        // A Request we send is an outbound request; one the server sends, inbound.
        switch message {
        case .request(let request):
            let started = direction == .out ? RequestDirection.outbound : .inbound
            remember(Key(direction: started, id: request.id), Open(method: request.method, recorded: recorded))
            let start = RequestStart(direction: started, id: request.id, method: request.method, data: request.data, deadline: nil)
            return [EngineEvent(time: time, kind: .requestStarted(start))]
        case .response(let response):
            return finish(response.requestID, answeredBy: direction, .response(response.data), at: time, recorded: recorded)
        case .error(let error):
            return finish(error.requestID, answeredBy: direction, .error(error.data), at: time, recorded: recorded)
        case .heartbeat, .notification, .disconnect:
            return []
        }
    }

    private mutating func finish(
        _ requestID: MessageID, answeredBy direction: RecordedTraffic.Direction, _ outcome: RequestOutcome, at time: Date, recorded: Double
    ) -> [EngineEvent] {
        // An answer coming in finishes an outbound request; one going out, an inbound one.
        let key = Key(direction: direction == .in ? .outbound : .inbound, id: requestID)
        guard let request = open.removeValue(forKey: key) else {
            return direction == .in ? [EngineEvent(time: time, kind: .unmatchedResponse(requestID: requestID, late: false))] : []
        }
        if let index = order.firstIndex(of: key) { order.remove(at: index) }
        let latency = Duration.seconds(max(0, recorded - request.recorded))
        let finish = RequestFinish(direction: key.direction, id: requestID, method: request.method, outcome: outcome, latency: latency)
        return [EngineEvent(time: time, kind: .requestFinished(finish))]
    }

    private mutating func remember(_ key: Key, _ request: Open) {
        if open.updateValue(request, forKey: key) == nil { order.append(key) }
        if order.count > Self.openRequestLimit { open.removeValue(forKey: order.removeFirst()) }
    }

    private mutating func failOpen(_ reason: String, at time: Date, recorded: Double) -> [EngineEvent] {
        defer {
            open.removeAll()
            order.removeAll()
        }
        return order.compactMap { key in
            guard let request = open[key] else { return nil }
            let latency = Duration.seconds(max(0, recorded - request.recorded))
            let finish = RequestFinish(direction: key.direction, id: key.id, method: request.method, outcome: .connectionLost(reason), latency: latency)
            return EngineEvent(time: time, kind: .requestFinished(finish))
        }
    }
}
