/// What a piece of the screen means; themes map each role to colours and attributes.
/// The raw value is the role's key in theme files.
public enum Role: String, Sendable, Hashable, CaseIterable {
    case text
    case label
    case paneBorder = "pane-border"
    case focusedBorder = "focused-border"
    case title
    case header
    case method
    case payload
    case timestamp
    case id
    case countdownOK = "countdown-ok"
    case countdownWarning = "countdown-warning"
    case countdownExpired = "countdown-expired"
    case error
    case statusConnected = "status-connected"
    case statusConnecting = "status-connecting"
    case statusDisconnected = "status-disconnected"
    case selection
    case formField = "form-field"
    case formError = "form-error"
    case badge
    case sparkline
    case help
    case key
}
