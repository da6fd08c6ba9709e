import MushroomClient
import MushroomRPC

/// A client that logs nothing, quick to reconnect, optionally subscribed with positions.
func connectQuietly(
    to url: String, transport: TransportKind = .webSocket, auth: JSONValue = .null, handler: any RPCHandler = IgnoringHandler(),
    positionedTopics: [String]? = nil,
    onNotRecovered: (@Sendable (StreamPosition, String) -> Void)? = nil
) async throws -> MushroomClient {
    var configuration = ClientConfiguration()
    configuration.logger.logLevel = .critical
    configuration.engine.logger.logLevel = .critical
    configuration.backoff = ReconnectBackoff(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(300))
    configuration.deadConnectionInterval = .seconds(2)
    configuration.positionedTopics = positionedTopics
    configuration.onNotRecovered = onNotRecovered
    return try await MushroomClient.connect(url: url, transports: [transport], auth: auth, handler: handler, configuration: configuration)
}

/// Takes every notification and answers every request with MethodNotFound, without logging.
struct IgnoringHandler: ImmediateNotificationHandler {
    func handle(_ call: RPCCall) async throws -> JSONValue { throw MethodNotFound(call.method) }
    func receiveNotifications(_ calls: [RPCCall]) {}
}
