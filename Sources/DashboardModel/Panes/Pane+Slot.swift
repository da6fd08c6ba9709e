extension Pane {
    /// The part of the model each pane's actions act on: the model's one switch over the panes.
    var slot: PaneSlot {
        switch self {
        case .stream: PaneSlot(self, \.shownStream)
        case .requests: PaneSlot(self, \.requests)
        case .errors: PaneSlot(self, \.errors)
        case .connection: PaneSlot(self, \.connection)
        case .form: PaneSlot(self, \.form)
        case .sessions: PaneSlot(self, \.sessions)
        }
    }
}
