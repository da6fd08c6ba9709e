import Foundation

/// The form is the form pane's part of the model: the selection is the focused field.
extension RequestForm: PaneModel {
    mutating func moveSelection(by delta: Int, rows: Int) {
        moveFocus(by: delta)
    }
}
