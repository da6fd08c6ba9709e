import Testing

@testable import MushroomRPC

/// The rules that differ by transport and side, applied by the engine (`TransportEnd`).
@Suite struct TransportEndTests {
    private func engine(_ kind: TransportKind, _ side: SessionSide) -> Engine {
        Engine(configuration: EngineConfiguration().serving(TransportEnd(kind, side), batch: AcknowledgementBatch(everyMessages: 8, idle: .seconds(1))))
    }

    @Test func eachEndAcknowledgesAsThePeerExpects() {
        let batch = AcknowledgementBatch(everyMessages: 8, idle: .seconds(1))
        #expect(TransportEnd(.webSocket, .server).acknowledgement(batch: batch) == .immediate)
        #expect(TransportEnd(.webSocket, .client).acknowledgement(batch: batch) == .batched(everyMessages: 8, idle: .seconds(1)))
        #expect(TransportEnd(.webSocket, .client).acknowledgement() == .immediate)
        #expect(TransportEnd(.poll, .server).acknowledgement(batch: batch) == .manual)
        #expect(TransportEnd(.poll, .client).acknowledgement(batch: batch) == .manual)
    }

    @Test func aResumedWebSocketServerConnectionBeginsWithAHeartbeat() throws {
        let server = engine(.webSocket, .server)
        let first = Recorder()
        let connection = server.attach(writer: first.writer)
        #expect(first.written.isEmpty)
        server.detach(connection)
        let resumed = Recorder()
        server.attach(writer: resumed.writer)
        #expect(resumed.written == [.heartbeat(.init(lastMessageID: nil))])
    }

    @Test func otherEndsDoNotGreetAQuietResumedConnection() {
        for (kind, side) in [(TransportKind.webSocket, SessionSide.client), (.poll, .server), (.poll, .client)] {
            let engine = engine(kind, side)
            engine.detach(engine.attach(writer: Recorder().writer))
            let resumed = Recorder()
            engine.attach(writer: resumed.writer)
            #expect(resumed.written.isEmpty, "\(kind) \(side)")
        }
    }

    @Test func aFarewellGoesOutOnTheConnection() {
        let server = engine(.webSocket, .server)
        let socket = Recorder()
        server.attach(writer: socket.writer)
        server.close(reason: "shutting down", farewell: true)
        #expect(socket.written == [.disconnect])
    }

    @Test func aPollAnswerCarriesTheUnacknowledgedMessagesTheHeartbeatAndAFarewell() throws {
        let server = engine(.poll, .server)
        #expect(server.pollAnswer() == [])
        server.receive(.notification(.init(id: 4, method: "hello")))
        let id = try server.notify("news")
        #expect(server.pollAnswer() == [.notification(.init(id: id, method: "news")), .heartbeat(.init(lastMessageID: 4))])
        server.close(reason: "shutting down", farewell: true)
        #expect(server.pollAnswer().last == .disconnect)
        let quietly = engine(.poll, .server)
        quietly.close(reason: "expired")
        #expect(quietly.pollAnswer() == [])
    }

    @Test func anAnsweredPostConfirmsDeliveryOnlyAtALongPollClient() async throws {
        let pollClient = engine(.poll, .client)
        let id = try pollClient.notify("n")
        pollClient.confirmWritten([.notification(.init(id: id, method: "n"))])
        try await pollClient.waitUntilDelivered(id)

        let socketClient = engine(.webSocket, .client)
        let sent = try socketClient.notify("n")
        socketClient.confirmWritten([.notification(.init(id: sent, method: "n"))])
        #expect(socketClient.delivery.waiterCount == 0)
        let waiting = Task { try await socketClient.waitUntilDelivered(sent) }
        try await eventually { socketClient.delivery.waiterCount == 1 }
        socketClient.receive(.heartbeat(.init(lastMessageID: sent)))
        try await waiting.value
    }
}
