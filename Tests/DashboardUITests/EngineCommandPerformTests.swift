import DashboardModel
import DashboardUI
import MushroomRPC
import Testing

/// What the form's commands become when performed on an engine (a peer over an in-memory link).
@Suite(.timeLimit(.minutes(1))) struct EngineCommandPerformTests {
    private static func link(answer: @escaping @Sendable (RPCCall) async throws -> JSONValue) -> InMemoryLink {
        var immediate = EngineConfiguration()
        immediate.acknowledgement = .immediate
        let link = InMemoryLink(Engine(configuration: immediate), Engine(handler: ClosureHandler(answer), configuration: immediate))
        link.connect()
        return link
    }

    @Test func aRequestWithoutATimeoutWaitsForItsAnswer() async {
        let link = Self.link { call in
            try await Task.sleep(for: .milliseconds(200))
            return call.data
        }
        let outcome = await EngineCommand.Kind.sendRequest(method: "slow", data: [1], timeout: nil).perform(on: link.left)
        guard case .requestFinished(.response(let data), let latency) = outcome else {
            Issue.record("unexpected outcome \(outcome)")
            return
        }
        #expect(data == [1])
        #expect(latency >= .milliseconds(200))
    }

    @Test func anErrorReplyAndATimeoutEndTheRequest() async {
        let link = Self.link { call in
            if call.method == "nope" { throw RPCFailure("no such thing") }
            try await Task.sleep(for: .seconds(5))
            return .null
        }
        let refused = await EngineCommand.Kind.sendRequest(method: "nope", data: nil, timeout: nil).perform(on: link.left)
        guard case .requestFinished(.error("no such thing"), _) = refused else {
            Issue.record("unexpected outcome \(refused)")
            return
        }
        let late = await EngineCommand.Kind.sendRequest(method: "wait", data: nil, timeout: .milliseconds(50)).perform(on: link.left)
        guard case .requestFinished(.timeout, _) = late else {
            Issue.record("unexpected outcome \(late)")
            return
        }
    }

    @Test func aNotificationIsSentAsTheNextMessage() async {
        let link = Self.link { _ in .null }
        #expect(await EngineCommand.Kind.sendNotification(method: "hello", data: nil).perform(on: link.left) == .notified(0))
        #expect(await EngineCommand.Kind.sendNotification(method: "again", data: nil).perform(on: link.left) == .notified(1))
    }

    @Test func whatTheEngineRefusesIsRefusedWithItsReason() async {
        let engine = Engine()
        engine.close(reason: "the client closed")
        #expect(await EngineCommand.Kind.sendNotification(method: "late", data: nil).perform(on: engine)
            == .refused("connection lost: the client closed"))
    }
}
