/// What an engine's locked section leaves to do once every lock is released: wake the transport
/// of the connection it queued a message on, wake event subscribers waiting for events, resume
/// callers whose request finished. The engine never calls out of a locked section, so a writer,
/// a subscriber or a resumed caller can call the engine again without deadlock, and nobody waits
/// for the engine's lock while one of them runs. The tap is flushed last, once.
struct Deferred {
    private var connection: EngineConnection?
    private var subscribers: [EventSubscription.Queue] = []
    private var tap: (any TrafficTap)?
    private var callers: [(CheckedContinuation<JSONValue, any Error>, Result<JSONValue, any Error>)] = []

    init() {}

    mutating func wake(_ connection: EngineConnection) {
        self.connection = connection
    }

    mutating func wake(_ subscriber: EventSubscription.Queue) {
        subscribers.append(subscriber)
    }

    mutating func flush(_ tap: any TrafficTap) {
        self.tap = tap
    }

    mutating func resume(_ caller: CheckedContinuation<JSONValue, any Error>, with result: Result<JSONValue, any Error>) {
        callers.append((caller, result))
    }

    /// Does what was left to do, once; call it with no lock held.
    mutating func run() {
        connection?.wakeTransport()
        connection = nil
        for subscriber in subscribers { subscriber.wakeWaiter() }
        subscribers = []
        for (caller, result) in callers { caller.resume(with: result) }
        callers = []
        tap?.flush()
        tap = nil
    }
}

/// Runs `body` with a `Deferred` and does what it left to do once `body` has returned (or thrown),
/// after the locks it took are released.
func withDeferred<Result, Failure: Error>(_ body: (inout Deferred) throws(Failure) -> Result) throws(Failure) -> Result {
    var deferred = Deferred()
    defer { deferred.run() }
    return try body(&deferred)
}
