import DashboardModel
import DashboardUI
import Foundation
import MushroomRPC
import Testing

/// Every pane rendered from the sample at 80x24 and 200x60, in the mono and 256-colour profiles.
@Suite struct RenderTests {
    static let sizes = [Size(rows: 24, columns: 80), Size(rows: 60, columns: 200)]
    static let profiles: [ColorProfile] = [.none, .ansi256]

    /// The expected dark-theme style of `role` under `profile` (written out, not read from the theme).
    static func expected(_ role: Role, _ profile: ColorProfile) -> TextStyle {
        let styles: [Role: (TextStyle, TextStyle)] = [
            .header: (TextStyle(foreground: 255, background: 24, attributes: .bold), TextStyle(attributes: .reverse)),
            .focusedBorder: (TextStyle(foreground: 45, attributes: .bold), TextStyle(attributes: .bold)),
            .paneBorder: (TextStyle(foreground: 240), TextStyle(attributes: .dim)),
            .timestamp: (TextStyle(foreground: 243), TextStyle(attributes: .dim)),
            .method: (TextStyle(foreground: 81), TextStyle()),
            .countdownOK: (TextStyle(foreground: 71), TextStyle()),
            .countdownWarning: (TextStyle(foreground: 214, attributes: .bold), TextStyle(attributes: .bold)),
            .statusConnected: (TextStyle(foreground: 77, attributes: .bold), TextStyle(attributes: .bold)),
            .error: (TextStyle(foreground: 203), TextStyle(attributes: .bold)),
            .sparkline: (TextStyle(foreground: 75), TextStyle()),
            .selection: (TextStyle(foreground: 255, background: 238), TextStyle(attributes: .reverse)),
            .formField: (TextStyle(foreground: 255, background: 236), TextStyle(attributes: .underline)),
            .formError: (TextStyle(foreground: 203), TextStyle(attributes: .bold)),
            .badge: (TextStyle(foreground: 16, background: 214, attributes: .bold), TextStyle(attributes: [.reverse, .bold])),
        ]
        guard let pair = styles[role] else { return .plain }
        return profile == .none ? pair.1 : pair.0
    }

    static func layout(_ size: Size, focus: Pane = .stream) -> ScreenLayout {
        ScreenLayout(size: size, focus: focus, maximized: nil)
    }

    /// The text of `rect`'s row `row` (relative), inside its border.
    static func inner(_ surface: MemorySurface, _ rect: Rect, row: Int) -> String {
        surface.text(row: rect.row + 1 + row, columns: (rect.column + 1)..<(rect.right - 1))
    }

    @Test(arguments: sizes, profiles)
    func header(size: Size, profile: ColorProfile) throws {
        let surface = try SampleDashboard.render(size: size, profile: profile)
        #expect(surface.lines[0].hasPrefix(" mushroom  connected  websocket ws://127.0.0.1:8080/mushroom  0.0/s"))
        #expect(surface[0, 1].style == Self.expected(.header, profile))
        #expect(surface[0, 11].style == Self.expected(.statusConnected, profile))
        #expect(surface.lines[size.rows - 1].hasPrefix("tab pane  ↑↓ select  enter detail  / filter  space pause"))
    }

    @Test(arguments: sizes, profiles)
    func stream(size: Size, profile: ColorProfile) throws {
        let surface = try SampleDashboard.render(size: size, profile: profile)
        let rect = try #require(Self.layout(size).panes[.stream])
        #expect(rect.row == 1 && rect.column == 0)
        #expect(surface.lines[1].hasPrefix("┌ notifications ───"))
        #expect(surface[1, 0].style == Self.expected(.focusedBorder, profile))
        // Newest at the bottom; at 200x60 all 24 fit and the rows below stay empty.
        let newestIndex = min(24, rect.height - 2) - 1
        let newest = Self.inner(surface, rect, row: newestIndex)
        let previous = Self.inner(surface, rect, row: newestIndex - 1)
        if size.columns >= 120 {
            #expect(newest.hasPrefix(#"21:20:29.000  24 chat.message   {"from":"yuki","text":"日本語 héllo"} "#))
            #expect(previous.hasPrefix(#"21:20:28.000  23 metrics.cpu    {"host":"web-1","load":0.73} "#))
        } else {
            #expect(newest == #"21:20:29.000  24 chat.message   {"from":"yuki…"#)
            #expect(previous == #"21:20:28.000  23 metrics.cpu    {"host":"web-…"#)
        }
        let newestRow = rect.row + 1 + newestIndex
        #expect(surface[newestRow, 1].style == Self.expected(.timestamp, profile))
        #expect(surface[newestRow, 18].style == Self.expected(.method, profile))
    }

