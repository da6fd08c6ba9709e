import Synchronization
import Testing

@testable import MushroomRPC

@Suite struct ReliableChannelTests {
    private func notification(_ id: MessageID) -> Message { .notification(.init(id: id, method: "n")) }

    @Test func buffersUntilAcknowledged() throws {
        var channel = ReliableChannel()
        for id in 0..<5 { try channel.buffer(notification(id)) }
        try channel.buffer(.heartbeat(.init(lastMessageID: nil)))
        #expect(channel.unacknowledgedCount == 5)
        #expect(channel.receive(.heartbeat(.init(lastMessageID: 2))) == .acknowledgement(released: 3))
        #expect(channel.unacknowledged.map(\.id) == [3, 4])
        #expect(channel.receive(.heartbeat(.init(lastMessageID: 1))) == .acknowledgement(released: 0))
        #expect(channel.receive(.heartbeat(.init(lastMessageID: nil))) == .acknowledgement(released: 0))
        #expect(channel.lastAcknowledgedID == 2)
    }

    @Test func dropsDuplicatesAndRemembersTheLastId() {
        var channel = ReliableChannel()
        #expect(channel.heartbeat == .heartbeat(.init(lastMessageID: nil)))
        #expect(channel.receive(notification(0)) == .deliver)
        #expect(channel.receive(notification(1)) == .deliver)
        #expect(channel.receive(notification(1)) == .duplicate(1))
        #expect(channel.receive(notification(0)) == .duplicate(0))
        #expect(channel.receive(notification(5)) == .deliver)
        #expect(channel.lastReceivedID == 5)
        #expect(channel.heartbeat == .heartbeat(.init(lastMessageID: 5)))
        #expect(channel.receive(.disconnect) == .disconnect)
    }

    @Test func overflowIsReportedAndBuffersNothing() throws {
        var channel = ReliableChannel(maximumUnacknowledged: 2)
        try channel.buffer(notification(0))
        try channel.buffer(notification(1))
        #expect(throws: OutboundBufferFull(.messages(2))) { try channel.buffer(notification(2)) }
        #expect(channel.unacknowledgedCount == 2)
        _ = channel.acknowledge(upTo: 0)
        try channel.buffer(notification(2))
        #expect(channel.unacknowledged.map(\.id) == [1, 2])
    }

    @Test func manyAcknowledgementsKeepTheBufferCompact() throws {
        var channel = ReliableChannel()
        for id in 0..<10_000 {
            try channel.buffer(notification(id))
            if id % 10 == 9 { _ = channel.acknowledge(upTo: id - 5) }
        }
        #expect(channel.unacknowledged.map(\.id) == Array(9_995..<10_000))
    }
}

@Suite struct RetransmissionTests {
    @Test func unacknowledgedMessagesAreRetransmittedAndDuplicatesDropped() async throws {
        let received = Mutex<[Int64]>([])
        let sender = Engine()
        let receiver = Engine(handler: ClosureHandler { call in
            received.withLock { $0.append(call.data.integerValue ?? -1) }
            return nil
        })
        let receiverEvents = receiver.events()
        let link = InMemoryLink(sender, receiver)
        link.connect()
        for n in 0..<3 { try sender.notify("n", .integer(Int64(n))) }
        try await eventually { received.withLock { $0.count == 3 } }
        // Nobody acknowledged (manual policy): all three are still buffered.
        #expect(sender.unacknowledgedCount == 3)

        link.disconnect()
        for n in 3..<5 { try sender.notify("n", .integer(Int64(n))) }
        #expect(sender.unacknowledgedCount == 5)
        link.connect()
        try await eventually { received.withLock { $0.count == 5 } }
        #expect(received.withLock { $0 } == [0, 1, 2, 3, 4])

        // The retransmitted 0...2 were dropped as duplicates.
        var duplicates: [MessageID] = []
        for await event in receiverEvents {
            if case .duplicateDropped(let id) = event.kind { duplicates.append(id) }
            if duplicates.count == 3 { break }
        }
        #expect(duplicates == [0, 1, 2])

        // An acknowledgement empties the buffer, so the next reconnect retransmits nothing.
        try receiver.send(receiver.takeHeartbeat())
        try await eventually { sender.unacknowledgedCount == 0 }
    }

    @Test func batchedAcknowledgementReleasesTheSenderBuffer() async throws {
        var configuration = EngineConfiguration()
        configuration.acknowledgement = .batched(everyMessages: 4, idle: .milliseconds(10))
        let sender = Engine()
        let receiver = Engine(handler: ClosureHandler { _ in nil }, configuration: configuration)
        let link = InMemoryLink(sender, receiver)
        link.connect()
        for _ in 0..<10 { try sender.notify("n") }
        // Eight are acknowledged by count, the last two by the idle timer.
        try await eventually { sender.unacknowledgedCount == 0 }
        #expect(receiver.lastReceivedID == 9)
    }

    @Test func messagesSentWhileDetachedWaitForTheNextConnection() async throws {
        let engine = Engine()
        try engine.notify("early")
        let recorder = Recorder()
        let token = engine.attach(writer: recorder.writer)
        #expect(recorder.written == [.notification(.init(id: 0, method: "early"))])
        engine.detach(token)
        try engine.notify("later")
        #expect(recorder.written.count == 1)
        let second = Recorder()
        let newToken = engine.attach(writer: second.writer)
        engine.detach(token)  // a stale token does not detach the new connection
        try engine.notify("third")
        #expect(second.written.map(\.id) == [0, 1, 2])
        engine.detach(newToken)
        #expect(!engine.isAttached)
    }

