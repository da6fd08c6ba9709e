import MushroomRecording
import MushroomRPC

/// `watch --replay FILE`: prints a recording's notifications (received ones) as `watch` printed
/// them live, and its failed recoveries, paced by `speed`. What was read together is printed in
/// one write(2). A line that cannot be read ends it with that line's error, after everything
/// before it was printed.
enum WatchReplay {
    /// Lines read before what they hold is printed, at `max` speed.
    static let batchLines = 4096

    static func play(_ reader: RecordingReader, speed: ReplaySpeed, printer: NotificationPrinter) async throws {
        var pacer = ReplayPacer(speed: speed)
        var pending: [NotificationPrinter.Printed] = []
        var notifications: [Message.Notification] = []
        var read = 0
        func flush() -> Bool {
            if !notifications.isEmpty { pending.append(.replayed(notifications)) }
            notifications.removeAll(keepingCapacity: true)
            defer { pending.removeAll(keepingCapacity: true) }
            return pending.isEmpty || printer.printNow(pending)
        }
        do {
            while let traffic = try reader.next() {
                if let delay = pacer.delay(before: traffic.time, now: .now), delay > .zero {
                    guard flush() else { return }
                    try await Task.sleep(for: delay)
                }
                pacer.played(traffic.time)
                switch traffic.kind {
                case .message(.in, .notification(let notification)):
                    notifications.append(notification)
                case .connection(.notRecovered(let since, let reason)):
                    pending.append(.replayed(notifications))
                    notifications.removeAll(keepingCapacity: true)
                    pending.append(.notRecovered(since: since, reason: reason))
                default:
                    break
                }
                read += 1
                if read % batchLines == 0, !flush() { return }
            }
            _ = flush()
        } catch let error as RecordingReadError {
            _ = flush()
            throw CommandFailure.usage(error.description)
        }
    }
}
