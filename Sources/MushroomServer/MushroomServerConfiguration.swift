import Foundation
import Logging

/// How a `MushroomServer` listens and the bounds it enforces. The defaults follow the reference
/// server where clients depend on its timings, and add bounds where the reference had none.
public struct MushroomServerConfiguration: Sendable {
    /// The interface to listen on.
    public var host = "127.0.0.1"
    /// The port to listen on; 0 picks a free port (see `RunningMushroomServer.port`).
    public var port = 8080
    /// Where the bootstrap endpoint is mounted; session URLs are `basePath/SESSION_ID/`.
    public var basePath = "/"
    /// How long a long poll is held open when there is nothing to send (reference: 40 s).
    public var pollTimeout: Duration = .seconds(40)
    /// How long a long-poll session lives without a poll (reference: 60 s).
    public var pollSessionMaximumAge: Duration = .seconds(60)
    /// How long a WebSocket session waits for its first socket before it expires (the reference
    /// keeps it for ever, buffering every broadcast).
    public var unopenedSessionMaximumAge: Duration = .seconds(60)
    /// The most sessions one client address may hold that were never opened; a bootstrap beyond
    /// it is answered `429`.
    public var maximumUnopenedSessionsPerAddress = 256
    /// How often idle and unopened sessions are looked for (reference: 30 s).
    public var pollCleanupInterval: Duration = .seconds(30)
    /// How long a WebSocket session waits for its client to reconnect after the socket drops;
    /// `.zero` ends the session with the socket, like the reference.
    public var webSocketGracePeriod: Duration = .seconds(30)
    /// The largest WebSocket message and long-poll body accepted, in bytes; larger ones are
    /// rejected before they are buffered.
    public var maximumMessageSize = 1 << 20
    /// The most connections held open at once; at the bound a new connection sheds the oldest
    /// one that has not sent a request head yet, or is answered `503`. `nil` takes the process's
    /// file-descriptor limit less 64.
    public var maximumConnections: Int?
    /// How long a connection may take to send a request head, and to send each part of a body
    /// or the next request; a connection that takes longer is closed (`408` for a first head).
    public var requestReadTimeout: Duration = .seconds(30)
    /// The longest request line (method, path, version) accepted, in bytes; longer is `414`.
    public var maximumRequestLineBytes = 8 * 1024
    /// The longest request head (request line and header fields) accepted, in bytes; longer is `431`.
    public var maximumRequestHeadBytes = 64 * 1024
    /// The most outbound messages a session keeps waiting for acknowledgement; when a client
    /// falls that far behind, its session is closed. `nil` is unbounded, like the reference.
    public var maximumUnacknowledged: Int? = 10_000
    /// The most bytes of outbound messages a session keeps waiting for acknowledgement (as
    /// `Message.estimatedSize` counts them); past it the session is closed like a slow consumer.
    /// `nil` is unbounded.
    public var maximumUnacknowledgedBytes: Int? = 64 << 20
    /// The most inbound requests of one session handled at once; beyond it a request is answered
    /// with an Error at once. `nil` is unbounded, like the reference.
    public var maximumConcurrentHandlers: Int? = 64
    /// The most topic patterns one session may subscribe to; a `subscribe` beyond it is answered
    /// with an Error and changes nothing.
    public var maximumSubscriptions = MushroomServerConfiguration.defaultMaximumSubscriptions
    /// The default of `maximumSubscriptions`.
    public static let defaultMaximumSubscriptions = 1_000
    /// How many malformed WebSocket messages in a row close the socket; fewer are logged and skipped.
    public var maximumMalformedInARow = 10
    /// How long a graceful shutdown lets a connection finish (a response, a WebSocket close
    /// handshake) before closing it; a connection that never carried a request is closed at once.
    public var shutdownGracePeriod: Duration = .seconds(5)
    /// The certificate and key to serve https and wss with; `nil` serves plain http and ws.
    public var tls: ServerTLSIdentity?
    /// Whether an `X-Forwarded-Proto: https` header makes session URLs `wss`/`https`: set it only
    /// behind a TLS proxy that sets the header itself, since any client can send one.
    public var trustsForwardedProto = false
    /// The cluster this server is a node of (`MushroomCluster.PostgresClusterLog`): broadcasts and
    /// topic publications made on any node reach the matching sessions of every node, in one
    /// order. `nil`, the default, keeps them in this process and delivers them at once.
    public var cluster: (any ClusterLog)?
    /// This node's name in its cluster's log lines and stored publications.
    public var nodeName = "mushroom"
    /// How many publications made on this node may wait to be stored while the cluster's log is
    /// unreachable; beyond it a publication is refused (`PublicationRefused`).
    public var maximumUnstoredPublications = 10_000
    /// How many broadcasts and publications of a server that is no cluster's node may wait while
    /// the one before them is delivered to the sessions (`SessionList.notify`); beyond it one is
    /// refused (`PublicationRefused.deliveryBacklogFull`).
    public var maximumWaitingBroadcasts = 10_000
    /// How long a bootstrap with a positioned subscription waits for an unreachable cluster log
    /// before the session joins the stream where the node is, told it was not recovered.
    public var recoveryTimeout: Duration = .seconds(5)
    /// How often a node looks for new publications when no wake-up came from the log.
    public var clusterPollInterval: Duration = .milliseconds(250)
    /// The base URL put in session URLs instead of the address a bootstrap came to (`http` or
    /// `https`, host, port and the base path): behind a load balancer, the address that leads back
    /// to this node, where its sessions live.
    public var advertisedURL: AdvertisedURL?
    /// The port of a second listener, on `host`, serving `GET /metrics` in the Prometheus text
    /// format (README lists the metrics); 0 picks a free port (see
    /// `RunningMushroomServer.metricsPort`); `nil` serves no metrics and records none.
    public var metricsPort: Int?
    /// The operator's token: a session whose bootstrap auth carries `{"admin": TOKEN}` may call
    /// the admin methods (`mushroom.sessions` and the others README lists); to every other
    /// session they are unknown methods. `nil` (or empty) admits nobody.
    public var adminToken: String?
    /// The logger for sessions, transports and their engines.
    public var logger = Logger(label: "mushroom.server")

    public init() {}

    /// The one segment of `target` under the base path (`/base/ID/`, query ignored), when the
    /// target has the shape of a session URL.
    func sessionSegment(of target: String) -> Substring? {
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let base = normalizedBasePath
        guard path.hasPrefix(base + "/") else { return nil }
        let segments = path.dropFirst(base.count).split(separator: "/")
        return segments.count == 1 ? segments[0] : nil
    }

    /// The base path normalised to start with `/` and end without one (`""` for the root).
    var normalizedBasePath: String {
        let trimmed = basePath.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        return trimmed.isEmpty ? "" : "/" + trimmed
    }
}
