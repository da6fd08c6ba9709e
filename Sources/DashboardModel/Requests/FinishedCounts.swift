/// How many requests finished, timed out and got their answer late.
struct FinishedCounts: Sendable {
    var finished = 0
    var timeouts = 0
    var lateResponses = 0

    static func + (left: FinishedCounts, right: FinishedCounts) -> FinishedCounts {
        FinishedCounts(
            finished: left.finished + right.finished, timeouts: left.timeouts + right.timeouts,
            lateResponses: left.lateResponses + right.lateResponses)
    }
}
