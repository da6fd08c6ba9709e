import HummingbirdCore
import Logging
import NIOCore

/// Wraps Hummingbird's child channel with the guards every connection passes:
/// - the `ConnectionGate` admits it, or it is refused with `503` once the server holds its bound
///   of connections and none can be shed;
/// - a `ConnectionDrainer` closes it at the latest `gracePeriod` into a graceful shutdown;
/// - a `RequestHeadGuard` bounds its first request head (`headLimits`).
///
/// No connection outlives a graceful shutdown by more than `gracePeriod`, whatever its peer does.
/// Hummingbird's WebSocket-upgradable HTTP/1 pipeline only learns to quiesce once a connection's
/// first request has arrived: a connection that was opened and never used (an HTTP client's
/// pool can park one) held the shutdown until its peer closed it, which could be never. Such a
/// connection is closed as soon as the server quiesces; any other connection gets `gracePeriod`
/// to finish its exchange (a response, a WebSocket close handshake) and is then closed.
struct GuardedChildChannel<Base: ServerChildChannel>: ServerChildChannel {
    let base: Base
    let gracePeriod: Duration
    let headLimits: RequestHeadGuard.Limits
    let gate: ConnectionGate

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Base.Value> {
        let admitted = gate.admit(channel)
        let gate = self.gate
        channel.closeFuture.whenComplete { _ in gate.closed(channel) }
        let refusal = admitted ? nil : "the server holds its limit of \(gate.limit) connections; try again later"
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ConnectionDrainer(gracePeriod: .init(gracePeriod)))
            try channel.pipeline.syncOperations.addHandler(RequestHeadGuard(limits: headLimits, refusal: refusal))
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Base.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// First in every connection's pipeline: closes the connection when the server quiesces, at once
/// if it never carried a byte, otherwise after the grace period.
private final class ConnectionDrainer: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    private let gracePeriod: TimeAmount
    private var hasRead = false
    private var deadline: Scheduled<Void>?

    init(gracePeriod: TimeAmount) {
        self.gracePeriod = gracePeriod
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        hasRead = true
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, deadline == nil {
            if hasRead {
                let channel = context.channel
                deadline = context.eventLoop.scheduleTask(in: gracePeriod) { channel.close(promise: nil) }
            } else {
                context.close(promise: nil)
                return
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }
}
