@testable import DashboardModel
import Foundation
import Testing

@testable import MushroomRPC

/// Every collection the model keeps stays within its bound however many distinct methods the
/// traffic has: the ring and the filter's matches, the per-method tables, the requests in flight
/// and finished, the error groups, the method completions.
@Suite("Model bounds")
struct ModelBoundsTests {
    @Test func collectionsStayBoundedUnderManyDistinctMethods() {
        var configuration = DashboardConfiguration()
        configuration.streamCapacity = 100
        configuration.maximumTrackedMethods = 16
        configuration.maximumErrorGroups = 8
        configuration.maximumInFlightRequests = 50
        configuration.recentRequestCapacity = 20
        var model = DashboardModel(configuration: configuration)
        model.perform(.layout(DashboardLayout(streamRows: 1000, requestRows: 1000, errorRows: 1000, methodRows: 1000)))
        model.perform(.beginFilterEdit, .insert("method.*"), .applyFilter)
        for round in 0..<5_000 {
            let time = Double(round) / 1000
            let method = "method.\(round)"
            model.ingest(Timeline.notification(round, method, at: time))
            model.ingest(Timeline.started(round, method, timeout: 1, at: time))
            if round % 2 == 0 { model.ingest(Timeline.finished(round, method, .error("no"), latency: 0.001, at: time)) }
            if round % 3 == 0 { model.ingest(Timeline.event(.protocolError("frame \(round)"), at: time)) }
        }
        // And a subscription that fell behind, dropping notifications of 2,000 more methods.
        let queue = EventSubscription.Queue(limit: 1)
        for index in 0..<2_000 { _ = queue.push(Timeline.notification(5_000 + index, "dropped.\(index)", at: 5)) }
        model.ingest(queue.drain())

        #expect(model.stream.ring.count == 100)
        #expect(model.stream.view.count == 99)  // the filter's matches among them
        #expect(model.stream.counters.activity.count == 16)
        #expect(model.requests.tracker.inFlightCount == 50)
        #expect(model.requests.tracker.rowCount == 70)
        #expect(model.requests.tracker.methods.count == 16)
        #expect(model.requests.tracker.methodLatencies(limit: .max).count == 16)
        #expect(model.errors.log.count == 8)
        #expect(model.knownMethods.count <= 32)
        let snapshot = model.snapshot(at: Timeline.at(5))
        #expect(snapshot.stream.totalReceived == 7_000)
        #expect(snapshot.stream.skipped == 1_999)
        #expect(snapshot.stream.methods.map(\.count).reduce(0, +) == 7_000)
    }
}
