/// Something the model asks the UI to do outside the engine (the model itself does no I/O):
/// put text on the clipboard, write a file, or tell the operator something on the status line.
/// The UI takes them with `DashboardModel.takeEffects()` after applying the operator's actions.
public enum DashboardEffect: Sendable, Hashable {
    /// Copy this text to the clipboard (OSC 52), and say so on the status line.
    case copy(ClipboardCopy)
    /// Write these rows to a file, and show its path on the status line.
    case export(PaneExport)
    /// A sentence for the status line; `isError` when the operator's action could not be done.
    case status(String, isError: Bool)
}