    @Test(arguments: sizes, profiles)
    func rates(size: Size, profile: ColorProfile) throws {
        let surface = try SampleDashboard.render(size: size, profile: profile)
        let rect = try #require(Self.layout(size).rates)
        #expect(surface.lines[rect.row].hasPrefix("┌ rates ───"))
        #expect(Self.inner(surface, rect, row: 0).hasPrefix(size.columns >= 120 ? "chat.message   8       0.3/s" : "chat.message 8       0.3/s"))
        let sparkColumn = rect.right - 2
        #expect(surface[rect.row + 1, sparkColumn].style == Self.expected(.sparkline, profile))
        #expect(surface[rect.row + 1, sparkColumn].scalar == "▁")
        #expect(surface[rect.row + 1, sparkColumn - 1].scalar == "█")
    }

    @Test(arguments: sizes, profiles)
    func ratesShowRequestLatenciesBelowTheNotificationRates(size: Size, profile: ColorProfile) throws {
        let surface = try SampleDashboard.render(size: size, profile: profile)
        let rect = try #require(Self.layout(size).rates)
        // Slowest p99 first; the histogram reports the middle of a bucket (30 ms reads 28 ms).
        let wide = size.columns >= 120
        let first = wide ? 3 : 1
        #expect(Self.inner(surface, rect, row: first - 1).hasPrefix(wide ? "orders.created 8       0.3/s" : "chat.message 8       0.3/s"))
        #expect(Self.inner(surface, rect, row: first).hasPrefix(wide ? "fail.always    1       p50 28ms   p99 28ms" : "fail.always  1       p50 28ms   p99 28ms"))
        #expect(surface[rect.row + 1 + first, rect.column + 1].style == Self.expected(.method, profile))
        if wide { #expect(Self.inner(surface, rect, row: first + 1).hasPrefix("echo           1       p50 12ms   p99 12ms")) }
    }

    @Test(arguments: sizes, profiles)
    func requests(size: Size, profile: ColorProfile) throws {
        let surface = try SampleDashboard.render(size: size, profile: profile)
        let rect = try #require(Self.layout(size).panes[.requests])
        #expect(surface.lines[rect.row].hasPrefix("┌ requests ───"))
        let wide = size.columns >= 120
        #expect(Self.inner(surface, rect, row: 0).hasPrefix(wide ? "→   4 reports.build ████░░░░░░░░░░░░░░░░ 1.5s left" : "→   4 reports.bu… ██░░░░░░░░░░ 1.5s left"))
        #expect(Self.inner(surface, rect, row: 1).hasPrefix(wide ? "←  30 client.ping   waiting 5.0s, no timeout" : "←  30 client.ping waiting 5.0s, no timeout"))
        #expect(Self.inner(surface, rect, row: 2).hasPrefix(wide ? "→   3 slow.compute  ████████████████░░░░ 8.0s left" : "→   3 slow.compu… ██████████░░ 8.0s left"))
        let barColumn = rect.column + 1 + (wide ? 20 : 18)
        #expect(surface[rect.row + 1, barColumn].style == Self.expected(.countdownWarning, profile))
        #expect(surface[rect.row + 3, barColumn].style == Self.expected(.countdownOK, profile))
        if rect.height > 6 {
            #expect(Self.inner(surface, rect, row: 3).hasPrefix(wide ? #"→   2 fail.always   error 30ms "boom""# : #"→   2 fail.always error 30ms "boom""#))
            #expect(surface[rect.row + 4, barColumn].style == Self.expected(.error, profile))
        }
    }

    @Test(arguments: sizes, profiles)
    func connection(size: Size, profile: ColorProfile) throws {
        let surface = try SampleDashboard.render(size: size, profile: profile)
        let rect = try #require(Self.layout(size).panes[.connection])
        #expect(surface.lines[rect.row].contains("┌ connection ───"))
        #expect(Self.inner(surface, rect, row: 0).hasPrefix("state      connected for 29s"))
        #expect(surface[rect.row + 1, rect.column + 12].style == Self.expected(.statusConnected, profile))
        #expect(Self.inner(surface, rect, row: 2).hasPrefix("heartbeat  received 2.0s ago, sent 1.0s ago") == (rect.width > 40))
        #expect(Self.inner(surface, rect, row: 3).hasPrefix("ids        sent - acked 3 rec"))
    }

    @Test(arguments: sizes, profiles)
    func errors(size: Size, profile: ColorProfile) throws {
        let surface = try SampleDashboard.render(size: size, profile: profile, focus: .errors, actions: [.moveSelection(1)])
        let rect = try #require(Self.layout(size, focus: .errors).panes[.errors])
        #expect(surface.lines[rect.row].contains("┌ errors ───"))
        #expect(surface[rect.row, rect.column].style == Self.expected(.focusedBorder, profile))
        #expect(Self.inner(surface, rect, row: 0).hasPrefix("×1   protocolError frame is"))
        #expect(Self.inner(surface, rect, row: 1).hasPrefix("×1   errorReply fail.always"))
        // The first row is selected: drawn across in the selection role.
        #expect(surface[rect.row + 1, rect.column + 1].style == Self.expected(.selection, profile))
        #expect(surface[rect.row + 1, rect.right - 2].style == Self.expected(.selection, profile))
        #expect(surface[rect.row + 2, rect.column + 6].style == Self.expected(.error, profile))
    }

    @Test(arguments: sizes, profiles)
    func form(size: Size, profile: ColorProfile) throws {
        let surface = try SampleDashboard.render(size: size, profile: profile, focus: .form, actions: [.insert("ec"), .nextFormField, .insert("{\"a\":")])
        let rect = try #require(Self.layout(size, focus: .form).panes[.form])
        #expect(surface.lines[rect.row].contains("┌ send ───"))
        #expect(Self.inner(surface, rect, row: 0).hasPrefix("[request]  notification "))
        #expect(Self.inner(surface, rect, row: 1).hasPrefix("method  ec "))
        #expect(Self.inner(surface, rect, row: 2).hasPrefix(#"data    {"a":"#))
        #expect(Self.inner(surface, rect, row: 3).hasPrefix("timeout 10"))
        #expect(Self.inner(surface, rect, row: 4).hasPrefix("data: "))
        #expect(surface[rect.row + 2, rect.column + 9].style == Self.expected(.formField, profile))
        #expect(surface[rect.row + 3, rect.column + 9].style == Self.expected(.formError, profile))
        // The cursor follows the data field's text.
        #expect(surface.cursor == Position(row: rect.row + 3, column: rect.column + 1 + 8 + 5))
    }

    @Test(arguments: sizes, profiles)
    func formResultLine(size: Size, profile: ColorProfile) throws {
        var model = SampleDashboard.model(size: size, focus: .form)
        var commands: [EngineCommand] = []
        for action: OperatorAction in [.insert("add"), .nextFormField, .insert("[1,2]"), .submit] {
            commands += model.apply(action, at: SampleDashboard.now)
        }
        let rect = try #require(Self.layout(size, focus: .form).panes[.form])
        let sent = try SampleDashboard.render(model.snapshot(at: SampleDashboard.now), size: size, profile: profile)
        #expect(Self.inner(sent, rect, row: 4).hasPrefix("add: sending "))
        let command = try #require(commands.first)
        model.receive(CommandResult(id: command.id, outcome: .requestFinished(.error("rpc_add"), latency: .milliseconds(12))))
        let answered = try SampleDashboard.render(model.snapshot(at: SampleDashboard.now), size: size, profile: profile)
        #expect(Self.inner(answered, rect, row: 4).hasPrefix(#"add: error 12ms "rpc_add""#))
        #expect(answered[rect.row + 5, rect.column + 1].style == Self.expected(.formError, profile))
    }

    @Test(arguments: sizes)
    func formResultLineOfANotificationAndOfARefusal(size: Size) throws {
        var model = SampleDashboard.model(size: size, focus: .form)
        var commands: [EngineCommand] = []
        for action: OperatorAction in [.insert("chat.say"), .toggleFormKind, .submit, .submit] {
            commands += model.apply(action, at: SampleDashboard.now)
        }
        let rect = try #require(Self.layout(size, focus: .form).panes[.form])
        model.receive(CommandResult(id: commands[0].id, outcome: .notified(41)))
        model.receive(CommandResult(id: commands[1].id, outcome: .notified(42)))
        let notified = try SampleDashboard.render(model.snapshot(at: SampleDashboard.now), size: size)
        #expect(Self.inner(notified, rect, row: 4).hasPrefix("chat.say: notification 42 sent"))
        let third = try #require(model.apply(.submit, at: SampleDashboard.now).first)
        model.receive(CommandResult(id: third.id, outcome: .refused("offline")))
        let refused = try SampleDashboard.render(model.snapshot(at: SampleDashboard.now), size: size)
        #expect(Self.inner(refused, rect, row: 4).hasPrefix("chat.say: not sent: offline "))
    }

    @Test(arguments: sizes, profiles)
    func detail(size: Size, profile: ColorProfile) throws {
        let surface = try SampleDashboard.render(size: size, profile: profile, actions: [.openDetail])
        let overlay = ScreenLayout(size: size, focus: .stream, maximized: nil).overlay
        #expect(surface.lines[overlay.row].dropFirst(overlay.column).hasPrefix("┌ notification 24 chat.message ───"))
        #expect(surface.lines[overlay.row].contains(" 1-4 of 4 · esc closes ─┐"))
        #expect(Self.inner(surface, overlay, row: 0).hasPrefix(" {"))
        #expect(Self.inner(surface, overlay, row: 1).hasPrefix(#"   "from": "yuki","#))
        #expect(surface.cursor == nil)
    }

    @Test(arguments: sizes, profiles)
    func helpOverlay(size: Size, profile: ColorProfile) throws {
        let surface = try SampleDashboard.render(size: size, profile: profile, view: ViewState(showsHelp: true))
        #expect(surface.lines.contains { $0.contains("┌ keys ───") })
        // At 80x24 the help takes two columns, cutting the longer actions short.
        #expect(surface.lines.contains { $0.contains("│ tab / shift-tab  next / previous pa") })
        #expect(surface.lines.contains { $0.contains("q  ctrl-c") })
    }

    @Test(arguments: sizes, profiles)
    func filterPromptValidatesAsTyped(size: Size, profile: ColorProfile) throws {
        let surface = try SampleDashboard.render(size: size, profile: profile, actions: [.beginFilterEdit, .insert("\"abc")])
        let footer = surface.lines[size.rows - 1]
        #expect(footer.hasPrefix("filter/ \"abc "))
        #expect(footer.hasSuffix("  unterminated text: missing closing \" at column 1"))
        #expect(surface[size.rows - 1, 9].style == Self.expected(.formError, profile))
        #expect(surface.cursor == Position(row: size.rows - 1, column: 12))
    }

    @Test(arguments: sizes, profiles)
    func pauseShowsBacklogBadge(size: Size, profile: ColorProfile) throws {
        var model = SampleDashboard.model(size: size)
        _ = model.apply(.togglePause, at: SampleDashboard.now)
        model.ingest(EngineEvent(time: SampleDashboard.now, kind: .messageReceived(.notification(.init(id: 25, method: "late", data: .null)))))
        let surface = try SampleDashboard.render(model.snapshot(at: SampleDashboard.now), size: size, profile: profile)
        let header = surface.lines[0]
        let badge = try #require(header.range(of: " PAUSED +1 "))
        let column = header.distance(from: header.startIndex, to: badge.lowerBound) + 1
        #expect(surface[0, column].style == Self.expected(.badge, profile))
    }

    @Test(arguments: sizes, profiles)
    func skippedRowsAreCountedOnTheStreamsBottomBorder(size: Size, profile: ColorProfile) throws {
        var model = SampleDashboard.model(size: size)
        _ = model.apply(.togglePause, at: SampleDashboard.now)
        var configuration = EngineConfiguration()
        configuration.eventBufferLimit = 2
        configuration.now = { SampleDashboard.at(29.5) }
        let engine = Engine(handler: ClosureHandler { _ in .null }, configuration: configuration)
        let events = engine.events()
        for id in 0..<1236 { engine.receive(.notification(.init(id: id, method: "flood"))) }
        model.ingest(events.drain())
        let surface = try SampleDashboard.render(model.snapshot(at: SampleDashboard.now), size: size, profile: profile)
        let rect = try #require(Self.layout(size).panes[.stream])
        let bottom = surface.text(row: rect.row + rect.height - 1, columns: rect.column..<rect.right)
        #expect(bottom.hasPrefix("└ 1234 rows skipped ──"))
        #expect(bottom.hasSuffix("── PAUSED +1236 ─┘"))
        #expect(surface[rect.row + rect.height - 1, 2].style == Self.expected(.badge, profile))
        #expect(surface.text(row: rect.row, columns: rect.column..<rect.right).contains(" 1.2k/s · 1260 receiv"))
    }

    @Test(arguments: sizes)
    func maximizedPaneTakesTheBody(size: Size) throws {
        let surface = try SampleDashboard.render(size: size, focus: .requests, actions: [.toggleMaximize])
        #expect(surface.lines[1].hasPrefix("┌ requests ───"))
        #expect(surface.lines[1].hasSuffix("─┐"))
        #expect(surface.lines[size.rows - 2].hasPrefix("└"))
        #expect(!surface.lines.contains { $0.contains("notifications") })
    }

    @Test func asciiGlyphsWhenTheLocaleIsNotUTF8() throws {
        let size = Size(rows: 24, columns: 80)
        let surface = try SampleDashboard.render(SampleDashboard.model(size: size).snapshot(at: SampleDashboard.now), size: size, glyphs: .ascii)
        #expect(surface.lines[1].hasPrefix("+ notifications --------- 0.0/s | 24 received -++ connection ------ websocket -+"))
        #expect(surface.lines[size.rows - 1].hasPrefix("tab pane  up/down select  enter detail"))
        let errors = try #require(Self.layout(size).panes[.errors])
        #expect(Self.inner(surface, errors, row: 0).hasPrefix("x1   protocolError"))
    }
}
