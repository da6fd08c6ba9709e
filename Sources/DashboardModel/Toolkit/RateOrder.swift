/// How the rates pane ranks notification methods (the top talkers); `o` cycles through them.
public enum RateOrder: String, Sendable, Hashable, CaseIterable {
    /// By notifications per second over the last ten seconds.
    case rate
    /// By notifications received since the model started.
    case count
    /// By bytes per second over the last ten seconds (estimated sizes of the notifications).
    case bytes
}
