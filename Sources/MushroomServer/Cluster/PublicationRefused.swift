import MushroomRPC

/// A broadcast or topic publication that was not accepted, so nobody receives it: a handler that
/// publishes for its caller throws it on, and the caller's Error reply says why.
public enum PublicationRefused: RPCError, Hashable {
    /// The data is nested deeper than a message may carry.
    case tooDeep(DataTooDeep)
    /// `waiting` publications made on this node wait to be stored in the cluster's log (it is
    /// unreachable, or too slow): the bound of `MushroomServerConfiguration.maximumUnstoredPublications`.
    case clusterBacklogFull(waiting: Int)
    /// `waiting` broadcasts and publications wait for the pass under way to be delivered to this
    /// server's sessions: the bound of `MushroomServerConfiguration.maximumWaitingBroadcasts`.
    case deliveryBacklogFull(waiting: Int)
    /// The server is shutting down.
    case shuttingDown

    public var replyData: JSONValue { .string(description) }

    public var description: String {
        switch self {
        case .tooDeep(let error):
            return error.description
        case .clusterBacklogFull(let waiting):
            return "publication refused: \(waiting) publications made on this node are waiting to be stored in the cluster's log, "
                + "the most it keeps (the log is unreachable or too slow)"
        case .deliveryBacklogFull(let waiting):
            return "publication refused: \(waiting) broadcasts and publications are waiting to be delivered to this server's sessions, "
                + "the most it keeps (its sessions take them more slowly than they are made)"
        case .shuttingDown:
            return "publication refused: the server is shutting down"
        }
    }
}
