import Logging
import MushroomRPC

/// The notifications a run of stored publications becomes, each encoded once for every session
/// that takes it: with their positions, for sessions that asked for positions, and without, in
/// the four-element form every other client expects. Each form is made when first needed. A
/// publication whose data is nested deeper than a message may carry becomes none, and is logged.
struct ClusterNotifications {
    private let run: ArraySlice<StoredPublication>
    private let epoch: String
    private let logger: Logger
    /// The offsets of the publications that became notifications, ascending, once a form is made.
    private var offsets: [Int64]?
    private var plain: [Message.Notification]?
    private var positioned: [Message.Notification]?

    /// `run` in offset order, as the log reads it.
    init(_ run: ArraySlice<StoredPublication>, epoch: String, logger: Logger) {
        self.run = run
        self.epoch = epoch
        self.logger = logger
    }

    /// What of the run a session takes now, as its `delivery` says: none while it is held, and
    /// those after its floor.
    mutating func taken(by delivery: ClusterDelivery) -> [Message.Notification] {
        let notifications = all(positioned: delivery.isPositioned)
        guard let first = delivery.firstTaken(of: offsets ?? []) else { return [] }
        return first == notifications.startIndex ? notifications : Array(notifications[first...])
    }

    /// The run's notifications, with their positions or without.
    mutating func all(positioned wantsPositions: Bool) -> [Message.Notification] {
        if wantsPositions, let positioned { return positioned }
        if !wantsPositions, let plain { return plain }
        let made = make(positioned: wantsPositions)
        if wantsPositions { positioned = made } else { plain = made }
        return made
    }

    private mutating func make(positioned wantsPositions: Bool) -> [Message.Notification] {
        // The depth does not depend on the position: a publication refused once is refused by
        // both forms, and logged once.
        let isFirstForm = offsets == nil
        var made: [Message.Notification] = []
        var kept: [Int64] = []
        made.reserveCapacity(run.count)
        kept.reserveCapacity(run.count)
        for stored in run {
            let position = wantsPositions ? StreamPosition(epoch: epoch, offset: stored.offset) : nil
            guard let notification = try? Message.Notification(
                broadcasting: stored.publication.method, data: stored.publication.data, position: position)
            else {
                if isFirstForm {
                    logger.error("cluster: publication \(stored.offset) of epoch \(epoch) not delivered: its data is nested too deep")
                }
                continue
            }
            made.append(notification)
            kept.append(stored.offset)
        }
        offsets = kept
        return made
    }
}
