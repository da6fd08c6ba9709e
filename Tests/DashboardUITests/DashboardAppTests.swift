import DashboardModel
@testable import DashboardUI
import Foundation
import MushroomRPC
import Testing

/// The run loop on a scripted terminal: what keys cost, and how command results come back.
@Suite struct DashboardAppTests {
    /// What a run left behind.
    struct Run: Sendable {
        let exit: DashboardApp.Exit
        let snapshots: Int
        let frames: Int
        let lines: [String]
        let gaveUp: Bool
        /// What was put on the clipboard.
        let clipboard: [String]
    }

    /// Runs a dashboard on a thread of its own (the loop blocks it) on a scripted terminal (80x24 by default).
    static func run(
        _ bursts: [ScriptedTerminal.Burst], frameInterval: Duration = .milliseconds(1), inbox: EventInbox = EventInbox(),
        model: DashboardConfiguration = DashboardConfiguration(), size: Size = Size(rows: 24, columns: 80),
        configure: @escaping @Sendable (inout DashboardApp.Options) -> Void = { _ in }, perform: @escaping DashboardApp.Performer
    ) async throws -> Run {
        let theme = try Theme.builtIn(named: "dark")
        return await withCheckedContinuation { continuation in
            Thread {
                var snapshots = 0
                let terminal = ScriptedTerminal(size: size, bursts: bursts)
                var options = DashboardApp.Options(theme: theme, model: model, frameInterval: frameInterval, idleInterval: .milliseconds(1))
                configure(&options)
                let app = DashboardApp(options: options, inbox: inbox, perform: perform) { model, now in
                    snapshots += 1
                    return model.snapshot(at: now)
                }
                let renderer = DashboardRenderer(
                    palette: Palette(theme: theme, profile: .none), format: Format(timeZone: TimeZone(identifier: "UTC") ?? .current))
                let exit = app.run(on: terminal, renderer: renderer)
                continuation.resume(returning: Run(
                    exit: exit, snapshots: snapshots, frames: terminal.frames, lines: terminal.surface.lines, gaveUp: terminal.gaveUp,
                    clipboard: terminal.clipboard))
            }.start()
        }
    }

    @Test func aPastedThousandCharactersCostOneSnapshotPerFrameNotOnePerKey() async throws {
        let json = "[" + Array(repeating: "1", count: 499).joined(separator: ",") + ",2]"
        #expect(json.count == 1001)
        let paste = [Key.character("f"), .down] + json.map(Key.character)
        let run = try await Self.run([.init(paste), .init([.control("c")])]) { _ in .refused("no engine") }
        #expect(run.exit == .quit)
        #expect(!run.gaveUp)
        #expect(run.lines.contains { $0.contains("1,1,1,2]") })
        #expect(run.snapshots == run.frames)
        #expect(run.frames <= 3)
    }

    /// With frames an hour apart, only a key draws: each key's answer is on screen at once.
    @Test func aKeyIsAnsweredOnScreenWithoutWaitingForTheNextFrame() async throws {
        let helpShown = ScriptedTerminal.Burst([.character("?")]) { surface in !surface.lines.contains { $0.contains("any key closes") } }
        let helpClosed = ScriptedTerminal.Burst([.character("?")]) { surface in surface.lines.contains { $0.contains("any key closes") } }
        let quit = ScriptedTerminal.Burst([.control("c")]) { surface in !surface.lines.contains { $0.contains("any key closes") } }
        let run = try await Self.run([helpShown, helpClosed, quit], frameInterval: .seconds(3600)) { _ in .refused("no engine") }
        #expect(!run.gaveUp)
        #expect(run.exit == .quit)
        #expect(run.frames == 2)
    }

    @Test func aRequestsResultComesBackToTheFormLine() async throws {
        let typed: [Key] = [.character("f"), .character("a"), .character("d"), .character("d"), .enter]
        let answered = ScriptedTerminal.Burst([.control("c")]) { surface in surface.lines.contains { $0.contains("add: ok") } }
        let run = try await Self.run([.init(typed), answered]) { command in
            guard command.kind == .sendRequest(method: "add", data: .null, timeout: .seconds(10)) else { return .refused("unexpected \(command)") }
            try? await Task.sleep(for: .milliseconds(20))
            return .requestFinished(.response(42), latency: .milliseconds(20))
        }
        #expect(!run.gaveUp)
        #expect(run.lines.contains { $0.contains("add: ok 20ms 42") })
    }

    @Test func droppedNotificationsAreSkippedRowsAndOnlyTheOtherEventsAreANotice() async throws {
        var configuration = EngineConfiguration()
        configuration.eventBufferLimit = 3
        let engine = Engine(handler: ClosureHandler { _ in .null }, configuration: configuration)
        let inbox = EventInbox()
        inbox.attach(engine.events())
        engine.reportProtocolViolation("lost")
        for id in 0..<10 { engine.receive(.notification(.init(id: id, method: "tick"))) }
        engine.reportProtocolViolation("kept")
        engine.reportProtocolViolation("kept too")
        let shown = ScriptedTerminal.Burst([.control("c")]) { surface in surface.lines.contains { $0.contains("rows skipped") } }
        let run = try await Self.run([shown], inbox: inbox) { _ in .refused("no engine") }
        #expect(!run.gaveUp)
        #expect(run.lines.contains { $0.hasPrefix("└ 9 rows skipped ─") })
        #expect(run.lines.last?.trimmingCharacters(in: .whitespaces) == "1 engine events were dropped: the screen fell behind")
    }
}
