import Testing

@testable import MushroomRPC

/// The one nesting rule: data may be `Message.maximumDataDepth` (511) deep, so that the whole
/// message stays within what the peer's parser accepts (512); deeper data is never sent.
@Suite struct DataDepthTests {
    private func nested(_ depth: Int) -> JSONValue {
        (0..<depth).reduce(JSONValue.integer(1)) { inner, _ in .array([inner]) }
    }

    @Test func theDeepestDataAllowedMakesAFrameThePeerParses() throws {
        let message = Message.notification(.init(id: 0, method: "publish", data: nested(Message.maximumDataDepth)))
        #expect(try Message(frame: message.frame) == message)
        let deeper = Message.notification(.init(id: 0, method: "publish", data: nested(Message.maximumDataDepth + 1)))
        #expect(throws: MessageParseError.self) { try Message(frame: deeper.frame) }
    }

    @Test func depthIsCountedThroughArraysAndObjects() {
        #expect(!JSONValue.integer(1).isNested(deeperThan: 0))
        #expect(JSONValue.array([]).isNested(deeperThan: 0))
        #expect(!JSONValue.array([]).isNested(deeperThan: 1))
        #expect(JSONValue.object(["a": .array([.object([:])])]).isNested(deeperThan: 2))
        #expect(!JSONValue.object(["a": .array([.object([:])])]).isNested(deeperThan: 3))
    }

    @Test func tooDeepDataIsRefusedBeforeItIsSent() async throws {
        let engine = Engine(handler: EchoHandler())
        let recorder = Recorder()
        _ = engine.attach(writer: recorder.writer)
        let tooDeep = nested(Message.maximumDataDepth + 1)
        #expect(throws: DataTooDeep(limit: 511)) { try engine.notify("publish", tooDeep) }
        #expect(throws: DataTooDeep(limit: 511)) { try engine.notify(Message.Notification(broadcasting: "publish", data: tooDeep)) }
        await #expect(throws: DataTooDeep(limit: 511)) { try await engine.request("echo", tooDeep) }
        #expect(recorder.written.isEmpty)
        #expect(engine.unacknowledgedCount == 0)
        #expect(try engine.notify("publish", nested(Message.maximumDataDepth)) == 0)
        #expect(DataTooDeep(limit: 511).description == "the data is nested deeper than 511 levels, more than a message may carry")
    }

    @Test func aReplyTooDeepBecomesAnError() async throws {
        let engine = Engine(handler: ClosureHandler { call in .array([call.data]) })
        let recorder = Recorder()
        _ = engine.attach(writer: recorder.writer)
        let request = Message.request(.init(id: 3, method: "wrap", data: nested(Message.maximumDataDepth)))
        try engine.receive(frame: request.frame)
        #expect(try await recorder.waitFor(1) == [.error(.init(
            id: 0, requestID: 3, data: "the data is nested deeper than 511 levels, more than a message may carry"))])
    }
}
