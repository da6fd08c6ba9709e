import NIOCore
import NIOHTTP1
import NIOWebSocket

/// A client's WebSocket upgrader: NIO's `NIOTypedWebSocketClientUpgrader` makes the handshake
/// (the request key, the check of `Sec-WebSocket-Accept`), and `upgradePipeline` sets up the
/// upgraded pipeline (with `addMushroomWebSocketHandlers`) in place of NIO's step, which would
/// add NIO's frame encoder. One upgrader per connection: it holds the request's key.
public struct MushroomWebSocketClientUpgrader<UpgradeResult: Sendable>: NIOTypedHTTPClientProtocolUpgrader {
    public let supportedProtocol = "websocket"
    public let requiredUpgradeHeaders: [String] = []
    private let handshake: NIOTypedWebSocketClientUpgrader<Void>
    private let upgradePipeline: @Sendable (any Channel, HTTPResponseHead) -> EventLoopFuture<UpgradeResult>

    public init(upgradePipeline: @escaping @Sendable (any Channel, HTTPResponseHead) -> EventLoopFuture<UpgradeResult>) {
        self.handshake = NIOTypedWebSocketClientUpgrader { channel, _ in channel.eventLoop.makeSucceededVoidFuture() }
        self.upgradePipeline = upgradePipeline
    }

    public func addCustom(upgradeRequestHeaders: inout HTTPHeaders) {
        handshake.addCustom(upgradeRequestHeaders: &upgradeRequestHeaders)
    }

    public func shouldAllowUpgrade(upgradeResponse: HTTPResponseHead) -> Bool {
        handshake.shouldAllowUpgrade(upgradeResponse: upgradeResponse)
    }

    public func upgrade(channel: any Channel, upgradeResponse: HTTPResponseHead) -> EventLoopFuture<UpgradeResult> {
        upgradePipeline(channel, upgradeResponse)
    }
}
