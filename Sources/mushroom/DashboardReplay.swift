import DashboardModel
import DashboardUI
import Foundation
import MushroomRecording
import MushroomRPC
import Synchronization

/// `dash --replay FILE`: plays a recording through the dashboard's model and screen, with its
/// original timing at `speed`, no server needed. A task reads the file line by line, waits until
/// each line is due (`ReplayPacer`), turns it into the engine events a live client published
/// (`ReplayEvents`) and posts them to the dashboard, waiting while the screen has many to take,
/// so that memory stays flat however long the recording. The keys and the footer act on and show
/// the `Playback`. A line that cannot be read stops the playback with its error on the progress
/// line; what came before it stays on screen.
enum DashboardReplay {
    /// Events posted and not yet drawn beyond which the reader waits.
    static let backlog = 65_536

    static func run(path: String, speed: ReplaySpeed, settings: DashboardApp.Options) async throws {
        let reader = try RecordingReader.opening(path)
        try DashboardSession.checkTerminal()
        let playback = Playback(speed: speed, totalLines: RecordingReader.lineCount(path: path), started: reader.header.started)
        let inbox = EventInbox()
        let feeding = Task { await feed(reader, playback: playback, inbox: inbox) }
        var options = settings
        options.playback = playback
        let exit = await DashboardSession.launch(options, inbox: inbox) { _ in .refused("a recording plays: nothing is sent") }
        feeding.cancel()
        await feeding.value
        try DashboardSession.end(exit)
    }

    private static func feed(_ reader: RecordingReader, playback: Playback, inbox: EventInbox) async {
        var events = ReplayEvents()
        do {
            while let traffic = try reader.next() {
                try await playback.wait(until: traffic.time)
                while inbox.postedCount >= backlog { try await Task.sleep(for: .milliseconds(5)) }
                for event in events.events(of: traffic, at: Date()) { inbox.post(event) }
                playback.played(traffic.time, line: reader.lineNumber)
            }
            playback.end(.finished)
        } catch let error as RecordingReadError {
            playback.end(.stopped(error.description))
        } catch {
            // Cancelled: the operator quit.
        }
    }
}

/// Where a recording's playback in the dashboard is, and how it goes on: the pacer, shared by the
/// reading task and the dashboard's keys.
final class Playback: PlaybackControl {
    enum End: Sendable {
        case finished
        case stopped(String)
    }

    private struct State {
        var pacer: ReplayPacer
        var line = 1
        var recorded: Double?
        var end: End?
    }

    /// How often a wait looks again whether the operator paused or changed the speed.
    private static let recheck: Duration = .milliseconds(50)

    private let state: Mutex<State>
    private let totalLines: Int?
    private let started: Date

    init(speed: ReplaySpeed, totalLines: Int?, started: Date) {
        state = Mutex(State(pacer: ReplayPacer(speed: speed)))
        self.totalLines = totalLines
        self.started = started
    }

    /// Returns once the line recorded at `recorded` is due, waiting while paused.
    func wait(until recorded: Double) async throws {
        while true {
            guard let delay = state.withLock({ $0.pacer.delay(before: recorded, now: .now) }) else {
                try await Task.sleep(for: Self.recheck)
                continue
            }
            if delay <= .zero { return }
            try await Task.sleep(for: min(delay, Self.recheck))
        }
    }

    func played(_ recorded: Double, line: Int) {
        state.withLock { state in
            state.pacer.played(recorded)
            state.recorded = recorded
            state.line = line
        }
    }

    func end(_ end: End) {
        state.withLock { $0.end = end }
    }

    func togglePause() {
        state.withLock { $0.pacer.togglePause(now: .now) }
    }

    func faster() {
        state.withLock { $0.pacer.change(to: $0.pacer.speed.faster, now: .now) }
    }

    func slower() {
        state.withLock { $0.pacer.change(to: $0.pacer.speed.slower, now: .now) }
    }

    /// `replay line 1234/5000 00:12 x1 playing` (or `paused`, `finished`, `stopped: REASON`).
    var progress: String {
        state.withLock { state in
            let total = totalLines.map { "/\($0)" } ?? ""
            let elapsed = Self.clock(max(0, (state.recorded ?? started.timeIntervalSince1970) - started.timeIntervalSince1970))
            let status = switch state.end {
            case .finished: "finished"
            case .stopped(let reason): "stopped: \(reason)"
            case nil: state.pacer.isPaused ? "paused" : "playing"
            }
            return "replay line \(state.line)\(total) \(elapsed) \(state.pacer.speed) \(status)"
        }
    }

    /// `mm:ss`, or `h:mm:ss` from an hour.
    private static func clock(_ seconds: Double) -> String {
        let whole = Int(min(seconds, 359_999_999))
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%02d:%02d", minutes, rest)
    }
}
