@testable import DashboardUI
import Foundation

/// A terminal on a memory surface that types a script of key bursts: each burst at once (like a
/// paste), the next only after a frame was shown since and the burst's `ready` holds. After 30
/// seconds (the suite's other tests load the machine) it types ctrl-c and records that it gave
/// up, so that a test fails instead of hanging.
final class ScriptedTerminal: DashboardTerminal {
    /// Keys typed together, once the screen satisfies `ready`.
    struct Burst: Sendable {
        let keys: [Key]
        let ready: @Sendable (MemorySurface) -> Bool

        init(_ keys: [Key], when ready: @escaping @Sendable (MemorySurface) -> Bool = { _ in true }) {
            self.keys = keys
            self.ready = ready
        }
    }

    let surface: MemorySurface
    /// Frames shown so far.
    private(set) var frames = 0
    /// Whether the script ran out of time.
    private(set) var gaveUp = false
    /// What was put on the clipboard, oldest first.
    private(set) var clipboard: [String] = []
    private var bursts: [Burst]
    private var typing: [Key] = []
    private var framesWhenLastTyped = -1
    private let deadline = Date().addingTimeInterval(30)

    init(size: Size, bursts: [Burst]) {
        surface = MemorySurface(size: size)
        self.bursts = bursts
    }

    func readKey(timeoutMilliseconds: Int) -> Key? {
        if typing.isEmpty, let next = bursts.first, frames > framesWhenLastTyped, next.ready(surface) {
            bursts.removeFirst()
            typing = next.keys
            framesWhenLastTyped = frames
        }
        if !typing.isEmpty { return typing.removeFirst() }
        if Date() > deadline {
            gaveUp = true
            return .control("c")
        }
        Thread.sleep(forTimeInterval: Double(min(timeoutMilliseconds, 1)) / 1000)
        return nil
    }

    func beginFrame() {
        surface.fill(Rect(row: 0, column: 0, height: surface.size.rows, width: surface.size.columns), with: " ", style: .plain)
    }

    func endFrame() {
        frames += 1
    }

    func copyToClipboard(_ text: String) {
        clipboard.append(text)
    }
}
