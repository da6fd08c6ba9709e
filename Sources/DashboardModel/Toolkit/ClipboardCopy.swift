/// A message as JSON on its way to the clipboard.
public struct ClipboardCopy: Sendable, Hashable {
    /// The most bytes of JSON copied at once: terminals and tmux take OSC 52 sequences of a
    /// limited size (tmux passes 1 MB, some terminals about 100 KB), so bigger messages are
    /// refused with a sentence instead of being cut short. Its base64 form is 133,336 bytes.
    public static let maximumBytes = 100_000

    /// The JSON, compact or pretty.
    public let text: String
    /// What was copied, e.g. "notification 12 orders.created".
    public let label: String
    /// Whether `text` is the pretty (indented) form.
    public let isPretty: Bool

    /// The size of `text` in bytes (UTF-8).
    public var byteCount: Int { text.utf8.count }

    /// The status line once it was copied: "copied notification 12 orders.created: 48 bytes of compact JSON".
    public var copiedSentence: String {
        "copied \(label): \(byteCount) bytes of \(isPretty ? "pretty" : "compact") JSON"
    }
}
