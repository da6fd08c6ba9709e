import DashboardModel
import DashboardUI
import Foundation
import MushroomRPC
import Testing

/// The sessions pane (`mushroom dash --admin-token`) on the in-memory surface: its rows, its
/// confirmation, its keys, its footer and help lines.
@Suite struct SessionsPaneRenderTests {
    static let now = SampleDashboard.now
    static let size = Size(rows: 40, columns: 120)

    static let listing: JSONValue = [
        ["id": "calmSession", "transport": "poll", "remoteAddress": "10.0.0.7", "ageSeconds": 3700, "subscriptions": ["orders.*"],
         "unacknowledged": 0, "messagesIn": 12, "messagesOut": 340, "ratePerSecond": 0.5],
        ["id": "busySession", "transport": "ws", "remoteAddress": "10.0.0.9", "ageSeconds": 65, "subscriptions": nil,
         "unacknowledged": 2, "messagesIn": 1, "messagesOut": 90_000, "ratePerSecond": 1500],
    ]

    /// The sample dashboard with the sessions pane shown and listed, focused, after `actions`.
    static func render(actions: [OperatorAction] = []) throws -> (MemorySurface, Rect) {
        var configuration = DashboardConfiguration()
        configuration.showsSessions = true
        var model = DashboardModel(configuration: configuration)
        for event in SampleDashboard.events { model.ingest(event) }
        let layout = ScreenLayout(size: size, focus: .sessions, maximized: nil, shown: model.panes)
        _ = model.apply(.layout(layout.modelLayout), at: now)
        let listing = try #require(model.tick(at: now).first)
        model.receive(CommandResult(id: listing.id, outcome: .requestFinished(.response(Self.listing), latency: .milliseconds(3))))
        _ = model.apply(.focus(.sessions), at: now)
        for action in actions { _ = model.apply(action, at: now) }
        let surface = try SampleDashboard.render(model.snapshot(at: now), size: size)
        return (surface, try #require(layout.panes[.sessions]))
    }

    static func inner(_ surface: MemorySurface, _ rect: Rect, row: Int) -> String {
        surface.text(row: rect.row + 1 + row, columns: (rect.column + 1)..<(rect.right - 1))
    }

    @Test func theSessionsAreListedBusiestFirst() throws {
        let (surface, rect) = try Self.render()
        #expect(surface.lines[rect.row].hasPrefix("┌ sessions ───"))
        #expect(surface.lines[rect.row].contains("2 live · by rate"))
        #expect(Self.inner(surface, rect, row: 0).hasPrefix("busySession ws   1.5k/s   unack 2    age 1m05s  in 1 out 90000"))
        #expect(Self.inner(surface, rect, row: 1).hasPrefix("calmSession poll 0.5/s    unack 0    age 1h01m  in 12 out 340"))
        #expect(surface.lines[Self.size.rows - 1].hasPrefix("tab pane  ↑↓ select  enter detail  s sort  e end session  ? help  q quit"))
    }

    @Test func endingASessionAsksFirst() throws {
        let (surface, rect) = try Self.render(actions: [.moveSelection(1), .requestSessionEnd])
        #expect(surface.lines[rect.row + rect.height - 1].contains(" end busySession? y: end it, any other key: keep it "))
    }

    @Test func theOtherOrdersAreNamed() throws {
        let (surface, rect) = try Self.render(actions: [.cycleSessionOrder, .cycleSessionOrder])
        #expect(surface.lines[rect.row].contains("2 live · by age"))
        #expect(Self.inner(surface, rect, row: 0).hasPrefix("calmSession"))
    }

    @Test func theKeysOfTheSessionsPane() {
        let focused = KeyBindings.Context(focus: .sessions, panes: Pane.allCases)
        #expect(KeyBindings.commands(for: .character("s"), in: focused) == [.action(.cycleSessionOrder)])
        #expect(KeyBindings.commands(for: .character("e"), in: focused) == [.action(.requestSessionEnd)])
        #expect(KeyBindings.commands(for: .enter, in: focused) == [.action(.openDetail)])
        let confirming = KeyBindings.Context(focus: .sessions, isConfirmingSessionEnd: true, panes: Pane.allCases)
        #expect(KeyBindings.commands(for: .character("y"), in: confirming) == [.action(.confirmSessionEnd)])
        for key in [Key.character("n"), .character("e"), .escape, .enter, .character("q")] {
            #expect(KeyBindings.commands(for: key, in: confirming) == [.action(.cancelSessionEnd)], "\(key)")
        }
        // Elsewhere s and e are not the sessions pane's (e exports the focused pane).
        #expect(KeyBindings.commands(for: .character("e"), in: KeyBindings.Context(focus: .stream, panes: Pane.allCases)) == [.action(.export)])
        let help = HelpOverlay.entries(glyphs: .unicode)
        #expect(help.contains { $0.keys == "s" && $0.action == "sessions: sort by rate / unacknowledged / age" })
        #expect(help.contains { $0.keys == "e  then y" && $0.action == "sessions: end the selected session" })
    }
}
