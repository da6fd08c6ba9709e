import DashboardModel
@testable import DashboardUI
import Foundation
import Testing

/// The fuzzy matcher's ranking, and the palette driven by keys.
@Suite struct CommandPaletteTests {
    static let names = ["clear", "clear-filter", "filter", "focus-errors", "form", "first", "previous-pane", "help", "pause"]

    @Test func aQueryMatchesItsCharactersInOrderIgnoringCase() {
        #expect(FuzzyMatch.score("", "anything") == 0)
        #expect(FuzzyMatch.score("CLR", "clear") != nil)
        #expect(FuzzyMatch.score("rlc", "clear") == nil)
        #expect(FuzzyMatch.score("clearx", "clear") == nil)
        // A whole name typed ranks that name first, before the longer ones it begins.
        #expect(FuzzyMatch.rank(PaletteItem.actions(), by: "copy") { $0.label }.map(\.label).prefix(2) == ["copy", "copy-pretty"])
    }

    @Test func prefixesAndWordStartsRankFirst() {
        #expect(FuzzyMatch.rank(Self.names, by: "f") { $0 }.prefix(4) == ["form", "first", "filter", "focus-errors"])
        // "cf": the initials of clear-filter beat a c...f spread inside one word.
        #expect(FuzzyMatch.rank(["scarf", "clear-filter"], by: "cf") { $0 } == ["clear-filter", "scarf"])
        #expect(FuzzyMatch.rank(Self.names, by: "pp") { $0 }.first == "previous-pane")
        #expect(FuzzyMatch.rank(Self.names, by: "fe") { $0 }.first == "focus-errors")
        // A run of consecutive characters beats the same characters apart.
        #expect(FuzzyMatch.rank(["h-e-l-p-x", "help"], by: "hel") { $0 } == ["help", "h-e-l-p-x"])
        #expect(FuzzyMatch.rank(["b", "a", "c"], by: "") { $0 } == ["b", "a", "c"])
    }

    static var items: [PaletteItem] {
        var config = PaletteItem.actions()
        config.append(PaletteItem(label: "filter orders", detail: "orders.*", choice: .filter("orders.*")))
        config.append(PaletteItem(label: "server prod", detail: "https://prod/", choice: .server("prod")))
        return config
    }

    @Test func typingNarrowsEnterChoosesEscapeCloses() {
        var palette = CommandPalette(items: Self.items)
        #expect(palette.matches.count == palette.items.count)
        for character in "pause" { #expect(palette.handle(.character(character)) == .open) }
        #expect(palette.matches.first?.label == "pause")
        #expect(palette.handle(.enter) == .choose(PaletteItem.actions().first { $0.label == "pause" }!))
        palette = CommandPalette(items: Self.items)
        for character in "ord" { _ = palette.handle(.character(character)) }
        #expect(palette.matches.first?.choice == .filter("orders.*"))
        #expect(palette.handle(.escape) == .close)
    }

    @Test func arrowsMoveTheSelectionAroundTheMatches() {
        var palette = CommandPalette(items: Self.items)
        for character in "server p" { _ = palette.handle(.character(character)) }
        #expect(palette.matches.map(\.label) == ["server prod"])
        _ = palette.handle(.down)
        #expect(palette.selected == 0)
        _ = palette.handle(.backspace)
        _ = palette.handle(.control("u"))
        #expect(palette.query == "" && palette.matches.count == palette.items.count)
        _ = palette.handle(.up)
        #expect(palette.selected == palette.items.count - 1)
        for character in "zzzz" { _ = palette.handle(.character(character)) }
        #expect(palette.matches.isEmpty)
        #expect(palette.handle(.enter) == .close)
    }

    @Test func theActionsShowTheirKeysAsRebound() throws {
        let remap = try KeyRemap([("pause", "P")])
        let pause = PaletteItem.actions(keys: remap).first { $0.label == "pause" }
        #expect(pause?.detail == "pause / resume the stream  (P)")
        #expect(PaletteItem.actions().first { $0.label == "focus-errors" }?.detail == "focus the errors pane")
    }

    @Test func colonOpensThePaletteAndHelpListsIt() {
        #expect(KeyBindings.commands(for: .character(":"), in: .init(focus: .stream)) == [.openPalette])
        #expect(HelpOverlay.entries(glyphs: .unicode).contains { $0.keys == ":" })
    }

    @Test func thePaletteIsDrawnOverTheDashboard() throws {
        var palette = CommandPalette(items: Self.items)
        for character in "pau" { _ = palette.handle(.character(character)) }
        let size = Size(rows: 24, columns: 80)
        let surface = try SampleDashboard.render(size: size, view: ViewState(palette: palette))
        let text = surface.lines.joined(separator: "\n")
        #expect(text.contains("commands"))
        #expect(text.contains(": pau"))
        let row = try #require(surface.lines.firstIndex { $0.contains("pause / resume the stream  (p)") })
        let column = try #require(surface.lines[row].range(of: "pause ")).lowerBound.utf16Offset(in: surface.lines[row])
        #expect(surface[row, column].style == RenderTests.expected(.selection, .ansi256))
    }
}
