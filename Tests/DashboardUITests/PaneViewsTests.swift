import DashboardModel
import DashboardUI
import Testing

/// The pane registry: every pane has one view, and the generic code reaches each of them.
@Suite struct PaneViewsTests {
    @Test func everyPaneHasExactlyOneView() {
        #expect(PaneViews.all.count == Pane.allCases.count)
        for pane in Pane.allCases {
            #expect(PaneViews.all.filter { $0.pane == pane }.count == 1, "\(pane)")
        }
    }

    @Test(arguments: [Size(rows: 24, columns: 80), Size(rows: 60, columns: 200)])
    func theFullLayoutPlacesEveryPaneAndTheRatesWithoutOverlap(size: Size) throws {
        let layout = ScreenLayout(size: size, focus: .stream, maximized: nil)
        let rects = Pane.allCases.compactMap { layout.panes[$0] } + [try #require(layout.rates)]
        #expect(rects.count == Pane.allCases.count + 1)
        for (index, rect) in rects.enumerated() {
            #expect(rect.height >= 3)
            for other in rects[(index + 1)...] {
                let overlap = rect.intersection(other)
                #expect(overlap.height <= 0 || overlap.width <= 0, "\(rect) and \(other)")
            }
        }
        #expect(rects.map { $0.height * $0.width }.reduce(0, +) == size.columns * (size.rows - 2))
    }

    @Test func digitsFocusThePanesInOrder() {
        let context = KeyBindings.Context(focus: .stream)
        for (index, pane) in Pane.allCases.enumerated() {
            #expect(KeyBindings.commands(for: .character(Character("\(index + 1)")), in: context) == [.action(.focus(pane))])
        }
        #expect(KeyBindings.commands(for: .character("0"), in: context) == [])
        #expect(KeyBindings.commands(for: .character(Character("\(Pane.allCases.count + 1)")), in: context) == [])
    }

    @Test func theHelpListsEveryPanesKeys() {
        let entries = HelpOverlay.entries(glyphs: .unicode).map(\.keys)
        for view in PaneViews.all {
            for line in view.helpLines(glyphs: .unicode) { #expect(entries.contains(line.keys), "\(view.pane): \(line.keys)") }
            for key in view.shortcuts.keys { #expect(KeyBindings.commands(for: key, in: KeyBindings.Context(focus: .requests)) != []) }
        }
    }
}
