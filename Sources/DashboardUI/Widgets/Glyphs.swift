/// The characters widgets draw with: Unicode, or plain ASCII when the locale cannot show Unicode.
public struct Glyphs: Sendable, Hashable {
    /// Box drawing: the border lines and corners.
    public let horizontal: Character
    public let vertical: Character
    public let topLeft: Character
    public let topRight: Character
    public let bottomLeft: Character
    public let bottomRight: Character
    /// Filled and empty cells of a countdown bar.
    public let barFull: Character
    public let barEmpty: Character
    /// Sparkline levels, lowest first.
    public let sparks: [Character]
    /// Marks a truncated text.
    public let ellipsis: Character
    /// Direction marks for requests.
    public let outbound: Character
    public let inbound: Character
    /// Separates items in a status line.
    public let separator: String
    /// The up and down arrow keys, in hints.
    public let upDown: String
    /// Precedes a count ("×3").
    public let times: Character

    /// Box drawing and block elements.
    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        barFull: "█", barEmpty: "░", sparks: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], ellipsis: "…",
        outbound: "→", inbound: "←", separator: " · ", upDown: "↑↓", times: "×")

    /// Seven-bit ASCII only.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        barFull: "#", barEmpty: ".", sparks: [".", ":", "-", "=", "+", "*", "#", "@"], ellipsis: "~",
        outbound: ">", inbound: "<", separator: " | ", upDown: "up/down", times: "x")
}
