import MushroomClient
import Testing

struct ReconnectBackoffTests {
    let backoff = ReconnectBackoff(initialDelay: .milliseconds(100), maximumDelay: .seconds(1), multiplier: 2, jitter: 0.5)

    @Test func growsExponentiallyWithoutJitterAtTheMidpoint() {
        #expect((1...5).map { backoff.delay(beforeAttempt: $0, random: 0.5) } == [100, 200, 400, 800, 1000].map { .milliseconds($0) })
    }

    @Test func isCappedAtTheMaximum() {
        #expect(backoff.delay(beforeAttempt: 50, random: 0.5) == .seconds(1))
    }

    @Test func jitterSpreadsBothWays() {
        #expect(backoff.delay(beforeAttempt: 2, random: 0) == .milliseconds(100))
        #expect(backoff.delay(beforeAttempt: 2, random: 1) == .milliseconds(300))
    }
}
