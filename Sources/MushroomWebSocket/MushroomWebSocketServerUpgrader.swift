import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOWebSocket

/// A server's WebSocket upgrader, one per connection: NIO's `NIOTypedWebSocketServerUpgrader`
/// answers the handshake (the version check and `Sec-WebSocket-Accept`) for a request that
/// `accepting` finds a target for, and `upgradePipeline` sets up the upgraded pipeline for that
/// target (with `addMushroomWebSocketHandlers`) in place of NIO's step, which would add NIO's frame
/// encoder. A request without a target is not upgraded and goes on as an ordinary HTTP request.
public struct MushroomWebSocketServerUpgrader<Target: Sendable, UpgradeResult: Sendable>: NIOTypedHTTPServerProtocolUpgrader {
    public let supportedProtocol = "websocket"
    public let requiredUpgradeHeaders: [String] = []
    private let handshake: NIOTypedWebSocketServerUpgrader<Void>
    private let accepted: NIOLockedValueBox<Target?>
    private let upgradePipeline: @Sendable (any Channel, Target) -> EventLoopFuture<UpgradeResult>

    public init(
        accepting: @escaping @Sendable (HTTPRequestHead) -> Target?,
        upgradePipeline: @escaping @Sendable (any Channel, Target) -> EventLoopFuture<UpgradeResult>
    ) {
        let accepted = NIOLockedValueBox<Target?>(nil)
        self.handshake = NIOTypedWebSocketServerUpgrader(
            shouldUpgrade: { channel, head in
                let target = accepting(head)
                accepted.withLockedValue { $0 = target }
                return channel.eventLoop.makeSucceededFuture(target == nil ? nil : [:])
            },
            upgradePipelineHandler: { channel, _ in channel.eventLoop.makeSucceededVoidFuture() })
        self.accepted = accepted
        self.upgradePipeline = upgradePipeline
    }

    public func buildUpgradeResponse(
        channel: any Channel, upgradeRequest: HTTPRequestHead, initialResponseHeaders: HTTPHeaders
    ) -> EventLoopFuture<HTTPHeaders> {
        handshake.buildUpgradeResponse(channel: channel, upgradeRequest: upgradeRequest, initialResponseHeaders: initialResponseHeaders)
    }

    public func upgrade(channel: any Channel, upgradeRequest: HTTPRequestHead) -> EventLoopFuture<UpgradeResult> {
        guard let target = accepted.withLockedValue({ $0 }) else {
            return channel.eventLoop.makeFailedFuture(NIOWebSocketUpgradeError.unsupportedWebSocketTarget)
        }
        return upgradePipeline(channel, target)
    }
}
