import DashboardModel
@testable import DashboardUI
import Foundation
import MushroomRPC
import Testing

/// The toolkit on screen: the latency view, the rates pane's order and byte rates, late
/// responses in the requests pane, the detail's footer hints and the status line.
@Suite struct ToolkitRenderTests {
    static let size = Size(rows: 40, columns: 120)

    @Test func theLatencyViewShowsEachMethodsPercentilesTimeoutsAndLateResponses() throws {
        let surface = try SampleDashboard.render(size: Self.size, actions: [.toggleLatencyView])
        let overlay = ScreenLayout(size: Self.size, focus: .stream, maximized: nil).overlay
        let lines = surface.lines.map { String($0.dropFirst(overlay.column)) }
        #expect(lines[overlay.row].hasPrefix("┌ latency by method ───"))
        #expect(lines[overlay.row].contains(" 1-2 of 2 methods · esc closes ─┐"))
        #expect(lines[overlay.row + 1].hasPrefix("│ method      count    p50      p90      p99      max      timeouts late"))
        #expect(lines[overlay.row + 2].hasPrefix("│ fail.always 1        28ms     28ms     28ms     30ms     0        0"))
        #expect(lines[overlay.row + 3].hasPrefix("│ echo        1        12ms     12ms     12ms     12ms     0        0"))
    }

    @Test func theRatesPaneSaysItsOrderAndShowsBytesPerSecond() throws {
        var surface = try SampleDashboard.render(size: Self.size)
        let rect = try #require(ScreenLayout(size: Self.size, focus: .stream, maximized: nil).rates)
        #expect(surface.lines[rect.row].contains(" 3 methods · by rate (o) ─┐"))
        let inner = String(surface.lines[rect.row + 1].dropFirst(rect.column + 1))
        #expect(inner.hasPrefix("chat.message 8       0.3/s    24B/s"), "\(inner)")
        surface = try SampleDashboard.render(size: Self.size, actions: [.cycleRateOrder, .cycleRateOrder])
        #expect(surface.lines[rect.row].contains(" 3 methods · by bytes (o) ─┐"))
        #expect(String(surface.lines[rect.row + 1].dropFirst(rect.column + 1)).hasPrefix("orders.created 8       0.3/s    31B/s"))
    }

    @Test func aLateResponseIsFlaggedInTheRequestsPane() throws {
        var model = SampleDashboard.model(size: Self.size)
        model.ingest(EngineEvent(time: SampleDashboard.at(29), kind: .requestFinished(RequestFinish(
            direction: .outbound, id: 4, method: "reports.build", outcome: .timeout, latency: .seconds(10)))))
        model.ingest(EngineEvent(time: SampleDashboard.at(29.5), kind: .unmatchedResponse(requestID: 4, late: true)))
        let surface = try SampleDashboard.render(model.snapshot(at: SampleDashboard.now), size: Self.size)
        let rect = try #require(ScreenLayout(size: Self.size, focus: .stream, maximized: nil).panes[.requests])
        #expect(surface.lines[rect.row].contains(" 3 done · 1 late · "))
        #expect(surface.lines.contains { $0.contains("reports.build timed out after 10s, LATE answer") })
    }

    @Test func theHelpListsTheToolkitKeysAndStillFitsAt80x24() throws {
        for size in [Size(rows: 24, columns: 80), Self.size] {
            let surface = try SampleDashboard.render(size: size, view: ViewState(showsHelp: true))
            for keys in ["y Y", "m  d", "r R", "q  ctrl-c"] {
                #expect(surface.lines.contains { $0.contains(" \(keys) ") }, "\(keys) at \(size)")
            }
        }
    }

    @Test func anOpenDetailShowsItsKeysInTheFooter() throws {
        let surface = try SampleDashboard.render(size: Self.size, actions: [.openDetail])
        #expect(surface.lines[Self.size.rows - 1].hasPrefix("esc close  ↑↓ scroll  y Y copy  m mark  d diff  r R edit/send again  ? help"))
    }

    @Test func aStatusThatIsNoErrorIsDrawnAsSuch() throws {
        let done = try SampleDashboard.render(size: Self.size, view: ViewState(notice: "copied it", noticeIsError: false))
        let failed = try SampleDashboard.render(size: Self.size, view: ViewState(notice: "not copied", noticeIsError: true))
        let row = Self.size.rows - 1
        #expect(done.lines[row].hasPrefix("copied it"))
        #expect(done[row, 0].style != failed[row, 0].style)
    }

    @Test func theDiffIsShownInTheDetailView() throws {
        let surface = try SampleDashboard.render(
            size: Self.size, actions: [.moveSelection(-1), .moveSelection(-1), .mark, .moveSelection(-1), .diffWithMarked])
        #expect(surface.lines.contains { $0.contains("┌ diff notification 23 metrics.cpu -> notification 22 orders.created ─") })
        #expect(surface.lines.contains { $0.contains(#"│ + data.customer: "ada""#) })
    }
}

