import Foundation
import Synchronization
import Testing

@testable import MushroomRPC

/// PROTOCOL.md's engine table, asserted on the exact frames an engine writes.
@Suite struct EngineWireTests {
    private func answer(_ requestFrame: String, handler: any RPCHandler = EchoHandler()) async throws -> [Message] {
        let engine = Engine(handler: handler)
        let recorder = Recorder()
        _ = engine.attach(writer: recorder.writer)
        try engine.receive(frame: Array(requestFrame.utf8))
        return try await recorder.waitFor(1)
    }

    @Test func aReturnedValueBecomesAResponse() async throws {
        #expect(try await answer(#"[2, 6, "echo", {"x": 1}]"#) == [.response(.init(id: 0, requestID: 6, data: ["x": 1]))])
    }

    @Test func methodNotFoundBecomesAnErrorWithTheLookedUpName() async throws {
        #expect(try await answer(#"[2, 6, "nope"]"#) == [.error(.init(id: 0, requestID: 6, data: "rpc_nope"))])
    }

    @Test func anRPCErrorBecomesAnErrorWithItsMessage() async throws {
        #expect(try await answer(#"[2, 6, "message"]"#) == [.error(.init(id: 0, requestID: 6, data: "a message"))])
    }

    @Test func anyOtherErrorBecomesInternalServerError() async throws {
        #expect(try await answer(#"[2, 6, "boom"]"#) == [.error(.init(id: 0, requestID: 6, data: "Internal server error"))])
    }

