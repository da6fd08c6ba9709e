/// The controls of a recording played in the dashboard (`mushroom dash --replay`): space, `+`
/// and `-` act on it (`KeyCommand.playback`), and the footer shows its progress line.
public protocol PlaybackControl: Sendable {
    /// Pauses the playback, or plays on.
    func togglePause()
    /// Plays faster by one step.
    func faster()
    /// Plays slower by one step.
    func slower()
    /// One line: where the playback is, its speed, and whether it plays, is paused, finished or stopped.
    var progress: String { get }
}

/// What a playback key asks.
public enum PlaybackKey: Sendable, Hashable {
    case togglePause
    case faster
    case slower

    /// The key's meaning for a playback: space pauses, `+` (or `=`) is faster, `-` slower.
    init?(_ key: Key) {
        switch key {
        case .character(" "): self = .togglePause
        case .character("+"), .character("="): self = .faster
        case .character("-"): self = .slower
        default: return nil
        }
    }

    /// Applies the key to `control`.
    func apply(to control: any PlaybackControl) {
        switch self {
        case .togglePause: control.togglePause()
        case .faster: control.faster()
        case .slower: control.slower()
        }
    }
}
