import DashboardModel
@testable import DashboardUI
import Foundation
import Testing

/// The palette, the key rebinding and the mouse through the run loop on a scripted terminal.
@Suite struct PaletteAndMouseAppTests {
    static func showing(_ text: String) -> @Sendable (MemorySurface) -> Bool {
        { surface in surface.lines.contains { $0.contains(text) } }
    }

    @Test func thePaletteRunsTheActionChosen() async throws {
        let run = try await DashboardAppTests.run([
            .init([.character(":")]),
            .init("paus".map(Key.character) + [.enter], when: Self.showing(": ")),
            .init([.control("c")], when: Self.showing("PAUSED")),
        ]) { _ in .refused("no engine") }
        #expect(!run.gaveUp)
        #expect(run.lines[0].contains("PAUSED"))
    }

    @Test func aNamedFilterIsAppliedFromThePalette() async throws {
        let filter = PaletteItem(label: "filter orders", detail: "orders.*", choice: .filter("orders.*"))
        let run = try await DashboardAppTests.run([
            .init([.character(":")]),
            .init("ford".map(Key.character) + [.enter], when: Self.showing("commands")),
            .init([.control("c")], when: Self.showing("filter: orders.*")),
        ], configure: { $0.palette.append(filter) }) { _ in .refused("no engine") }
        #expect(!run.gaveUp)
    }

    @Test func aReboundKeyDoesItsActionAndTheOldOneNothing() async throws {
        let remap = try KeyRemap([("pause", "P")])
        let run = try await DashboardAppTests.run([
            .init([.character("p")]),
            .init([.character("P")], when: { surface in !surface.lines[0].contains("PAUSED") }),
            .init([.control("c")], when: Self.showing("PAUSED")),
        ], configure: { $0.keys = remap }) { _ in .refused("no engine") }
        #expect(!run.gaveUp)
    }

    @Test func aClickOnTheFormFocusesIt() async throws {
        let layout = ScreenLayout(size: Size(rows: 24, columns: 80), focus: .stream, maximized: nil)
        let form = try #require(layout.panes[.form])
        let click = Key.mouse(MouseEvent(kind: .click, position: Position(row: form.row + 2, column: form.column + 3)))
        let run = try await DashboardAppTests.run([
            .init([click]),
            .init([.control("c")], when: Self.showing("enter send")),
        ]) { _ in .refused("no engine") }
        #expect(!run.gaveUp)
    }
}
