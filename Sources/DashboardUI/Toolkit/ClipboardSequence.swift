import Foundation

/// The OSC 52 control sequence that puts text on the terminal's clipboard: `ESC ] 52 ; c ;`,
/// the text in base64, and BEL. It travels with the terminal's output, so it works over SSH and
/// inside tmux with `set -g set-clipboard on` (tmux then also fills its paste buffer).
enum ClipboardSequence {
    /// The sequence's bytes for `text`.
    static func bytes(for text: String) -> [UInt8] {
        Array("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}".utf8)
    }
}
