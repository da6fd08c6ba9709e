import MushroomRPC

/// What the command-line client answers when the server calls it: `client.ping` returns its data,
/// every other request gets MethodNotFound. Notifications go to `onNotifications` where they
/// arrive, those of one read in one call: it must return quickly (`watch` queues them for its
/// printer); without it they are dropped, and no task wakes for them.
struct CommandLineHandler: ImmediateNotificationHandler {
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

    func receiveNotifications(_ calls: [RPCCall]) {
        onNotifications(calls)
    }
}
