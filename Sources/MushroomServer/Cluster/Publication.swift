import Foundation
import MushroomRPC

/// A broadcast or a topic publication as a cluster carries it from the node it was made on to
/// every node, each delivering it to its own matching sessions.
public struct Publication: Sendable, Hashable {
    /// Who receives it.
    public enum Audience: Sendable, Hashable {
        /// Every session, subscribed or not (`SessionList.notify`).
        case everySession
        /// The sessions whose subscriptions accept the method as a topic (`SessionList.publish`).
        case topicSubscribers
    }

    public var audience: Audience
    /// The notification's method: the topic, for a topic publication.
    public var method: String
    public var data: JSONValue

    public init(audience: Audience, method: String, data: JSONValue) {
        self.audience = audience
        self.method = method
        self.data = data
    }
}

/// A publication as its cluster log stored it: numbered with its place in the cluster-wide order.
public struct StoredPublication: Sendable, Hashable {
    /// Contiguous from 1 within an epoch: no offset is skipped and none is used twice.
    public var offset: Int64
    public var publication: Publication
    /// When the log stored it, by the log's clock, when it keeps the time.
    public var storedAt: Date?

    public init(offset: Int64, publication: Publication, storedAt: Date? = nil) {
        self.offset = offset
        self.publication = publication
        self.storedAt = storedAt
    }
}
