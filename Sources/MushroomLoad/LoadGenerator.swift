/// Applies load to a mushroom server (what redis-benchmark is to Redis).
///
/// ```swift
/// let result = try await LoadGenerator.run(LoadOptions(url: "http://127.0.0.1:8080/", scenario: .pipeline))
/// print(result.report)
/// ```
public enum LoadGenerator {
    /// Connects, warms up, measures, drains and disconnects. Throws the client's error
    /// (`BootstrapError`, `ConnectionFailed`) when the server cannot be reached, and for
    /// `sessions` `DescriptorLimitError` when a process may not open the sockets it needs.
    public static func run(_ options: LoadOptions) async throws -> LoadResult {
        switch options.scenario {
        case .echo, .pipeline: try await RequestLoad.run(options)
        case .fanout: try await FanoutLoad.run(options)
        case .sessions: try await SessionsLoad.run(options)
        }
    }
}
