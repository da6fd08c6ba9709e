import Foundation
import Testing

@testable import MushroomServer

/// A session's rate in the operator's view: over the time since the last sample a second old.
@Suite struct RateMeterTests {
    static let start = Date(timeIntervalSince1970: 1_746_825_600)

    @Test func theRateCoversTheLastSecondOrMore() {
        var meter = RateMeter(start: Self.start)
        #expect(meter.rate(total: 10, at: Self.start.addingTimeInterval(0.5)) == 0)  // too soon: no sample yet
        #expect(meter.rate(total: 40, at: Self.start.addingTimeInterval(2)) == 20)
        #expect(meter.rate(total: 45, at: Self.start.addingTimeInterval(2.5)) == 20)  // the last rate, until a second passed
        #expect(meter.rate(total: 50, at: Self.start.addingTimeInterval(3)) == 10)
        #expect(meter.rate(total: 50, at: Self.start.addingTimeInterval(5)) == 0)
    }

    @Test func aClockThatWentBackOrACountThatDidNeverGiveANegativeRate() {
        var meter = RateMeter(start: Self.start)
        #expect(meter.rate(total: 100, at: Self.start.addingTimeInterval(1)) == 100)
        #expect(meter.rate(total: 10, at: Self.start.addingTimeInterval(2)) == 0)
        #expect(meter.rate(total: 20, at: Self.start.addingTimeInterval(-5)) == 0)
    }
}
