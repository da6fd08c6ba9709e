import NIOWebSocket

/// A frame that breaks RFC 6455, as the handlers before `MushroomWebSocketHandler` report it,
/// with the close code the RFC names and a reason for the close frame.
struct WebSocketViolation {
    let code: WebSocketErrorCode
    let reason: String

    /// The violation `error` reports, or `nil` for an error that is not one (a socket error).
    init?(_ error: any Error) {
        switch error {
        case NIOWebSocketError.invalidFrameLength,
            NIOWebSocketFrameAggregator.Error.accumulatedFrameSizeIsTooLarge,
            NIOWebSocketFrameAggregator.Error.tooManyFragments:
            (code, reason) = (.messageTooLarge, "the message is larger than the limit")
        case NIOWebSocketError.fragmentedControlFrame:
            (code, reason) = (.protocolError, "a control frame is fragmented")
        case NIOWebSocketError.multiByteControlFrameLength:
            (code, reason) = (.protocolError, "a control frame is longer than 125 bytes")
        case NIOWebSocketFrameAggregator.Error.didReceiveFragmentBeforeReceivingTextOrBinaryFrame:
            (code, reason) = (.protocolError, "a continuation frame with no message started")
        case NIOWebSocketFrameAggregator.Error.receivedNewFrameWithoutFinishingPrevious:
            (code, reason) = (.protocolError, "a message started before the previous one finished")
        case NIOWebSocketFrameAggregator.Error.nonFinalFragmentSizeIsTooSmall:
            (code, reason) = (.protocolError, "a fragment is too small")
        case is UnmaskedClientFrame:
            (code, reason) = (.protocolError, "client frames must be masked")
        default:
            return nil
        }
    }
}
