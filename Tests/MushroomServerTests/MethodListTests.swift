import Foundation
import MushroomDemo
import MushroomRPC
import MushroomServer
import Testing

/// `mushroom.methods`: every session, admin token or not, can ask the server which request
/// methods it may call.
@Suite(.timeLimit(.minutes(1)))
struct MethodListTests {
    static let builtIns = ["mushroom.methods", "subscribe", "unsubscribe"]

    @Test func aSessionWithoutTheTokenGetsTheBuiltInsAndTheApplicationsMethods() async throws {
        try await withServer({ $0.adminToken = AdminMethodTests.token }) { server in
            let socket = try await AdminMethodTests.open(server, auth: .null)
            let expected = JSONValue.array((Self.builtIns + ["ask_client", "echo", "wait"]).sorted().map(JSONValue.string))
            #expect(try await AdminMethodTests.call(socket, id: 0, "mushroom.methods") == JSONValue.array([3, 0, 0, expected]).compactString)
        }
    }

    @Test func anAdminSessionGetsTheAdminMethodsToo() async throws {
        try await withServer({ $0.adminToken = AdminMethodTests.token }) { server in
            let socket = try await AdminMethodTests.open(server, auth: ["admin": .string(AdminMethodTests.token)])
            let names = (Self.builtIns + AdminMethodTests.adminMethods + ["ask_client", "echo", "wait"]).sorted()
            let answer = try JSONValue(parsing: try await AdminMethodTests.call(socket, id: 0, "mushroom.methods"))
            #expect(answer.arrayValue?.last == .array(names.map(JSONValue.string)))
        }
    }

    @Test func anApplicationThatCannotListItsMethodsLeavesTheBuiltIns() async throws {
        try await withServer(handler: ClosureHandler { _ in .null }) { server in
            let socket = try await AdminMethodTests.open(server, auth: .null)
            let answer = try JSONValue(parsing: try await AdminMethodTests.call(socket, id: 0, "mushroom.methods"))
            #expect(answer.arrayValue?.last == .array(Self.builtIns.map(JSONValue.string)))
        }
    }

    @Test func theDemoListsTheReferenceMethodsAndStillAnswersUnknownOnesLikeTheReference() async throws {
        try await withRunning(DemoServer.makeServer(configuration: testConfiguration, options: Self.quietDemo)) { server in
            let socket = try await AdminMethodTests.open(server, auth: .null)
            let answer = try JSONValue(parsing: try await AdminMethodTests.call(socket, id: 0, "mushroom.methods"))
            let names = (Self.builtIns + ["add", "ask_client", "boom", "echo", "fail", "publish", "publish_topic", "slow"]).sorted()
            #expect(answer.arrayValue?.last == .array(names.map(JSONValue.string)))
            #expect(try await AdminMethodTests.call(socket, id: 1, "nope") == #"[4,1,1,"rpc_nope"]"#)
        }
    }

    static var quietDemo: DemoServer.Options {
        var options = DemoServer.Options()
        options.tickInterval = .zero
        options.topicTraffic = false
        options.pingInterval = .zero
        return options
    }
}
