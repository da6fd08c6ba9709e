import DashboardModel
import Foundation
import MushroomRPC
import Testing

@Suite struct AlertMonitorTests {
    private func model(_ rules: String...) throws -> DashboardModel {
        var configuration = DashboardConfiguration()
        configuration.alertRules = try rules.map { try AlertRule(parsing: $0) }
        return DashboardModel(configuration: configuration)
    }

    @Test func aSlowMethodFiresAfterItsSecondsAndClearsWhenTheRateComesBack() throws {
        var model = try model("method tick slower than 5 per second for 3 seconds")
        // Two a second, slower than five: the condition holds from 0.9 s and fires 3 s later.
        var transitions: [Double: [AlertTransition]] = [:]
        for second in 0..<5 {
            model.ingest(Timeline.notification(second * 2, "tick", at: Double(second)))
            model.ingest(Timeline.notification(second * 2 + 1, "tick", at: Double(second) + 0.5))
            transitions[Double(second) + 0.9] = model.evaluateAlerts(at: Timeline.at(Double(second) + 0.9))
        }
        #expect(transitions[0.9] == [] && transitions[1.9] == [] && transitions[2.9] == [] && transitions[4.9] == [])
        #expect(transitions[3.9]?.map(\.state) == [.fired])
        #expect(transitions[3.9]?.first?.detail == "tick at 2/s, under 5/s for 3 s")
        #expect(model.snapshot(at: Timeline.at(4.9)).alerts.map(\.subject) == [.method("tick")])
        #expect(model.snapshot(at: Timeline.at(4.9)).alerts.first?.since == Timeline.at(3.9))
        for id in 100..<110 { model.ingest(Timeline.notification(id, "tick", at: 6.0 + Double(id - 100) / 20)) }
        #expect(model.evaluateAlerts(at: Timeline.at(6.6)).map(\.state) == [.cleared])
        #expect(model.snapshot(at: Timeline.at(6.6)).alerts.isEmpty)
    }

    @Test func errorsOfAKindCountWithinTheWindow() throws {
        var model = try model("2 errors of kind timeout within 10 seconds", "1 errors of kind any within 10 seconds")
        model.ingest(Timeline.finished(1, "slow", .timeout, latency: 1, at: 0))
        #expect(model.evaluateAlerts(at: Timeline.at(0)).map(\.rule.description) == ["1 errors of kind any within 10 seconds"])
        model.ingest(Timeline.finished(2, "slow", .timeout, latency: 1, at: 4))
        let fired = model.evaluateAlerts(at: Timeline.at(4))
        #expect(fired.map(\.detail) == ["2 timeout errors in the last 10 s"])
        #expect(model.snapshot(at: Timeline.at(4)).alerts.map(\.subject) == [.errors(.timeout), .errors(nil)])
        // The first timeout leaves the window at 10 s.
        #expect(model.evaluateAlerts(at: Timeline.at(10)).map(\.state) == [.cleared])
        #expect(model.evaluateAlerts(at: Timeline.at(14)).map(\.state) == [.cleared])
    }

    @Test func unacknowledgedAboveALimit() throws {
        var model = try model("unacknowledged above 2")
        for id in 0..<3 {
            model.ingest(Timeline.event(.messageSent(.notification(.init(id: id, method: "m", data: .null))), at: 0))
        }
        #expect(model.evaluateAlerts(at: Timeline.at(1)).map(\.detail) == ["3 messages unacknowledged, above 2"])
        model.ingest(Timeline.event(.messageReceived(.heartbeat(.init(lastMessageID: 1))), at: 2))
        #expect(model.evaluateAlerts(at: Timeline.at(2)).map(\.state) == [.cleared])
    }

    @Test func noHeartbeatCountsFromTheStartThenFromTheLastMessage() throws {
        var model = try model("no heartbeat for 5 seconds")
        #expect(model.evaluateAlerts(at: Timeline.at(0)).isEmpty)
        #expect(model.evaluateAlerts(at: Timeline.at(4.9)).isEmpty)
        #expect(model.evaluateAlerts(at: Timeline.at(5)).map(\.detail) == ["no heartbeat for 5 s"])
        model.ingest(Timeline.event(.messageReceived(.heartbeat(.init(lastMessageID: nil))), at: 6))
        #expect(model.evaluateAlerts(at: Timeline.at(6)).map(\.state) == [.cleared])
        model.ingest(Timeline.notification(1, "tick", at: 9))
        #expect(model.evaluateAlerts(at: Timeline.at(11.5)).isEmpty)
        #expect(model.evaluateAlerts(at: Timeline.at(14.5)).map(\.state) == [.fired])
        #expect(model.snapshot(at: Timeline.at(14.5)).alerts.first?.since == Timeline.at(14.5))
    }
}
