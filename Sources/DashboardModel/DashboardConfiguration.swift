/// The dashboard model's bounds and defaults; every collection it keeps is bounded by one of these.
public struct DashboardConfiguration: Sendable, Hashable {
    /// Notifications kept in the stream's ring buffer (`mushroom dash --history`, within
    /// `streamCapacityRange`); older ones are dropped and counted.
    public var streamCapacity = 10_000
    /// Requests tracked in flight; beyond it the oldest is forgotten (its finish event was lost).
    public var maximumInFlightRequests = 10_000
    /// Finished requests kept in the recent list.
    public var recentRequestCapacity = 200
    /// Methods tracked separately (counts, rates, latencies, completion); the rest count as `otherMethod`.
    public var maximumTrackedMethods = 512
    /// Error groups kept; the least recently seen group is evicted first.
    public var maximumErrorGroups = 256
    /// Sent forms remembered for history navigation.
    public var formHistoryCapacity = 100
    /// One-second buckets in rate histories (sparklines).
    public var rateHistoryLength = 60
    /// The timeout text the form starts with, in seconds.
    public var defaultTimeoutSeconds = "10"
    /// Method completions offered at most.
    public var maximumCompletions = 8
    /// Whether the sessions pane is shown, listing the server's sessions through the admin
    /// methods (`mushroom dash --admin-token`).
    public var showsSessions = false
    /// The directory `e` (export) writes its NDJSON files to.
    public var exportDirectory = "."
    /// The alert rules evaluated (`--alert`, the config file's `alerts`).
    public var alertRules: [AlertRule] = []
    /// The short names of the servers watched, in order (`mushroom dash URL URL...`): events,
    /// rows and commands name a server by its index here. Empty or one name: a dashboard on one
    /// server, whose rows carry no name.
    public var servers: [String] = []

    /// The stream capacities a person may choose. A row of a small notification takes about 300
    /// bytes (BENCHMARKS.md), so the longest history takes about 300 MB, bigger ones more.
    public static let streamCapacityRange = 1...1_000_000

    /// The name under which methods beyond `maximumTrackedMethods` are counted.
    public static let otherMethod = "(other)"

    /// The defaults above.
    public init() {}
}
