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

    static let layouts: [(Size, [Pane])] = [
        (Size(rows: 24, columns: 80), Pane.standard), (Size(rows: 60, columns: 200), Pane.standard),
        (Size(rows: 24, columns: 80), Pane.allCases), (Size(rows: 60, columns: 200), Pane.allCases),
    ]

    @Test(arguments: layouts)
    func theFullLayoutPlacesEveryShownPaneAndTheRatesWithoutOverlap(size: Size, shown: [Pane]) throws {
        let layout = ScreenLayout(size: size, focus: .stream, maximized: nil, shown: shown)
        #expect(Set(layout.panes.keys) == Set(shown))
        let rects = shown.compactMap { layout.panes[$0] } + [try #require(layout.rates)]
        #expect(rects.count == shown.count + 1)
        for (index, rect) in rects.enumerated() {
            #expect(rect.height >= 3)
            for other in rects[(index + 1)...] {
                let overlap = rect.intersection(other)
                #expect(overlap.height <= 0 || overlap.width <= 0, "\(rect) and \(other)")
            }
        }
        #expect(rects.map { $0.height * $0.width }.reduce(0, +) == size.columns * (size.rows - 2))
    }

    @Test(arguments: [Pane.standard, Pane.allCases])
    func digitsFocusTheShownPanesInOrder(shown: [Pane]) {
        let context = KeyBindings.Context(focus: .stream, panes: shown)
        for (index, pane) in shown.enumerated() {
            #expect(KeyBindings.commands(for: .character(Character("\(index + 1)")), in: context) == [.action(.focus(pane))])
        }
        #expect(KeyBindings.commands(for: .character("0"), in: context) == [])
        #expect(KeyBindings.commands(for: .character(Character("\(shown.count + 1)")), in: context) == [])
    }

    @Test func theHelpListsEveryPanesKeys() {
        let entries = HelpOverlay.entries(glyphs: .unicode).map(\.keys)
        for view in PaneViews.all {
            for line in view.helpLines(glyphs: .unicode) { #expect(entries.contains(line.keys), "\(view.pane): \(line.keys)") }
            for key in view.shortcuts.keys { #expect(KeyBindings.commands(for: key, in: KeyBindings.Context(focus: .requests)) != []) }
        }
    }
}
