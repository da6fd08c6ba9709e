import MushroomRPC

/// What the command-line client answers when the server calls it: `client.ping` returns its data,
/// every other request gets MethodNotFound; notifications go to `onNotifications`, those that
/// arrived together in one call.
struct CommandLineHandler: RPCHandler {
    var onNotifications: @Sendable ([RPCCall]) -> Void = { _ in }

    func handle(_ call: RPCCall) async throws -> JSONValue {
        switch (call.kind, call.method) {
        case (.notification, _):
            onNotifications([call])
            return .null
        case (.request, "client.ping"):
            return call.data
        case (.request, _):
            throw MethodNotFound(call.method)
        }
    }

    func handleNotifications(_ calls: [RPCCall]) async {
        onNotifications(calls)
    }
}
