import Foundation
import MushroomRPC

/// The stream is the stream pane's part of the model.
extension NotificationStream: PaneModel {
    mutating func selectLast(rows: Int) {
        selectLast()
    }

    /// The detail of the selected notification, or of the newest visible one.
    func detail(rows: Int, at time: Date) -> Detail? {
        guard let entry = focusedEntry(rows: rows) else { return nil }
        return Detail(title: "notification \(entry.id) \(entry.method)", text: entry.data.prettyString)
    }
}
