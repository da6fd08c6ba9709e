import MushroomRPC

extension CommandResult.Outcome {
    /// The outcome of a request whose `engine.request` threw `error` after `latency`: an Error
    /// reply, a timeout, a cancellation or a lost connection ended it; any other error (data too
    /// deep, a full outbound buffer, a closed engine) means nothing was sent.
    public init(requestError error: any Error, latency: Duration) {
        switch error {
        case let exception as RequestException: self = .requestFinished(.error(exception.data), latency: latency)
        case is RequestTimeout: self = .requestFinished(.timeout, latency: latency)
        case is CancellationError: self = .requestFinished(.cancelled, latency: latency)
        case let lost as ConnectionLost: self = .requestFinished(.connectionLost(lost.reason), latency: latency)
        default: self = .refused("\(error)")
        }
    }
}
