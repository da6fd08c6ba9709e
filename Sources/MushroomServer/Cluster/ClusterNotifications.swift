import MushroomRPC

/// The two notifications one stored publication becomes, each encoded once for every session
/// that takes it: with its position, for sessions that asked for positions, and without, in the
/// four-element form every other client expects. Each is made when first needed.
struct ClusterNotifications {
    private let stored: StoredPublication
    private let position: StreamPosition
    private var plain: Message.Notification??
    private var positioned: Message.Notification??

    init(_ stored: StoredPublication, epoch: String) {
        self.stored = stored
        self.position = StreamPosition(epoch: epoch, offset: stored.offset)
    }

    /// The notification for a session that asked for positions or not; `nil` for data nested
    /// deeper than a message may carry.
    mutating func notification(positioned wantsPosition: Bool) -> Message.Notification? {
        if wantsPosition {
            if let positioned { return positioned }
            let made = make(position: position)
            positioned = .some(made)
            return made
        }
        if let plain { return plain }
        let made = make(position: nil)
        plain = .some(made)
        return made
    }

    private func make(position: StreamPosition?) -> Message.Notification? {
        try? Message.Notification(broadcasting: stored.publication.method, data: stored.publication.data, position: position)
    }
}
