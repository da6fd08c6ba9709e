import Foundation
import Logging

/// When an engine acknowledges what it received by writing a Heartbeat.
public enum AcknowledgementPolicy: Sendable, Hashable {
    /// After every inbound message with an id (the reference server over WebSocket).
    case immediate
    /// After `everyMessages` inbound messages, or once the inbound side has been quiet for `idle`.
    case batched(everyMessages: Int, idle: Duration)
    /// Never by itself: the transport sends `heartbeat` when it wants (long poll).
    case manual
}

/// Pre- and post-handling hooks for inbound messages (the reference's message signals).
public struct MessageHooks: Sendable {
    public typealias Hook = @Sendable (Message, Engine) -> Void

    /// Called for every accepted inbound Notification, Request, Response and Error, before it is handled.
    public var beforeHandling: [Hook] = []
    /// Called after the message was handled (for a Request, after its reply was sent).
    public var afterHandling: [Hook] = []

    public init(beforeHandling: [Hook] = [], afterHandling: [Hook] = []) {
        self.beforeHandling = beforeHandling
        self.afterHandling = afterHandling
    }
}

/// How an engine behaves; the defaults are the reference's behaviour.
public struct EngineConfiguration: Sendable {
    /// When to acknowledge inbound messages.
    public var acknowledgement: AcknowledgementPolicy = .manual
    /// The bound on unacknowledged outbound messages; `nil` is unbounded, like the reference.
    public var maximumUnacknowledged: Int? = nil
    /// The bound on the bytes of unacknowledged outbound messages (`Message.estimatedSize`);
    /// `nil` is unbounded.
    public var maximumUnacknowledgedBytes: Int? = nil
    /// The most inbound Requests handled at once; beyond it a Request is answered with an Error at once.
    public var maximumConcurrentHandlers: Int? = nil
    /// Hooks around inbound message handling.
    public var hooks = MessageHooks()
    /// Where the engine logs dropped responses, handler failures and protocol errors.
    public var logger = Logger(label: "mushroom.engine")
    /// The clock that stamps events, deadlines and latencies.
    public var now: @Sendable () -> Date = { Date() }
    /// How many events a slow event subscriber may have waiting before the oldest are dropped.
    public var eventBufferLimit = 65_536
    /// The end of a transport this engine serves, whose rules it applies; `nil` for none (an
    /// engine on an `InMemoryLink`). Set with `serving(_:batch:)`.
    public private(set) var transport: TransportEnd?

    public init() {}

    /// This configuration for an engine serving `transport`: the transport's rules apply, and it
    /// acknowledges as the transport says (`batch` is a WebSocket client's batching).
    public func serving(_ transport: TransportEnd, batch: AcknowledgementBatch? = nil) -> EngineConfiguration {
        var configuration = self
        configuration.transport = transport
        configuration.acknowledgement = transport.acknowledgement(batch: batch)
        return configuration
    }
}
