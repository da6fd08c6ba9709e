import DashboardModel
@testable import DashboardUI
import Testing

/// Curses button states decoded, and mouse events routed to panes and rows through the layout.
@Suite struct MouseTests {
    static let buttons = MouseEvent.Buttons(click: 0x4, doubleClick: 0x8, wheelUp: 0x10000, wheelDown: 0x200000)

    @Test func buttonStatesDecode() {
        #expect(MouseEvent(state: 0x4, row: 3, column: 7, buttons: Self.buttons) == MouseEvent(kind: .click, position: Position(row: 3, column: 7)))
        #expect(MouseEvent(state: 0x8 | 0x4, row: 0, column: 0, buttons: Self.buttons)?.kind == .doubleClick)
        #expect(MouseEvent(state: 0x10000, row: 0, column: 0, buttons: Self.buttons)?.kind == .wheelUp)
        #expect(MouseEvent(state: 0x200000, row: 0, column: 0, buttons: Self.buttons)?.kind == .wheelDown)
        #expect(MouseEvent(state: 0x1, row: 0, column: 0, buttons: Self.buttons) == nil)  // a release
        #expect(MouseEvent(state: 0x4, row: -1, column: 0, buttons: Self.buttons) == nil)
        #expect(Self.buttons.all == 0x21000C)
    }

    @Test func cursesOwnBitsAreDistinct() {
        let curses = CursesTerminal.mouseButtons
        let bits = [curses.click, curses.doubleClick, curses.wheelUp, curses.wheelDown]
        #expect(bits.allSatisfy { $0 != 0 } && Set(bits).count == 4)
    }

    static let layout = ScreenLayout(size: Size(rows: 24, columns: 80), focus: .stream, maximized: nil)

    static func commands(_ kind: MouseEvent.Kind, at position: Position, detail: Bool = false, help: Bool = false) -> [KeyCommand] {
        MouseRouting.commands(for: MouseEvent(kind: kind, position: position), layout: layout, isDetailOpen: detail, isHelpShown: help)
    }

    @Test func aClickFocusesThePaneAndSelectsTheRow() throws {
        let errors = try #require(Self.layout.panes[.errors])
        let third = Position(row: errors.row + 3, column: errors.column + 4)
        #expect(Self.commands(.click, at: third) == [.action(.focus(.errors)), .action(.selectVisibleRow(2))])
        #expect(Self.commands(.doubleClick, at: third) == [.action(.focus(.errors)), .action(.selectVisibleRow(2)), .action(.openDetail)])
        // The border only focuses.
        #expect(Self.commands(.click, at: Position(row: errors.row, column: errors.column + 4)) == [.action(.focus(.errors))])
        let form = try #require(Self.layout.panes[.form])
        #expect(Self.commands(.click, at: Position(row: form.row + 2, column: form.column + 2)) == [.action(.focus(.form))])
        // The header belongs to no pane.
        #expect(Self.commands(.click, at: Position(row: 0, column: 5)) == [])
    }

    @Test func theWheelScrollsThePaneUnderIt() throws {
        let stream = try #require(Self.layout.panes[.stream])
        let inside = Position(row: stream.row + 2, column: stream.column + 2)
        #expect(Self.commands(.wheelUp, at: inside) == [.action(.focus(.stream)), .action(.scroll(-3))])
        #expect(Self.commands(.wheelDown, at: inside) == [.action(.focus(.stream)), .action(.scroll(3))])
    }

    @Test func theDetailAndTheHelpTakeTheMouseFirst() {
        let inside = Position(row: Self.layout.overlay.row + 1, column: Self.layout.overlay.column + 1)
        #expect(Self.commands(.wheelDown, at: inside, detail: true) == [.action(.scroll(3))])
        #expect(Self.commands(.click, at: inside, detail: true) == [])
        #expect(Self.commands(.click, at: Position(row: 0, column: 0), detail: true) == [.action(.closeDetail)])
        #expect(Self.commands(.click, at: inside, help: true) == [.closeHelp])
        #expect(Self.commands(.wheelUp, at: inside, help: true) == [])
    }

    @Test func selectingAVisibleRowSelectsThatRow() {
        var model = SampleDashboard.model(size: Size(rows: 24, columns: 80))
        _ = model.apply(.selectVisibleRow(1), at: SampleDashboard.now)
        let stream = model.snapshot(at: SampleDashboard.now).stream
        #expect(stream.selectedRow == 1)
        _ = model.apply(.focus(.errors), at: SampleDashboard.now)
        _ = model.apply(.selectVisibleRow(1), at: SampleDashboard.now)
        #expect(model.snapshot(at: SampleDashboard.now).errors.selectedRow == 1)
        _ = model.apply(.selectVisibleRow(40), at: SampleDashboard.now)
        #expect(model.snapshot(at: SampleDashboard.now).errors.selectedRow == 1)
    }
}
