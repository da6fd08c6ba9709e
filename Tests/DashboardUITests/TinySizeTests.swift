import DashboardModel
import DashboardUI
import Testing

/// Small and odd sizes degrade without crashing, in every mode.
@Suite struct TinySizeTests {
    static let sizes = [
        Size(rows: 0, columns: 0), Size(rows: 1, columns: 1), Size(rows: 5, columns: 20), Size(rows: 2, columns: 200),
        Size(rows: 60, columns: 3), Size(rows: 11, columns: 59), Size(rows: 12, columns: 60), Size(rows: 23, columns: 79),
    ]

    @Test(arguments: sizes)
    func rendersWithoutCrashing(size: Size) throws {
        let modes: [[OperatorAction]] = [[], [.openDetail], [.beginFilterEdit, .insert("\"x")], [.toggleMaximize], [.focus(.form), .insert("日本語")]]
        for pane in Pane.allCases {
            for actions in modes {
                for showsHelp in [false, true] {
                    let surface = try SampleDashboard.render(size: size, focus: pane, view: ViewState(showsHelp: showsHelp), actions: actions)
                    #expect(surface.lines.count == size.rows)
                }
            }
        }
    }

    @Test func belowTheMinimumTheFocusedPaneTakesTheBody() throws {
        let surface = try SampleDashboard.render(size: Size(rows: 10, columns: 40), focus: .connection)
        #expect(surface.lines[1] == "┌ connection ────────────── websocket ─┐")
        #expect(surface.lines[2] == "│state      connected for 29s          │")
    }

    @Test func oneByOneIsBlank() throws {
        let surface = try SampleDashboard.render(size: Size(rows: 1, columns: 1))
        #expect(surface.lines == [" "])
    }
}
