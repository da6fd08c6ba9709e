import Hummingbird
import NIOCore

/// The request context of the mushroom HTTP surface: Hummingbird's basic context plus the
/// address of the peer, which bounds the sessions one client may leave unopened.
struct MushroomRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The peer's IP address (`nil` for a peer that has none, such as a Unix socket).
    let remoteAddress: String?
    /// The address the request arrived on, for session URLs of requests without a `Host`.
    let localAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
        self.localAddress = source.channel.localAddress
    }
}
