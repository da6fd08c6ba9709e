extension Message {
    /// `batch`, outbound messages written together, without the Heartbeats a later one in it
    /// covers: acknowledgements are cumulative, so only the last Heartbeat of a batch is needed.
    public static func withoutCoveredHeartbeats(_ batch: [Message]) -> [Message] {
        guard let last = batch.lastIndex(where: \.isHeartbeat) else { return batch }
        return batch.indices.compactMap { index in
            batch[index].isHeartbeat && index != last ? nil : batch[index]
        }
    }

    private var isHeartbeat: Bool {
        if case .heartbeat = self { true } else { false }
    }
}
