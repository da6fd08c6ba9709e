import Testing

@testable import MushroomRPC

/// An object exposing two methods (what a dispatcher must never expose is in the server's SecurityTests).
final class Calculator: RPCExposing {
    static let rpcMethods: RPCMethodTable<Calculator> = [
        "rpc_add": Calculator.add,
        "rpc_negate_v2": Calculator.negate,
    ]

    func add(_ call: RPCCall) async throws -> JSONValue {
        .integer(call.data.arrayValue?.compactMap(\.integerValue).reduce(0, +) ?? 0)
    }

    func negate(_ call: RPCCall) async throws -> JSONValue {
        .integer(-(call.data.integerValue ?? 0))
    }
}

@Suite struct DispatcherTests {
    private func call(_ handler: any RPCHandler, _ method: String, _ data: JSONValue = nil) async throws -> JSONValue {
        try await handler.handle(RPCCall(kind: .request, id: 0, method: method, data: data, engine: Engine()))
    }

    @Test func methodDispatcherAddsThePrefixAndSuffix() async throws {
        #expect(try await call(MethodDispatcher(Calculator()), "add", [1, 2]) == 3)
        #expect(try await call(MethodDispatcher(Calculator(), prefix: "rpc_", suffix: "_v2"), "negate", 4) == -4)
    }

    @Test func unknownMethodsAnswerWithTheLookedUpAttribute() async throws {
        let error = await #expect(throws: MethodNotFound.self) { try await call(MethodDispatcher(Calculator()), "nope") }
        #expect(error?.methodName == "rpc_nope")
        #expect(error?.replyData == "rpc_nope")
    }

    @Test func registryRejectsDuplicates() async throws {
        var registry = RegistryDispatcher()
        try registry.register("echo") { $0.data }
        #expect(throws: RegistryDispatcher.DuplicateMethod(name: "echo")) { try registry.register("echo") { _ in nil } }
        #expect(try await call(registry, "echo", "hi") == "hi")
        await #expect(throws: MethodNotFound("other")) { try await call(registry, "other") }
        #expect(registry.methodNames == ["echo"])
        #expect(RegistryDispatcher.DuplicateMethod(name: "echo").description == "method 'echo' is already registered")
    }

    @Test func errorDescriptionsAreSentences() {
        #expect(MethodNotFound("rpc_x").description == "method not found: rpc_x")
        #expect(RequestTimeout(method: "slow", timeout: .milliseconds(250)).description == "request 'slow' timed out after 250 ms")
        #expect(RequestTimeout(method: "slow", timeout: .seconds(1.5)).description == "request 'slow' timed out after 1.5 s")
        #expect(OutboundBufferFull(.messages(3)).description == "outbound buffer full: 3 messages waiting for acknowledgement")
        #expect(OutboundBufferFull(.bytes(1024)).description == "outbound buffer full: more than 1024 bytes waiting for acknowledgement")
        let errors: [any RPCError] = [MethodNotFound("a"), RequestException(1), RPCFailure("m")]
        #expect(errors.map(\.replyData) == ["a", 1, "m"])
    }
}

@Suite struct MiddlewareTests {
    private func call(_ handler: any RPCHandler, _ method: String, _ data: JSONValue = nil) async throws -> JSONValue {
        try await handler.handle(RPCCall(kind: .request, id: 0, method: method, data: data, engine: Engine()))
    }

    @Test func statisticsCountCallsAndFailures() async throws {
        let statistics = MethodStatistics()
        let handler = EchoHandler().wrapped(by: statistics)
        _ = try await call(handler, "echo", 1)
        _ = try await call(handler, "echo", 2)
        _ = try? await call(handler, "boom")
        let figures = statistics.snapshot
        #expect(figures["echo"]?.calls == 2)
        #expect(figures["echo"]?.failures == 0)
        #expect(figures["boom"]?.calls == 1)
        #expect(figures["boom"]?.failures == 1)
    }

    @Test func runningMethodsListsCallsInProgress() async throws {
        let running = RunningMethods()
        let handler = EchoHandler().wrapped(by: running)
        let slow = Task { try await call(handler, "slow", 0.2) }
        try await eventually { running.calls.count == 1 }
        #expect(running.calls.first?.method == "slow")
        _ = try await slow.value
        #expect(running.calls.isEmpty)
    }

    @Test func middlewareComposesAndPassesResultsThrough() async throws {
        let statistics = MethodStatistics()
        let handler = EchoHandler()
            .wrapped(by: SlowMethodLog(threshold: .milliseconds(1)))
            .wrapped(by: statistics)
        #expect(try await call(handler, "slow", 0.01) == "done")
        #expect(statistics.snapshot["slow"]?.calls == 1)
    }
}
