import Foundation
import MushroomRPC

/// A pane's part of the model: what moving the selection, scrolling, clearing and opening the
/// detail mean in it, given the rows its list shows. The actions on the focused pane reach it
/// through `Pane.slot`; a pane implements what applies to it (the rest does nothing).
protocol PaneModel: Sendable {
    /// Moves the selection by `delta` rows, keeping it in a window of `rows` rows.
    mutating func moveSelection(by delta: Int, rows: Int)
    /// Selects the first row.
    mutating func selectFirst(rows: Int)
    /// Selects the last row.
    mutating func selectLast(rows: Int)
    /// Selects the row shown at `row` of the window (a click), if there is one.
    mutating func selectVisibleRow(_ row: Int, rows: Int)
    /// Scrolls by `delta` rows without moving the selection.
    mutating func scroll(by delta: Int, rows: Int)
    /// Empties the pane's list (or fields).
    mutating func clear()
    /// The detail of the selected row at `time`.
    func detail(rows: Int, at time: Date) -> Detail?
    /// The selected row as a message, for copying, marking and comparing.
    func selectedMessage(rows: Int, at time: Date) -> SelectedMessage?
    /// Every row of the list (as filtered) as messages, for export; `nil` when the pane has no
    /// rows to export.
    func exportRecords(at time: Date) -> [SelectedMessage]?
}

extension PaneModel {
    mutating func moveSelection(by delta: Int, rows: Int) {}
    mutating func selectFirst(rows: Int) {}
    mutating func selectLast(rows: Int) {}
    mutating func selectVisibleRow(_ row: Int, rows: Int) {}
    mutating func scroll(by delta: Int, rows: Int) {}
    mutating func clear() {}
    func detail(rows: Int, at time: Date) -> Detail? { nil }
    func selectedMessage(rows: Int, at time: Date) -> SelectedMessage? { nil }
    func exportRecords(at time: Date) -> [SelectedMessage]? { nil }
}
