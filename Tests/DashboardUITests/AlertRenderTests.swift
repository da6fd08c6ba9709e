import DashboardModel
import DashboardUI
import Foundation
import MushroomRPC
import Testing

/// The header's alert badge and the rows an alert concerns, on the in-memory surface.
@Suite struct AlertRenderTests {
    @Test func aFiringAlertShowsInTheHeaderAndMarksItsRows() throws {
        var configuration = DashboardConfiguration()
        configuration.alertRules = [
            try AlertRule(parsing: "method orders.created slower than 5 per second for 1 seconds"),
            try AlertRule(parsing: "1 errors of kind protocolError within 60 seconds"),
        ]
        var model = DashboardModel(configuration: configuration)
        for event in SampleDashboard.events { model.ingest(event) }
        let size = Size(rows: 40, columns: 140)
        let layout = ScreenLayout(size: size, focus: .stream, maximized: nil)
        _ = model.apply(.layout(layout.modelLayout), at: SampleDashboard.now)
        _ = model.evaluateAlerts(at: SampleDashboard.at(28))
        let fired = model.evaluateAlerts(at: SampleDashboard.now)
        #expect(fired.map(\.state) == [.fired])
        let surface = try SampleDashboard.render(model.snapshot(at: SampleDashboard.now), size: size)
        #expect(surface.lines[0].contains(" ALERT orders.created at 0/s, under 5/s for 1 s (+1 more) "))
        let column = try #require(surface.lines[0].range(of: "ALERT")).lowerBound.utf16Offset(in: surface.lines[0])
        #expect(surface[0, column].style == RenderTests.expected(.error, .ansi256))
        let rates = try #require(layout.rates)
        let ratesText = (rates.row..<rates.bottom).map { surface.lines[$0] }.joined(separator: "\n")
        #expect(ratesText.contains("!orders.created"))
        let errors = try #require(layout.panes[.errors])
        let errorsText = (errors.row..<errors.bottom).map { surface.lines[$0] }
        #expect(errorsText.contains { $0.contains("!1") && $0.contains("protocolError") })
        #expect(errorsText.contains { $0.contains("×1") && $0.contains("errorReply") })
    }
}
