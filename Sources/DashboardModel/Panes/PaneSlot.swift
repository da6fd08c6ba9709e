import Foundation
import MushroomRPC

/// The actions on a focused pane, bound to its part of the model (found by key path) and to the
/// rows the layout gives it: how `DashboardModel` reaches a pane's part without a switch per action.
struct PaneSlot {
    let moveSelection: (inout DashboardModel, _ delta: Int) -> Void
    let selectFirst: (inout DashboardModel) -> Void
    let selectLast: (inout DashboardModel) -> Void
    let selectVisibleRow: (inout DashboardModel, _ row: Int) -> Void
    let scroll: (inout DashboardModel, _ delta: Int) -> Void
    let clear: (inout DashboardModel) -> Void
    let detail: (DashboardModel, _ time: Date) -> Detail?
    let selectedMessage: (DashboardModel, _ time: Date) -> SelectedMessage?
    let exportRecords: (DashboardModel, _ time: Date) -> [SelectedMessage]?

    /// The slot of `pane`, whose part of the model is at `part`.
    init<Part: PaneModel>(_ pane: Pane, _ part: WritableKeyPath<DashboardModel, Part>) {
        moveSelection = { model, delta in model[keyPath: part].moveSelection(by: delta, rows: model.layout.rows(for: pane)) }
        selectFirst = { model in model[keyPath: part].selectFirst(rows: model.layout.rows(for: pane)) }
        selectLast = { model in model[keyPath: part].selectLast(rows: model.layout.rows(for: pane)) }
        selectVisibleRow = { model, row in model[keyPath: part].selectVisibleRow(row, rows: model.layout.rows(for: pane)) }
        scroll = { model, delta in model[keyPath: part].scroll(by: delta, rows: model.layout.rows(for: pane)) }
        clear = { model in model[keyPath: part].clear() }
        detail = { model, time in model[keyPath: part].detail(rows: model.layout.rows(for: pane), at: time) }
        selectedMessage = { model, time in model[keyPath: part].selectedMessage(rows: model.layout.rows(for: pane), at: time) }
        exportRecords = { model, time in model[keyPath: part].exportRecords(at: time) }
    }
}
