import Foundation
import MushroomCommandLine
import MushroomRecording
import MushroomRPC
import Testing

/// When each line of a recording plays, with instants given (no clock): the original timing at
/// speed 1, scaled by the speed, none at max, and pauses and speed changes going on from where
/// the playback is.
@Suite struct ReplayTimingTests {
    let start = ContinuousClock.now

    @Test func speedOneKeepsTheRecordedGaps() {
        var pacer = ReplayPacer(speed: .times(1))
        #expect(pacer.delay(before: 100, now: start) == .zero)
        pacer.played(100)
        #expect(pacer.delay(before: 100.5, now: start) == .milliseconds(500))
        #expect(pacer.delay(before: 100.5, now: start + .milliseconds(200)) == .milliseconds(300))
        #expect(pacer.delay(before: 100.5, now: start + .seconds(1)) == .zero)
    }

    @Test func aFasterSpeedShortensTheGaps() {
        var pacer = ReplayPacer(speed: .times(4))
        _ = pacer.delay(before: 10, now: start)
        pacer.played(10)
        #expect(pacer.delay(before: 12, now: start) == .milliseconds(500))
    }

    @Test func maxPlaysAtOnce() {
        var pacer = ReplayPacer(speed: .max)
        #expect(pacer.delay(before: 10, now: start) == .zero)
        pacer.played(10)
        #expect(pacer.delay(before: 1000, now: start) == .zero)
    }

    @Test func timeGoingBackwardsPlaysAtOnce() {
        var pacer = ReplayPacer(speed: .times(1))
        _ = pacer.delay(before: 10, now: start)
        pacer.played(10)
        #expect(pacer.delay(before: 5, now: start) == .zero)
    }

    @Test func aPauseHoldsAndPlayingOnStartsFromThere() {
        var pacer = ReplayPacer(speed: .times(1))
        _ = pacer.delay(before: 0, now: start)
        pacer.played(0)
        pacer.togglePause(now: start + .seconds(1))
        #expect(pacer.isPaused)
        #expect(pacer.delay(before: 2, now: start + .seconds(5)) == nil)
        pacer.togglePause(now: start + .seconds(10))
        // Two recorded seconds after the last line played, counted from the resumption.
        #expect(pacer.delay(before: 2, now: start + .seconds(10)) == .seconds(2))
    }

    @Test func aSpeedChangeGoesOnFromTheLastLinePlayed() {
        var pacer = ReplayPacer(speed: .times(1))
        _ = pacer.delay(before: 0, now: start)
        pacer.played(4)
        pacer.change(to: .times(2), now: start + .seconds(4))
        #expect(pacer.delay(before: 6, now: start + .seconds(4)) == .seconds(1))
    }

    @Test func plusAndMinusStepThroughTheSpeeds() {
        #expect(ReplaySpeed.times(1).faster == .times(2))
        #expect(ReplaySpeed.times(3).faster == .times(4))
        #expect(ReplaySpeed.times(1000).faster == .max)
        #expect(ReplaySpeed.max.faster == .max)
        #expect(ReplaySpeed.times(1).slower == .times(0.5))
        #expect(ReplaySpeed.times(0.1).slower == .times(0.1))
        #expect(ReplaySpeed.max.slower == .times(1000))
        #expect(ReplaySpeed.times(0.25).description == "x0.25")
        #expect(ReplaySpeed.times(2).description == "x2")
    }

    @Test func speedsAreParsed() throws {
        #expect(try ReplaySpeed(parsing: "max") == .max)
        #expect(try ReplaySpeed(parsing: "2.5") == .times(2.5))
        #expect(try ReplaySpeed(parsing: "1000") == .times(1000))
    }
}

/// A recording's lines become the events a live client published, requests included.
@Suite struct ReplayEventsTests {
    let time = Date(timeIntervalSince1970: 1)

    @Test func aRequestAndItsAnswerStartAndFinishIt() {
        var events = ReplayEvents()
        let sent = events.events(of: RecordedTraffic(time: 10, kind: .message(.out, .request(.init(id: 3, method: "echo", data: 1)))), at: time)
        #expect(sent.count == 2)
        guard case .messageSent = sent[0].kind, case .requestStarted(let start) = sent[1].kind else {
            Issue.record("\(sent)")
            return
        }
        #expect(start == RequestStart(direction: .outbound, id: 3, method: "echo", data: 1, deadline: nil))
        let answered = events.events(of: RecordedTraffic(time: 10.25, kind: .message(.in, .response(.init(id: 8, requestID: 3, data: 1)))), at: time)
        guard case .messageReceived = answered[0].kind, case .requestFinished(let finish) = answered[1].kind else {
            Issue.record("\(answered)")
            return
        }
        #expect(finish == RequestFinish(direction: .outbound, id: 3, method: "echo", outcome: .response(1), latency: .milliseconds(250)))
    }

    @Test func anInboundRequestIsFinishedByTheAnswerGoingOut() {
        var events = ReplayEvents()
        _ = events.events(of: RecordedTraffic(time: 1, kind: .message(.in, .request(.init(id: 0, method: "client.ping", data: 5)))), at: time)
        let answered = events.events(of: RecordedTraffic(time: 1, kind: .message(.out, .error(.init(id: 0, requestID: 0, data: "x")))), at: time)
        guard case .requestFinished(let finish) = answered.last?.kind else {
            Issue.record("\(answered)")
            return
        }
        #expect(finish.direction == .inbound)
        #expect(finish.outcome == .error("x"))
    }

    @Test func aLostSessionFailsTheOpenRequests() {
        var events = ReplayEvents()
        _ = events.events(of: RecordedTraffic(time: 1, kind: .message(.out, .request(.init(id: 0, method: "slow")))), at: time)
        let lost = events.events(of: RecordedTraffic(time: 3, kind: .connection(.sessionLost(reason: "gone"))), at: time)
        guard lost.count == 2, case .requestFinished(let finish) = lost[0].kind, case .transport(.sessionLost) = lost[1].kind else {
            Issue.record("\(lost)")
            return
        }
        #expect(finish.outcome == .connectionLost("session lost: gone"))
        #expect(finish.latency == .seconds(2))
    }

    @Test func anAnswerToNoRecordedRequestIsUnmatched() {
        var events = ReplayEvents()
        let answered = events.events(of: RecordedTraffic(time: 1, kind: .message(.in, .response(.init(id: 0, requestID: 9, data: 1)))), at: time)
        guard case .unmatchedResponse(9, false) = answered.last?.kind else {
            Issue.record("\(answered)")
            return
        }
    }
}
