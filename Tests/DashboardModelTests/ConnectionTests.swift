@testable import DashboardModel
import Foundation
import MushroomRPC
import Testing

@Suite("Connection and heartbeats")
struct ConnectionTests {
    private func sent(_ message: Message, at seconds: Double) -> EngineEvent {
        Timeline.event(.messageSent(message), at: seconds)
    }

    private func received(_ message: Message, at seconds: Double) -> EngineEvent {
        Timeline.event(.messageReceived(message), at: seconds)
    }

    private func transport(_ event: TransportEvent, at seconds: Double) -> EngineEvent {
        Timeline.event(.transport(event), at: seconds)
    }

    @Test func heartbeatAgesAtAGivenInstant() {
        var model = DashboardModel()
        model.ingest(sent(.heartbeat(.init(lastMessageID: nil)), at: 1))
        model.ingest(received(.heartbeat(.init(lastMessageID: nil)), at: 2.5))
        let connection = model.snapshot(at: Timeline.at(4)).connection
        #expect(connection.lastHeartbeatSentAge == .seconds(3))
        #expect(connection.lastHeartbeatReceivedAge == .seconds(1.5))
        #expect(connection.messagesSent == 1)
        #expect(connection.messagesReceived == 1)
    }

    @Test func idsAcknowledgementsAndTheRoundTrip() {
        var model = DashboardModel()
        for id in 0..<3 { model.ingest(sent(.notification(.init(id: id, method: "m")), at: Double(id) / 2)) }
        model.ingest(received(.heartbeat(.init(lastMessageID: 1)), at: 1.25))
        var connection = model.snapshot(at: Timeline.at(2)).connection
        #expect(connection.lastIDSent == 2)
        #expect(connection.lastIDAcknowledged == 1)
        #expect(connection.unacknowledged == 1)
        #expect(connection.roundTrip == .seconds(0.75))

        model.ingest(sent(.notification(.init(id: 2, method: "m")), at: 1.5))
        model.ingest(received(.heartbeat(.init(lastMessageID: 2)), at: 2))
        model.ingest(received(.heartbeat(.init(lastMessageID: 2)), at: 3))
        connection = model.snapshot(at: Timeline.at(3)).connection
        #expect(connection.lastIDSent == 2)
        #expect(connection.unacknowledged == 0)
        // The sample was 1 s: the smoothed value moves an eighth of the way from 0.75 s.
        #expect(connection.roundTrip == .seconds(0.78125))
    }

    @Test func lastIDReceivedAndDuplicates() {
        var model = DashboardModel()
        model.ingest(Timeline.notification(0, "m", at: 0))
        model.ingest(received(.response(.init(id: 1, requestID: 0)), at: 0))
        model.ingest(Timeline.event(.duplicateDropped(1), at: 0))
        let connection = model.snapshot(at: Timeline.at(1)).connection
        #expect(connection.lastIDReceived == 1)
        #expect(connection.duplicatesDropped == 1)
        #expect(connection.lastIDSent == nil)
        #expect(connection.unacknowledged == 0)
    }

    @Test func reconnectCountdown() {
        var model = DashboardModel()
        model.ingest(transport(.connecting(url: "http://127.0.0.1:8000/rpc", attempt: 1), at: 0))
        model.ingest(transport(.connected(transport: "websocket", url: "ws://127.0.0.1:8000/ws", sessionID: "s1"), at: 0.5))
        var connection = model.snapshot(at: Timeline.at(2)).connection
        #expect(connection.state == .connected)
        #expect(connection.stateAge == .seconds(1.5))
        #expect(connection.transport == "websocket")
        #expect(connection.url == "ws://127.0.0.1:8000/ws")
        #expect(connection.sessionID == "s1")
        #expect(connection.reconnects == 0)

        model.ingest(transport(.disconnected(reason: "connection reset"), at: 5))
        model.ingest(transport(.reconnectScheduled(attempt: 2, delay: .seconds(4)), at: 5))
        connection = model.snapshot(at: Timeline.at(6.5)).connection
        #expect(connection.state == .waitingToReconnect(attempt: 2))
        #expect(connection.stateAge == .seconds(1.5))
        #expect(connection.retryCountdown == .seconds(2.5))
        #expect(model.snapshot(at: Timeline.at(10)).connection.retryCountdown == .zero)

        model.ingest(transport(.connecting(url: "http://127.0.0.1:8000/rpc", attempt: 2), at: 9))
        model.ingest(transport(.connected(transport: "websocket", url: "ws://127.0.0.1:8000/ws", sessionID: "s1"), at: 9.5))
        connection = model.snapshot(at: Timeline.at(10)).connection
        #expect(connection.reconnects == 1)
        #expect(connection.retryCountdown == nil)
        #expect(connection.stateAge == .seconds(0.5))
        #expect(model.snapshot(at: Timeline.at(10)).errors.rows.map(\.kind) == [.transport])
    }

    @Test func aLostSessionRestartsTheIdsAndIsCounted() {
        var model = DashboardModel()
        model.ingest(transport(.connected(transport: "poll", url: "http://h/", sessionID: "s1"), at: 0))
        model.ingest(sent(.notification(.init(id: 0, method: "m")), at: 0))
        model.ingest(Timeline.notification(0, "m", at: 0))
        model.ingest(transport(.sessionLost(reason: "session expired"), at: 1))
        let snapshot = model.snapshot(at: Timeline.at(2))
        #expect(snapshot.connection.sessionsLost == 1)
        #expect(snapshot.connection.sessionID == nil)
        #expect(snapshot.connection.lastIDSent == nil)
        #expect(snapshot.connection.lastIDReceived == nil)
        #expect(snapshot.errors.rows.map(\.latestDetail) == ["session expired"])
    }

    @Test func closedEndsAnyScheduledRetry() {
        var model = DashboardModel()
        model.ingest(transport(.reconnectScheduled(attempt: 3, delay: .seconds(8)), at: 0))
        model.ingest(transport(.closed(reason: "operator quit"), at: 1))
        let connection = model.snapshot(at: Timeline.at(2)).connection
        #expect(connection.state == .closed(reason: "operator quit"))
        #expect(connection.retryCountdown == nil)
    }
}
