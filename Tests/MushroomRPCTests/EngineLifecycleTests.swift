import Foundation
import Synchronization
import Testing

@testable import MushroomRPC

@Suite struct EngineLifecycleTests {
    @Test func cancellingTheCallingTaskFailsTheRequestAndRemovesIt() async throws {
        let pair = EnginePair()
        let call = Task { try await pair.client.request("slow", 10) }
        try await eventually { pair.client.pendingRequestCount == 1 }
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(pair.client.pendingRequestCount == 0)
    }

    @Test func anAlreadyCancelledTaskSendsNothing() async throws {
        let engine = Engine()
        let recorder = Recorder()
        _ = engine.attach(writer: recorder.writer)
        let call = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await engine.request("x")
        }
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(recorder.written.isEmpty)
    }

    @Test func closingFailsPendingRequestsAndLaterSends() async throws {
        let engine = Engine()
        let call = Task { try await engine.request("never") }
        try await eventually { engine.pendingRequestCount == 1 }
        engine.close(reason: "transport closed")
        let error = await #expect(throws: ConnectionLost.self) { try await call.value }
        #expect(error?.description == "connection lost: transport closed")
        #expect(throws: ConnectionLost("transport closed")) { try engine.notify("late") }
        #expect(engine.closedReason == "transport closed")
    }

    @Test func aNewSessionFailsOldRequestsAndRestartsIds() async throws {
        let engine = Engine()
        try engine.notify("a")
        let call = Task { try await engine.request("never") }
        try await eventually { engine.pendingRequestCount == 1 }
        engine.receive(.notification(.init(id: 7, method: "n")))
        engine.resetSession(reason: "server restarted")
        let error = await #expect(throws: ConnectionLost.self) { try await call.value }
        #expect(error?.reason == "session lost: server restarted")
        #expect(engine.unacknowledgedCount == 0)
        #expect(engine.lastReceivedID == nil)
        #expect(engine.nextMessageID() == 0)
    }

    @Test func answersForUnknownAndTimedOutRequestsAreDroppedAndFlagged() async throws {
        let engine = Engine()
        let events = engine.events()
        await #expect(throws: RequestTimeout.self) { try await engine.request("slow", timeout: .milliseconds(5)) }
        engine.receive(.response(.init(id: 0, requestID: 0, data: "late")))
        engine.receive(.error(.init(id: 1, requestID: 42, data: "stray")))
        var unmatched: [(MessageID, Bool)] = []
        for await event in events {
            if case .unmatchedResponse(let requestID, let late) = event.kind { unmatched.append((requestID, late)) }
            if unmatched.count == 2 { break }
        }
        #expect(unmatched.map(\.0) == [0, 42])
        #expect(unmatched.map(\.1) == [true, false])
    }

    @Test func requestEventsCarryDeadlineOutcomeAndLatency() async throws {
        let start = Date(timeIntervalSince1970: 1_000)
        let clock = Mutex(start)
        var configuration = EngineConfiguration()
        configuration.now = { clock.withLock { $0 } }
        let client = Engine(configuration: configuration)
        let server = Engine(handler: EchoHandler())
        let events = client.events()
        let link = InMemoryLink(client, server)
        link.connect()
        clock.withLock { $0 = start }
        let call = Task { try await client.request("echo", 1, timeout: .seconds(600)) }
        var iterator = events.makeAsyncIterator()
        var started: RequestStart?
        var finished: RequestFinish?
        while finished == nil, let event = await iterator.next() {
            switch event.kind {
            case .requestStarted(let request):
                started = request
                clock.withLock { $0 = start.addingTimeInterval(0.5) }
            case .requestFinished(let finish): finished = finish
            default: break
            }
        }
        #expect(try await call.value == 1)
        #expect(started == RequestStart(direction: .outbound, id: 0, method: "echo", data: 1, deadline: start.addingTimeInterval(600)))
        #expect(finished == RequestFinish(direction: .outbound, id: 0, method: "echo", outcome: .response(1), latency: .milliseconds(500)))
    }

    @Test func inboundRequestsArePublishedToo() async throws {
        let server = Engine(handler: EchoHandler())
        let events = server.events()
        let recorder = Recorder()
        _ = server.attach(writer: recorder.writer)
        server.receive(.request(.init(id: 3, method: "nope")))
        var kinds: [String] = []
        for await event in events {
            switch event.kind {
            case .requestStarted(let start): kinds.append("started \(start.direction) \(start.id) \(start.method)")
            case .requestFinished(let finish):
                kinds.append("finished \(finish.direction) \(finish.id) \(finish.outcome)")
            default: continue
            }
            if kinds.count == 2 { break }
        }
        #expect(kinds == ["started inbound 3 nope", "finished inbound 3 error(\"rpc_nope\")"])
    }

    @Test func concurrentHandlersAreBounded() async throws {
        var configuration = EngineConfiguration()
        configuration.maximumConcurrentHandlers = 2
        let engine = Engine(handler: EchoHandler(), configuration: configuration)
        let recorder = Recorder()
        _ = engine.attach(writer: recorder.writer)
        for id in 0..<3 { engine.receive(.request(.init(id: id, method: "slow", data: 0.2))) }
        let first = try await recorder.waitFor(1)
        #expect(first == [.error(.init(id: 0, requestID: 2, data: "too many concurrent requests (limit 2)"))])
        let all = try await recorder.waitFor(3)
        #expect(Set(all.dropFirst().compactMap { message -> MessageID? in
            if case .response(let response) = message { response.requestID } else { nil }
        }) == [0, 1])
    }

    @Test func hooksRunBeforeAndAfterHandling() async throws {
        let log = Mutex<[String]>([])
        var configuration = EngineConfiguration()
        configuration.hooks = MessageHooks(
            beforeHandling: [{ message, _ in log.withLock { $0.append("before \(message.code.name)") } }],
            afterHandling: [{ message, _ in log.withLock { $0.append("after \(message.code.name)") } }])
        let engine = Engine(handler: EchoHandler(), configuration: configuration)
        _ = engine.attach(writer: Recorder().writer)
        engine.receive(.request(.init(id: 0, method: "echo")))
        try await eventually { log.withLock { $0.count == 2 } }
        engine.receive(.notification(.init(id: 1, method: "x")))
        try await eventually { log.withLock { $0.count == 4 } }
        #expect(log.withLock { $0 } == ["before Request", "after Request", "before Notification", "after Notification"])
    }

    @Test func aSubscriptionBeginsWithTheLatestTransportChangeThenFollowsLiveOnes() async throws {
        var configuration = EngineConfiguration()
        configuration.now = { Date(timeIntervalSince1970: 5) }
        let engine = Engine(configuration: configuration)
        engine.report(.connecting(url: "u", attempt: 1))
        engine.report(.connected(transport: "ws", url: "u", sessionID: nil))
        let events = engine.events()
        engine.publish(.protocolError("live"))
        var seen: [String] = []
        for await event in events {
            switch event.kind {
            case .transport(let change): seen.append("\(change) at \(event.time.timeIntervalSince1970)")
            case .protocolError(let text): seen.append(text)
            default: seen.append("other")
            }
            if seen.count == 2 { break }
        }
        #expect(seen == [#"connected(transport: "ws", url: "u", sessionID: nil) at 5.0"#, "live"])
    }

    @Test func noEventIsBuiltWhenNobodyListens() {
        let engine = Engine()
        let built = Atomic<Int>(0)
        func expensive() -> EngineEvent.Kind {
            built.add(1, ordering: .relaxed)
            return .protocolError("x")
        }
        engine.publish(expensive())
        #expect(built.load(ordering: .relaxed) == 0)
        let events = engine.events()
        engine.publish(expensive())
        #expect(built.load(ordering: .relaxed) == 1)
        _ = events
    }
}