    @Test func immediateAcknowledgementAnswersEveryMessage() throws {
        var configuration = EngineConfiguration()
        configuration.acknowledgement = .immediate
        let engine = Engine(handler: ClosureHandler { _ in nil }, configuration: configuration)
        let recorder = Recorder()
        _ = engine.attach(writer: recorder.writer)
        engine.receive(.notification(.init(id: 0, method: "a")))
        engine.receive(.notification(.init(id: 0, method: "a")))
        engine.receive(.notification(.init(id: 1, method: "b")))
        // The duplicate is acknowledged again (its sender lost the first acknowledgement).
        #expect(recorder.written == [.heartbeat(.init(lastMessageID: 0)), .heartbeat(.init(lastMessageID: 0)), .heartbeat(.init(lastMessageID: 1))])
    }

    @Test func ofTheHeartbeatsWrittenTogetherOnlyTheLastIsNeeded() {
        let batch: [Message] = [
            .heartbeat(.init(lastMessageID: 1)), .notification(.init(id: 0, method: "a")),
            .heartbeat(.init(lastMessageID: 2)), .request(.init(id: 1, method: "b")),
        ]
        #expect(Message.withoutCoveredHeartbeats(batch) == [
            .notification(.init(id: 0, method: "a")), .heartbeat(.init(lastMessageID: 2)), .request(.init(id: 1, method: "b")),
        ])
        #expect(Message.withoutCoveredHeartbeats([.heartbeat(.init(lastMessageID: nil))]) == [.heartbeat(.init(lastMessageID: nil))])
        #expect(Message.withoutCoveredHeartbeats([.disconnect]) == [.disconnect])
    }

    @Test func byteBoundRefusesTheMessageThatWouldPassItAndAcknowledgementFreesRoom() throws {
        var channel = ReliableChannel(maximumUnacknowledgedBytes: 100)
        let message = Message.notification(.init(id: 0, method: "m", data: .string(String(repeating: "a", count: 40))))
        #expect(message.estimatedSize >= message.frame.count && message.estimatedSize <= message.frame.count + 24)
        try channel.buffer(message)
        #expect(channel.unacknowledgedBytes == message.estimatedSize)
        var second = message
        if case .notification(var body) = second { body.id = 1; second = .notification(body) }
        #expect(throws: OutboundBufferFull(.bytes(100))) { try channel.buffer(second) }
        #expect(channel.acknowledge(upTo: 0) == 1)
        #expect(channel.unacknowledgedBytes == 0)
        try channel.buffer(second)
        #expect(channel.unacknowledgedCount == 1)
    }

    @Test func estimatedSizeIsCloseToTheEncodedSize() throws {
        let values: [JSONValue] = [
            .null, true, false, 0, -7, 1234567890123, .double(0.5), "text", ["a": [1, 2, "three"], "b": .null],
            .array((0..<100).map { .integer(Int64($0)) }), .string(String(repeating: "é", count: 50)),
        ]
        for value in values {
            let encoded = value.compactBytes.count
            #expect(value.estimatedSize >= encoded - 2 && value.estimatedSize <= encoded + 24, "\(value)")
        }
        let broadcast = Message.notification(try Message.Notification(broadcasting: "news", data: ["n": 1]))
        #expect(broadcast.estimatedSize == 24 + #""news",{"n":1}]"#.utf8.count)
    }

    @Test func overflowIsReportedAsAnEventAndAnError() async throws {
        var configuration = EngineConfiguration()
        configuration.maximumUnacknowledged = 2
        let engine = Engine(configuration: configuration)
        let events = engine.events()
        try engine.notify("a")
        try engine.notify("b")
        #expect(throws: OutboundBufferFull(.messages(2))) { try engine.notify("c") }
        #expect(engine.nextMessageID() == 2)
        for await event in events {
            if case .outboundOverflow(let full) = event.kind {
                #expect(full == OutboundBufferFull(.messages(2)))
                break
            }
        }
    }
}

@Suite struct DuplicateAcknowledgementPolicyTests {
    @Test(arguments: [AcknowledgementPolicy.immediate, .batched(everyMessages: 1, idle: .seconds(60))])
    func aDuplicateIsAcknowledgedAgainPerPolicy(policy: AcknowledgementPolicy) throws {
        var configuration = EngineConfiguration()
        configuration.acknowledgement = policy
        let engine = Engine(configuration: configuration)
        let recorder = Recorder()
        _ = engine.attach(writer: recorder.writer)
        let notification = Message.notification(.init(id: 0, method: "n"))
        #expect(engine.receive(notification) == .deliver)
        #expect(engine.receive(notification) == .duplicate(0))
        #expect(recorder.written == [.heartbeat(.init(lastMessageID: 0)), .heartbeat(.init(lastMessageID: 0))])
    }

    @Test func aDuplicateIsNotAcknowledgedByAManualEngine() throws {
        let engine = Engine()
        let recorder = Recorder()
        _ = engine.attach(writer: recorder.writer)
        let notification = Message.notification(.init(id: 0, method: "n"))
        engine.receive(notification)
        #expect(engine.receive(notification) == .duplicate(0))
        #expect(recorder.written.isEmpty)
    }
}
