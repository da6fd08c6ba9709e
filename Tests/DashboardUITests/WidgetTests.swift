import DashboardUI
import Testing

@Suite struct WidgetTests {
    @Test func displayWidth() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("\u{7}") == 1)  // a control character is drawn as one replacement cell
        #expect(DisplayWidth.printable("\u{7}") == "\u{FFFD}")
        #expect(DisplayWidth.printable("👨‍👩‍👧") == "👨")
    }

    @Test func truncationByCells() {
        #expect(DisplayWidth.truncate("日本語です", to: 5) == "日本…")
        #expect(DisplayWidth.truncate("short", to: 5) == "short")
        #expect(DisplayWidth.truncate("longer", to: 5, ellipsis: "~") == "long~")
        #expect(DisplayWidth.pad("ab", to: 4) == "ab  ")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }

    @Test func memorySurfaceClipsWideCharactersAtTheEdge() {
        let surface = MemorySurface(size: Size(rows: 2, columns: 5))
        #expect(surface.put("ab日本", row: 0, column: 0, style: .plain) == 4)
        #expect(surface.put("日本語", row: 1, column: 0, style: .plain) == 4)
        #expect(surface.lines == ["ab日 ", "日本 "])
        #expect(surface.put("x", row: 2, column: 0, style: .plain) == 0)
        #expect(surface.put("x", row: 0, column: -1, style: .plain) == 0)
    }

    @Test func countdownBarShowsTimeLeft() {
        #expect(CountdownBar(fractionUsed: 0, role: .countdownOK).text(width: 8, glyphs: .unicode) == "████████")
        #expect(CountdownBar(fractionUsed: 0.5, role: .countdownOK).text(width: 8, glyphs: .unicode) == "████░░░░")
        #expect(CountdownBar(fractionUsed: 0.9, role: .countdownWarning).text(width: 10, glyphs: .ascii) == "#.........")
        #expect(CountdownBar(fractionUsed: 2, role: .countdownExpired).text(width: 4, glyphs: .unicode) == "░░░░")
    }

    @Test func countdownRoleFollowsTheDeadline() {
        #expect(RequestsPane.countdownRole(.waiting) == .countdownOK)
        #expect(RequestsPane.countdownRole(.nearDeadline) == .countdownWarning)
        #expect(RequestsPane.countdownRole(.overdue) == .countdownExpired)
    }

    @Test func sparklineScalesToTheLargest() {
        #expect(Sparkline(values: [0, 1, 2, 4, 8]).text(width: 10, glyphs: .unicode) == "▁▂▃▅█")
        #expect(Sparkline(values: [0, 1, 2, 4, 8]).text(width: 2, glyphs: .unicode) == "▅█")
        #expect(Sparkline(values: [0, 0]).text(width: 2, glyphs: .ascii) == "..")
        #expect(Sparkline(values: []).text(width: 3, glyphs: .unicode) == "")
    }

    @Test func boxWithTitleAndStatus() throws {
        let surface = MemorySurface(size: Size(rows: 3, columns: 20))
        let canvas = Canvas(surface: surface, palette: Palette(theme: try Theme.builtIn(named: "dark"), profile: .ansi256))
        let inner = Box(title: "stream", status: "3/s", focused: true).draw(on: canvas, in: canvas.bounds)
        #expect(inner == Rect(row: 1, column: 1, height: 1, width: 18))
        #expect(surface.lines == ["┌ stream ──── 3/s ─┐", "│                  │", "└──────────────────┘"])
    }

    @Test func keyValueLinesAlignValues() throws {
        let surface = MemorySurface(size: Size(rows: 2, columns: 16))
        let canvas = Canvas(surface: surface, palette: Palette(theme: try Theme.builtIn(named: "dark"), profile: .none))
        KeyValueLines([("a", "one", .text), ("long", "two", .error)]).draw(on: canvas, in: canvas.bounds)
        #expect(surface.lines == ["a    one        ", "long two        "])
        #expect(surface[1, 5].style == TextStyle(attributes: .bold))
    }

    @Test func listHighlightsTheSelectionOnlyWhenFocused() throws {
        for focused in [true, false] {
            let surface = MemorySurface(size: Size(rows: 2, columns: 6))
            let canvas = Canvas(surface: surface, palette: Palette(theme: try Theme.builtIn(named: "dark"), profile: .none))
            ListView(rows: ["a", "b"], selected: 1, focused: focused).draw(on: canvas, in: canvas.bounds) { row, line, highlighted in
                canvas.text(row, in: line, row: 0, role: highlighted ? .selection : .text)
            }
            #expect(surface.lines == ["a     ", "b     "])
            #expect(surface[1, 5].style == (focused ? TextStyle(attributes: .reverse) : .plain))
        }
    }

    @Test func textInputScrollsToTheCursor() throws {
        let surface = MemorySurface(size: Size(rows: 1, columns: 6))
        let canvas = Canvas(surface: surface, palette: Palette(theme: try Theme.builtIn(named: "mono"), profile: .none))
        let cursor = TextInput(text: "abcdefghij", cursor: 10).draw(on: canvas, in: canvas.bounds, row: 0, offset: 0, width: 6, role: .formField)
        #expect(surface.lines == ["fghij "])
        #expect(cursor == Position(row: 0, column: 5))
    }

    @Test func durationsAndRates() {
        #expect(Format.duration(.milliseconds(850)) == "850ms")
        #expect(Format.duration(.milliseconds(3250)) == "3.2s")
        #expect(Format.duration(.seconds(65)) == "1m05s")
        #expect(Format.duration(.seconds(7380)) == "2h03m")
        #expect(Format.duration(.milliseconds(-1500)) == "-1.5s")
        #expect(Format.rate(12.34) == "12.3/s")
        #expect(Format.rate(340.2) == "340/s")
        #expect(Format.rate(1250) == "1.2k/s")
    }
}
