import Foundation
import MushroomRPC
import Synchronization

/// The operator's methods, answered for a session whose bootstrap carried the admin token
/// (`MushroomServerConfiguration.adminToken`); every other call goes to `wrapped`. Sessions
/// without the token never get this handler, so to them these names are whatever the
/// application answers for an unknown method, byte for byte.
///
/// - `mushroom.sessions`: every live session, oldest first (`AdminMethodHandler.description(of:at:)`).
/// - `mushroom.session.end` with a session id: ends that session with a Disconnect; returns `true`.
///   The calling session is refused: its answer could never arrive.
/// - `mushroom.statistics.subscribe` with `{"interval": SECONDS}` (0.1 to 3600, default 1):
///   returns the server's statistics now and sends them as a `mushroom.statistics` notification
///   every interval until `mushroom.statistics.unsubscribe` or the session ends.
final class AdminMethodHandler: RPCHandler {
    static let sessionsMethod = "mushroom.sessions"
    static let endSessionMethod = "mushroom.session.end"
    static let subscribeStatisticsMethod = "mushroom.statistics.subscribe"
    static let unsubscribeStatisticsMethod = "mushroom.statistics.unsubscribe"
    static let statisticsNotification = "mushroom.statistics"
    /// Every request method it answers.
    static let methods = [sessionsMethod, endSessionMethod, subscribeStatisticsMethod, unsubscribeStatisticsMethod]
    static let intervalRange = 0.1...3600.0

    private weak let sessions: SessionList?
    private let wrapped: any RPCHandler
    private let statistics = Mutex<Task<Void, Never>?>(nil)

    init(sessions: SessionList, wrapped: any RPCHandler) {
        self.sessions = sessions
        self.wrapped = wrapped
    }

    deinit {
        statistics.withLock { $0?.cancel() }
    }

    func handle(_ call: RPCCall) async throws -> JSONValue {
        guard let sessions else { return try await wrapped.handle(call) }
        switch call.method {
        case Self.sessionsMethod:
            let now = Date()
            return .array(sessions.all.sorted { ($0.created, $0.id) < ($1.created, $1.id) }.map { Self.description(of: $0, at: now) })
        case Self.endSessionMethod:
            guard let id = call.data.stringValue else {
                throw RPCFailure("\(Self.endSessionMethod) takes a session id, got \(call.data.kindWithArticle)")
            }
            guard let session = sessions.session(id: id) else { throw RPCFailure("no live session '\(id)'") }
            guard session.engine !== call.engine else {
                throw RPCFailure("session '\(id)' is the calling session: close its connection instead")
            }
            sessions.end(session, .endedByOperator)
            return true
        case Self.subscribeStatisticsMethod:
            let interval = try Self.interval(in: call.data)
            startStatistics(every: interval, on: call.engine)
            return statisticsNow(sessions)
        case Self.unsubscribeStatisticsMethod:
            statistics.withLock { $0?.cancel(); $0 = nil }
            return true
        default:
            return try await wrapped.handle(call)
        }
    }

    func handleNotifications(_ calls: [RPCCall]) async {
        await wrapped.handleNotifications(calls)
    }

    /// A session as `mushroom.sessions` lists it: `id`, `transport`, `remoteAddress` (or null),
    /// `ageSeconds`, `subscriptions` (null when it never subscribed and so receives every topic),
    /// `unacknowledged`, `messagesIn`, `messagesOut` and `ratePerSecond` (in and out, lately).
    static func description(of session: Session, at now: Date) -> JSONValue {
        let traffic = session.engine.traffic
        return [
            "id": .string(session.id),
            "transport": .string(session.transport.rawValue),
            "remoteAddress": session.remoteAddress.map(JSONValue.string) ?? .null,
            "ageSeconds": .double(max(0, now.timeIntervalSince(session.created))),
            "subscriptions": session.subscriptions.current.map { .array($0.map { .string($0.description) }) } ?? .null,
            "unacknowledged": .integer(Int64(session.engine.unacknowledgedCount)),
            "messagesIn": .integer(Int64(traffic.received.total)),
            "messagesOut": .integer(Int64(traffic.sent.total)),
            "ratePerSecond": .double(session.messageRate(at: now)),
        ]
    }

    private static func interval(in data: JSONValue) throws -> Duration {
        let seconds: Double
        switch data {
        case .null: seconds = 1
        case .object(let members) where members.keys.allSatisfy({ $0 == "interval" }):
            guard let value = members["interval"] else { return .seconds(1) }
            guard let number = value.doubleValue else {
                throw RPCFailure("the statistics interval must be a number of seconds, got \(value.kindWithArticle)")
            }
            seconds = number
        default:
            throw RPCFailure("\(subscribeStatisticsMethod) takes {\"interval\": SECONDS}, got \(data.kindWithArticle)")
        }
        guard intervalRange.contains(seconds) else {
            throw RPCFailure("the statistics interval must be from 0.1 to 3600 seconds, got \(seconds)")
        }
        return .seconds(seconds)
    }

    /// Sends the statistics to `engine` every `interval`, replacing an earlier subscription, until
    /// the engine closes (a send throws) or the subscription is cancelled.
    private func startStatistics(every interval: Duration, on engine: Engine) {
        let task = Task { [weak self, weak engine] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled, let self, let engine, let sessions = self.sessions else { return }
                do {
                    try engine.notify(Self.statisticsNotification, self.statisticsNow(sessions))
                } catch {
                    return
                }
            }
        }
        statistics.withLock { current in
            current?.cancel()
            current = task
        }
    }

    /// The server's statistics: `sessions` by transport, `unacknowledged`, `messagesReceived`
    /// and `messagesSent` by type, `slowConsumerDisconnects`, `uptimeSeconds`.
    private func statisticsNow(_ sessions: SessionList) -> JSONValue {
        let census = sessions.census()
        func byType(_ counts: MessageCounts) -> JSONValue {
            .object(Dictionary(uniqueKeysWithValues: Message.Code.allCases.map { ($0.label, .integer(Int64(counts[$0]))) }))
        }
        return [
            "sessions": .object(Dictionary(uniqueKeysWithValues: TransportKind.allCases.map {
                ($0.rawValue, .integer(Int64(census.sessions[$0, default: 0])))
            })),
            "unacknowledged": .integer(Int64(census.unacknowledged)),
            "messagesReceived": byType(census.traffic.received),
            "messagesSent": byType(census.traffic.sent),
            "slowConsumerDisconnects": .integer(Int64(census.slowConsumerDisconnects)),
            "uptimeSeconds": .double(max(0, Date().timeIntervalSince(sessions.started))),
        ]
    }
}
