/// The model's part for the operator's toolkit: the effects waiting for the UI, the message
/// marked for a diff and the order of the rates pane.
struct ToolkitState: Sendable {
    /// Effects not yet taken by the UI (`DashboardModel.takeEffects()`).
    var effects: [DashboardEffect] = []
    /// The message `m` marked, compared by `d`.
    var marked: SelectedMessage?
    /// How the rates pane sorts the notification methods.
    var rateOrder = RateOrder.rate
}
