import Synchronization

/// What happened during a soak, counted from every client task at once.
final class SoakTally: Sendable {
    struct Figures: Sendable {
        var clientsStarted = 0
        var webSocketClients = 0
        var pollClients = 0
        var requestsAnswered = 0
        var notificationsDelivered = 0
        var broadcastsPublished = 0
        var slowConsumersStarted = 0
        var slowConsumersCut = 0
        /// The ids of the sessions cut as slow consumers, to find in the server's log.
        var cutSessionIDs: [String] = []
        /// Everything that went wrong, one sentence each; the soak passes when this stays empty.
        var failures: [String] = []
    }

    private let figures = Mutex(Figures())

    var snapshot: Figures { figures.withLock { $0 } }

    func clientStarted(webSocket: Bool) {
        figures.withLock { figures in
            figures.clientsStarted += 1
            if webSocket { figures.webSocketClients += 1 } else { figures.pollClients += 1 }
        }
    }

    func requestAnswered() { figures.withLock { $0.requestsAnswered += 1 } }
    func notificationDelivered() { figures.withLock { $0.notificationsDelivered += 1 } }
    func broadcastPublished() { figures.withLock { $0.broadcastsPublished += 1 } }
    func slowConsumerStarted() { figures.withLock { $0.slowConsumersStarted += 1 } }

    func slowConsumerCut(sessionID: String) {
        figures.withLock { figures in
            figures.slowConsumersCut += 1
            figures.cutSessionIDs.append(sessionID)
        }
    }

    func fail(_ failure: String) { figures.withLock { $0.failures.append(failure) } }
}
