import NIOCore
import NIOWebSocket

extension ChannelPipeline.SynchronousOperations {
    /// Adds an upgraded WebSocket's handlers: NIO's frame decoder (frames up to
    /// `maximumMessageSize`), for a server the check that client frames are masked, NIO's
    /// aggregator of fragments (messages up to `maximumMessageSize`), a `WebSocketKeepalive` when
    /// `keepalive` is given, and `handler` last. No frame encoder: `handler` and the keepalive
    /// write serialised frames.
    public func addMushroomWebSocketHandlers(
        _ handler: MushroomWebSocketHandler, maximumMessageSize: Int, keepalive: TimeAmount?
    ) throws {
        try addHandler(ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: maximumMessageSize)))
        if handler.role == .server { try addHandler(ClientMaskCheck()) }
        try addHandler(NIOWebSocketFrameAggregator(
            minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: .max, maxAccumulatedFrameSize: maximumMessageSize))
        if let keepalive { try addHandler(WebSocketKeepalive(role: handler.role, interval: keepalive)) }
        try addHandler(handler)
    }
}