    @Test func theDummyHandlerAnswersMethodNotFound() async throws {
        #expect(try await answer(#"[2, 0, "anything"]"#, handler: MethodNotFoundHandler())
            == [.error(.init(id: 0, requestID: 0, data: "anything"))])
    }

    @Test func notificationsGetNoReplyAndFailuresAreOnlyLogged() async throws {
        let handled = Mutex<[String]>([])
        let engine = Engine(handler: ClosureHandler { call in
            handled.withLock { $0.append(call.method) }
            throw RPCFailure("ignored")
        })
        let recorder = Recorder()
        _ = engine.attach(writer: recorder.writer)
        try engine.receive(frame: Array(#"[1, 0, "first"]"#.utf8))
        try engine.receive(frame: Array(#"[1, 1, "second"]"#.utf8))
        try await eventually { handled.withLock { $0.count == 2 } }
        #expect(handled.withLock { $0 } == ["first", "second"])
        #expect(recorder.written.isEmpty)
    }

    @Test func notificationsAreHandledInArrivalOrder() async throws {
        let handled = Mutex<[Int64]>([])
        let engine = Engine(handler: ClosureHandler { call in
            if call.data == 0 { try await Task.sleep(for: .milliseconds(20)) }
            handled.withLock { $0.append(call.data.integerValue ?? -1) }
            return nil
        })
        for id in 0..<50 {
            engine.receive(.notification(.init(id: id, method: "n", data: .integer(Int64(id)))))
        }
        try await eventually { handled.withLock { $0.count == 50 } }
        #expect(handled.withLock { $0 } == (0..<50).map(Int64.init))
    }

    @Test func notificationsHeldForTheEndOfAReadReachTheHandlerTogether() async throws {
        let handler = BatchRecordingHandler()
        let engine = Engine(handler: handler)
        for id in 0..<3 {
            try engine.receive(frame: Array(#"[1, \#(id), "n", \#(id)]"#.utf8), heldUntilEndOfRead: true)
        }
        engine.endOfRead()
        try await eventually { handler.batches.withLock { $0.joined().count == 3 } }
        #expect(handler.batches.withLock { Array($0.joined()) } == [0, 1, 2])
    }

    @Test func anImmediateHandlerTakesAReadsNotificationsWhenTheReadEnds() throws {
        let handler = ImmediateRecordingHandler()
        let engine = Engine(handler: handler)
        for id in 0..<3 {
            try engine.receive(frame: Array(#"[1, \#(id), "n", \#(id)]"#.utf8), heldUntilEndOfRead: true)
        }
        #expect(handler.batches.withLock { $0 } == [])
        engine.endOfRead()
        #expect(handler.batches.withLock { $0 } == [[0, 1, 2]])
        engine.endOfRead()
        engine.receive(.notification(.init(id: 3, method: "n", data: 3)))
        #expect(handler.batches.withLock { $0 } == [[0, 1, 2], [3]])
    }

    @Test func heartbeatsAndDisconnectsNeverReachTheHandler() async throws {
        let calls = Atomic<Int>(0)
        let engine = Engine(handler: ClosureHandler { _ in
            calls.add(1, ordering: .relaxed)
            return nil
        })
        #expect(try engine.receive(frame: Array("[0, null]".utf8)) == .acknowledgement(released: 0))
        #expect(try engine.receive(frame: Array("[-1]".utf8)) == .disconnect)
        engine.inbound.dispatch(.heartbeat(.init(lastMessageID: 1)), on: engine)
        engine.inbound.dispatch(.disconnect, on: engine)
        try await Task.sleep(for: .milliseconds(20))
        #expect(calls.load(ordering: .relaxed) == 0)
    }

    @Test func idsAreGaplessFromZero() throws {
        let engine = Engine()
        let recorder = Recorder()
        _ = engine.attach(writer: recorder.writer)
        try engine.notify("a")
        try engine.notify("b", 2)
        #expect(engine.nextMessageID() == 2)
        try engine.send(.notification(.init(id: 3, method: "c")))
        #expect(recorder.written.map(\.id) == [0, 1, 3])
        #expect(recorder.written[1] == .notification(.init(id: 1, method: "b", data: 2)))
    }

    @Test func everyEngineNumbersItsOwnCopyOfABroadcast() throws {
        let broadcast = try Message.Notification(broadcasting: "news", data: ["n": 1])
        let first = Engine(), second = Engine()
        let firstWrites = Recorder(), secondWrites = Recorder()
        _ = first.attach(writer: firstWrites.writer)
        _ = second.attach(writer: secondWrites.writer)
        try first.notify("earlier")
        #expect(try first.notify(broadcast) == 1)
        #expect(try second.notify(broadcast) == 0)
        #expect(firstWrites.written.last?.description == #"[1,1,"news",{"n":1}]"#)
        #expect(secondWrites.written.last?.description == #"[1,0,"news",{"n":1}]"#)
    }

    @Test func severalBroadcastsAtOnceAreNumberedInOrderAndWakeTheTransportOnce() throws {
        let engine = Engine()
        let wakes = Atomic<Int>(0)
        let connection = engine.attach(wake: { _ in wakes.add(1, ordering: .relaxed) })
        try engine.notify("earlier")
        #expect(connection.takeAllOutbound().map(\.description) == [#"[1,0,"earlier",null]"#])
        let broadcasts = try ["a", "b", "c"].map { try Message.Notification(broadcasting: $0, data: ["n": 1]) }
        try engine.notify(contentsOf: broadcasts + [Message.Notification(id: 0, method: "plain", data: 2)])
        #expect(wakes.load(ordering: .relaxed) == 2)
        #expect(connection.takeAllOutbound().map(\.description) == [
            #"[1,1,"a",{"n":1}]"#, #"[1,2,"b",{"n":1}]"#, #"[1,3,"c",{"n":1}]"#, #"[1,4,"plain",2]"#,
        ])
        #expect(engine.unacknowledgedCount == 5)
    }

    @Test func aMalformedFrameIsReportedAndTheEngineKeepsServing() async throws {
        let engine = Engine(handler: EchoHandler())
        let events = engine.events()
        let recorder = Recorder()
        _ = engine.attach(writer: recorder.writer)
        #expect(throws: MessageParseError.unknownCode(9)) { try engine.receive(frame: Array("[9]".utf8)) }
        try engine.receive(frame: Array(#"[2, 0, "echo", 1]"#.utf8))
        #expect(try await recorder.waitFor(1) == [.response(.init(id: 0, requestID: 0, data: 1))])
        var iterator = events.makeAsyncIterator()
        let first = await iterator.next()
        guard case .protocolError(let text) = first?.kind else {
            Issue.record("expected a protocol error event, got \(String(describing: first?.kind))")
            return
        }
        #expect(text == "unknown message code 9")
    }
}

/// Records the data of the notifications each `handleNotifications` call was given.
private final class BatchRecordingHandler: RPCHandler {
    let batches = Mutex<[[Int64]]>([])

    func handle(_ call: RPCCall) async throws -> JSONValue { nil }

    func handleNotifications(_ calls: [RPCCall]) async {
        batches.withLock { $0.append(calls.map { $0.data.integerValue ?? -1 }) }
    }
}

/// Records the data of each batch of notifications it takes where they arrive.
private final class ImmediateRecordingHandler: ImmediateNotificationHandler {
    let batches = Mutex<[[Int64]]>([])

    func handle(_ call: RPCCall) async throws -> JSONValue { nil }

    func receiveNotifications(_ calls: [RPCCall]) {
        batches.withLock { $0.append(calls.map { $0.data.integerValue ?? -1 }) }
    }
}
