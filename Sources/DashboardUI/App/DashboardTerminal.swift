/// What the run loop needs of a terminal: keys, and a surface whose frames it shows once drawn.
/// Curses for the operator; a scripted one on a memory surface in tests.
protocol DashboardTerminal: AnyObject {
    associatedtype Screen: Surface
    /// Where frames are drawn.
    var surface: Screen { get }
    /// The next key, waiting at most `timeoutMilliseconds` (0 returns at once).
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Starts a frame on a blank surface.
    func beginFrame()
    /// Shows the frame drawn since `beginFrame()`.
    func endFrame()
    /// Puts `text` on the clipboard (OSC 52), between frames.
    func copyToClipboard(_ text: String)
}

extension CursesTerminal: DashboardTerminal {
    func beginFrame() { surface.beginFrame() }
    func endFrame() { surface.endFrame() }
}
