import MushroomClient
import MushroomRPC

/// Everything that defines one load run against a mushroom server.
public struct LoadOptions: Sendable {
    /// The server's bootstrap URL.
    public var url: String
    public var scenario: LoadScenario
    /// Connections doing the work (subscribers for `fanout`, which adds one publisher).
    public var connections: Int
    /// In flight per connection (`pipeline`) or publishes in flight (`fanout`); 1 for `echo`.
    public var depth: Int
    /// The measurement window.
    public var duration: Duration
    /// The load runs this long before the measurement window opens; its results are discarded.
    public var warmup: Duration
    public var transport: TransportKind
    /// The certificate authorities trusted when `url` is https (`echo`, `pipeline` and `fanout`).
    public var tlsTrust = TLSTrust.systemStore
    /// The server's process id, whose memory and CPU the `sessions` scenario reads (`/proc/PID`);
    /// it must be the server at `url`.
    public var serverPID: Int32?
    /// How long the requests still unanswered when the window closes are waited for before
    /// they are cancelled and count as failed.
    public var drainTimeout: Duration = .seconds(10)
    /// How long the notifications still in flight after the window are waited for before the
    /// missing ones count as lost (`fanout`).
    public var settleTimeout: Duration = .seconds(5)

    /// The connections a run may open: enough for any load one machine can apply, few enough
    /// that opening them cannot exhaust it before the first fails.
    public static let connectionRange = 1...10_000
    /// The requests a connection may keep in flight: the window each connection allocates.
    public static let depthRange = 1...100_000

    /// The data of every `echo` request: a 32-character string, the size of a small real message.
    public static let echoPayload: JSONValue = "mushroom benchmark payload 01234"
    /// The method name of the notifications `fanout` publishes.
    public static let fanoutMethod = "bench.fanout"

    /// Options with the scenario's default connections and depth, 5 s measured after 1 s of warm-up, over WebSocket.
    public init(
        url: String, scenario: LoadScenario, connections: Int? = nil, depth: Int? = nil,
        duration: Duration = .seconds(5), warmup: Duration = .seconds(1), transport: TransportKind = .webSocket,
        serverPID: Int32? = nil
    ) {
        self.url = url
        self.scenario = scenario
        self.connections = connections ?? scenario.defaultConnections
        self.depth = depth ?? scenario.defaultDepth
        self.duration = duration
        self.warmup = warmup
        self.transport = transport
        self.serverPID = serverPID
    }
}
