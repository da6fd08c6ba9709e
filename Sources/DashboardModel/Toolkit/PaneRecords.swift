import Foundation
import MushroomRPC

// The rows of the stream, requests and errors panes as messages and records (`MessageRecord`).

extension NotificationStream {
    /// The selected notification, or the newest visible one (like the detail).
    func selectedMessage(rows: Int, at time: Date) -> SelectedMessage? {
        focusedEntry(rows: rows).map(MessageRecord.notification)
    }

    /// The notifications of the view (filtered, frozen while paused), oldest first.
    func exportRecords(at time: Date) -> [SelectedMessage]? {
        let view = view
        return (0..<view.count).map { MessageRecord.notification(ring[sequence: view.sequence(at: $0)]) }
    }
}

extension RequestList {
    func selectedMessage(rows: Int, at time: Date) -> SelectedMessage? {
        guard let selected = position.selected, selected < tracker.rowCount else { return nil }
        return tracker.rows(selected..<(selected + 1), at: time).first.map(MessageRecord.request)
    }

    /// In flight oldest first, then finished newest first, as listed.
    func exportRecords(at time: Date) -> [SelectedMessage]? {
        tracker.rows(0..<tracker.rowCount, at: time).map(MessageRecord.request)
    }
}

extension ErrorList {
    func selectedMessage(rows: Int, at time: Date) -> SelectedMessage? {
        guard let selected = position.selected, selected < log.count else { return nil }
        return MessageRecord.error(log.sorted[selected])
    }

    /// The groups, most recently seen first, as listed.
    func exportRecords(at time: Date) -> [SelectedMessage]? {
        log.sorted.map(MessageRecord.error)
    }
}
