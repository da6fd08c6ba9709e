/// The figures of one fault run, printed as one line.
struct FaultRunReport: Sendable, CustomStringConvertible {
    var transport = ""
    var plan = ""
    var published = 0
    var delivered = 0
    var clientDuplicatesDropped = 0
    var serverDuplicatesDropped = 0
    var reconnects = 0
    var sessionsLost = 0
    var connectionsAccepted = 0
    var cuts = 0
    var requestsCompleted = 0
    var requestsTimedOut = 0
    var requestsLost = 0
    var seconds = 0.0

    var description: String {
        "fault run [\(transport)] \(plan) | published \(published), delivered \(delivered),"
            + " duplicates suppressed \(clientDuplicatesDropped) (client) + \(serverDuplicatesDropped) (server),"
            + " reconnects \(reconnects), sessions lost \(sessionsLost), connections \(connectionsAccepted), cuts \(cuts),"
            + " requests completed \(requestsCompleted), timed out \(requestsTimedOut), lost \(requestsLost),"
            + " \((seconds * 10).rounded() / 10) s"
    }
}
