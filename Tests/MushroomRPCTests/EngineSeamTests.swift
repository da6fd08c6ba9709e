import Foundation
import Synchronization
import Testing

@testable import MushroomRPC

/// The engine's seams: no lock held while it calls out, bounded event subscriptions that count
/// what they drop, one deadline sweeper for every request.
@Suite(.timeLimit(.minutes(1))) struct EngineSeamTests {
    @Test func aWriterMayCallTheEngineBack() throws {
        let engine = Engine()
        let seen = Mutex<[Int]>([])
        engine.attach(writer: { _ in
            // Under a lock held while writing, this would deadlock.
            seen.withLock { $0.append(engine.unacknowledgedCount) }
        })
        try engine.notify("a")
        try engine.notify("b")
        #expect(seen.withLock { $0 } == [1, 2])
    }

    @Test func concurrentSendersReachTheWriterInIDOrderOneAtATime() async throws {
        let engine = Engine()
        let written = Mutex<[MessageID]>([])
        let writing = Atomic<Int>(0)
        let overlapped = Atomic<Bool>(false)
        engine.attach(writer: { message in
            if writing.add(1, ordering: .relaxed).newValue > 1 { overlapped.store(true, ordering: .relaxed) }
            if let id = message.id { written.withLock { $0.append(id) } }
            writing.subtract(1, ordering: .relaxed)
        })
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<250 { _ = try? engine.notify("n") } }
            }
        }
        #expect(written.withLock { $0 } == Array(0..<2000))
        let didOverlap = overlapped.load(ordering: .relaxed)
        #expect(!didOverlap)
    }

    @Test func aSubscriptionThatFallsBehindCountsEveryEventItDropped() {
        var configuration = EngineConfiguration()
        configuration.eventBufferLimit = 10
        let engine = Engine(configuration: configuration)
        let subscription = engine.events()
        for index in 0..<25 { engine.reportProtocolViolation("\(index)") }
        let batch = subscription.drain()
        #expect(batch.dropped == 15)
        #expect(batch.events.map(\.kind.violation) == (15..<25).map { "\($0)" })
        #expect(subscription.drain().dropped == 0)
        #expect(subscription.droppedCount == 15)
    }

    @Test func aSubscriptionEndsAfterTheClosedEventAndALateOneAtOnce() async {
        let engine = Engine()
        let subscription = engine.events()
        engine.close(reason: "done")
        var kinds: [String] = []
        for await event in subscription { kinds.append("\(event.kind)") }
        #expect(kinds == [#"transport(MushroomRPC.TransportEvent.closed(reason: "done"))"#])
        var late: [String] = []
        for await event in engine.events() { late.append("\(event.kind)") }
        #expect(late == kinds)
    }

    @Test func aCancelledSubscriptionStopsReceiving() {
        let engine = Engine()
        let subscription = engine.events()
        subscription.cancel()
        engine.reportProtocolViolation("after")
        #expect(subscription.drain().events.isEmpty)
        #expect(!engine.hub.hasSubscribers)
    }

    @Test func aDeadlineRegisteredLaterButDueEarlierTimesOutFirst() async throws {
        let engine = Engine()
        engine.attach(writer: { _ in })
        let patient = Task { try await engine.request("slow", timeout: .seconds(30)) }
        try await eventually { engine.pendingRequestCount == 1 }
        let hasty = Task { try await engine.request("fast", timeout: .milliseconds(50)) }
        await #expect(throws: RequestTimeout(method: "fast", timeout: .milliseconds(50))) { try await hasty.value }
        #expect(engine.pendingRequestCount == 1)
        patient.cancel()
        await #expect(throws: CancellationError.self) { try await patient.value }
    }

    @Test func manyRequestsTimeOutTogetherAndAnsweredOnesDoNot() async throws {
        let engine = Engine()
        let sent = Recorder()
        engine.attach(writer: sent.writer)
        let failures = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    do {
                        _ = try await engine.request("r", timeout: .milliseconds(300))
                        return nil
                    } catch {
                        return "\(type(of: error))"
                    }
                }
            }
            try? await eventually { sent.written.count == 200 }
            // Answer the even ids; the odd ones time out.
            for case .request(let request) in sent.written where request.id % 2 == 0 {
                engine.receive(.response(.init(id: request.id / 2, requestID: request.id, data: nil)))
            }
            return await group.compactMap { $0 }.reduce(into: []) { $0.append($1) }
        }
        #expect(failures.count == 100)
        #expect(Set(failures) == ["RequestTimeout"])
        #expect(engine.pendingRequestCount == 0)
    }
}

extension EngineEvent.Kind {
    fileprivate var violation: String? {
        if case .protocolError(let text) = self { text } else { nil }
    }
}
