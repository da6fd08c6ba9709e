@testable import DashboardModel
import Foundation
import Testing

@testable import MushroomRPC

/// Notifications the engine's subscription dropped are still counted: by method, in the rates
/// (spread over the time they arrived in), in the received totals, without rows; the stream says
/// how many it skipped.
@Suite("Skipped notifications")
struct SkippedNotificationTests {
    /// A model with every method row shown.
    private static func model(_ configuration: DashboardConfiguration = DashboardConfiguration()) -> DashboardModel {
        var model = DashboardModel(configuration: configuration)
        model.perform(.layout(DashboardLayout(streamRows: 5, methodRows: 1000)))
        return model
    }

    /// What a subscription holding `limit` events hands over after `events` were pushed into it.
    private static func batch(limit: Int, _ events: [EngineEvent]) -> EventSubscription.Batch {
        let queue = EventSubscription.Queue(limit: limit)
        for event in events { _ = queue.push(event) }
        return queue.drain()
    }

    /// 1000 notifications, one a millisecond from the origin, alternately "orders" and "users".
    private static let burst = (0..<1000).map { id in
        Timeline.notification(id, id % 2 == 0 ? "orders" : "users", at: Double(id) / 1000)
    }

    @Test func droppedNotificationsCountByMethodAndInTheRatesWithoutRows() {
        var model = Self.model()
        model.ingest(Self.batch(limit: 2, Self.burst))
        let stream = model.snapshot(at: Timeline.at(0.999)).stream
        #expect(stream.rows.map(\.id) == [998, 999])
        #expect(stream.skipped == 998)
        #expect(stream.dropped == 0)
        #expect(stream.retained == 2)
        #expect(stream.totalReceived == 1000)
        #expect(stream.ratePerSecond1s == 1000)
        #expect(stream.ratePerSecond10s == 100)
        #expect(stream.methods.map { "\($0.method)=\($0.count) \($0.ratePerSecond1s)/s" } == ["orders=500 500.0/s", "users=500 500.0/s"])
        #expect(model.snapshot(at: Timeline.at(0.999)).connection.messagesReceived == 1000)
    }

    @Test func skippedNotificationsAreSpreadOverTheTenthsTheyArrivedIn() {
        var model = Self.model()
        model.ingest(Self.batch(limit: 2, Self.burst))
        // 998 spread over the ten tenths of the first second, 99 or 100 each; the 2 kept at 0.998 and 0.999.
        let later = model.snapshot(at: Timeline.at(1.5)).stream
        #expect(later.ratePerSecond1s == 400 + 2)
        #expect(later.rateHistory.suffix(2) == [1000, 0])
        #expect(later.methods.map(\.rateHistory.last) == [0, 0])
        #expect(later.methods.map { $0.rateHistory.suffix(2).first } == [500, 500])
    }

    @Test func aLongSpanCountsEveryNotificationAndRatesFromTheBucketsKept() {
        var model = Self.model()
        // 6000 over ten minutes: one a tenth of a second.
        let events = (0..<6000).map { Timeline.notification($0, "ticks", at: Double($0) / 10 + 0.05) }
        model.ingest(Self.batch(limit: 1, events))
        let stream = model.snapshot(at: Timeline.at(599.95)).stream
        #expect(stream.skipped == 5999)
        #expect(stream.totalReceived == 6000)
        #expect(stream.ratePerSecond1s == 10)
        #expect(stream.ratePerSecond10s == 10)
        #expect(stream.rateHistory == Array(repeating: 10, count: 60))
        #expect(stream.methods.map(\.count) == [6000])
    }

    @Test func skippedNotificationsOfUntrackedMethodsCountAsOther() {
        var configuration = DashboardConfiguration()
        configuration.maximumTrackedMethods = 3
        var model = Self.model(configuration)
        let events = ["a", "b", "a", "c", "d", "a", "kept"].enumerated().map { Timeline.notification($0, $1, at: 0.05) }
        model.ingest(Self.batch(limit: 1, events))
        // The busiest skipped methods are counted first, so that they keep their own rows.
        let methods = model.snapshot(at: Timeline.at(0.05)).stream.methods
        #expect(Set(methods.map { "\($0.method)=\($0.count)" }) == ["a=3", "b=1", "\(DashboardConfiguration.otherMethod)=3"])
    }

    @Test func notificationsBeyondTheSubscriptionsNamesCountAsOther() {
        var model = Self.model()
        let limit = EventSubscription.droppedMethodLimit
        let events = (0...(limit + 20)).map { Timeline.notification($0, "m\($0)", at: 0.05) }
        model.ingest(Self.batch(limit: 1, events))
        let stream = model.snapshot(at: Timeline.at(0.05)).stream
        #expect(stream.skipped == limit + 20)
        #expect(stream.methodCount == DashboardConfiguration().maximumTrackedMethods)
        #expect(stream.methods.map(\.count).reduce(0, +) == limit + 21)
    }

    @Test func pauseCountsSkippedArrivalsAndNothingIsTalliedWithoutDrops() {
        var model = Self.model()
        _ = model.apply(.togglePause, at: Timeline.at(0))
        model.ingest(Self.batch(limit: 10, Array(Self.burst.prefix(10))))
        let kept = model.snapshot(at: Timeline.at(1)).stream
        #expect(kept.arrivedSincePause == 10)
        #expect(kept.skipped == 0)
        model.ingest(Self.batch(limit: 10, Array(Self.burst.dropFirst(10))))
        let stream = model.snapshot(at: Timeline.at(1)).stream
        #expect(stream.arrivedSincePause == 1000)
        #expect(stream.skipped == 980)
    }
}
