import MushroomRPC

/// A bootstrap answer's `"subscription"`: where the new session joined the cluster's stream and
/// whether it recovered everything after the position it asked from.
public struct PositionedSubscriptionAnswer: Sendable, Hashable {
    /// The node's position when the session joined; `nil` from a server that keeps none.
    public var position: StreamPosition?
    public var recovered: Bool
    /// Why not, when not recovered.
    public var reason: String?

    /// What a server that ignored the request amounts to: no positions, nothing recovered.
    public static let unsupported = PositionedSubscriptionAnswer(
        position: nil, recovered: false, reason: "the server keeps no positions (it answered the bootstrap without a subscription)")

    public init(position: StreamPosition?, recovered: Bool, reason: String?) {
        self.position = position
        self.recovered = recovered
        self.reason = reason
    }

    /// Reads `{"position": ..., "recovered": BOOL, "reason": ...}`; what is missing or of another
    /// kind counts as not recovered.
    init(json: JSONValue) {
        position = json["position"].flatMap(StreamPosition.init(json:))
        recovered = json["recovered"] == .bool(true)
        reason = json["reason"]?.stringValue ?? (recovered ? nil : "the server did not say it recovered")
    }
}
