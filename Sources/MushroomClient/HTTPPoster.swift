import AsyncHTTPClient
import MushroomRPC
import NIOCore
import NIOPosix

/// POSTs JSON bodies and reads whole answers: the bootstrap and the long-poll transport.
struct HTTPPoster: Sendable {
    /// The HTTP client every mushroom client shares. Connection failures are not retried inside
    /// AsyncHTTPClient: the client's own reconnect loop decides, and a refused connection is
    /// reported at once.
    static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
    }()

    /// The certificate authorities an https server's certificate must come from.
    var trust: TLSTrust
    /// The largest answer read (a poll answer carries every unacknowledged message).
    var maximumAnswerSize = 64 << 20
    var client: HTTPClient = Self.sharedClient

    /// POSTs `body` to `endpoint`; returns the status and the whole answer.
    func post(_ endpoint: Endpoint, body: [UInt8], timeout: Duration) async throws -> (status: Int, body: [UInt8]) {
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        if endpoint.scheme.usesTLS { request.tlsConfiguration = trust.configuration }
        let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.timeInterval * 1e9)))
        let answer = try await response.body.collect(upTo: maximumAnswerSize)
        return (Int(response.status.code), Array(answer.readableBytesView))
    }
}
