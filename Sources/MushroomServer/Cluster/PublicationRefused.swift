import MushroomRPC

/// A broadcast or topic publication that was not accepted, so nobody receives it: a handler that
/// publishes for its caller throws it on, and the caller's Error reply says why.
public enum PublicationRefused: RPCError, Hashable {
    /// The data is nested deeper than a message may carry.
    case tooDeep(DataTooDeep)
    /// `waiting` publications made on this node wait to be stored in the cluster's log (it is
    /// unreachable, or too slow): the bound of `MushroomServerConfiguration.maximumUnstoredPublications`.
    case clusterBacklogFull(waiting: Int)
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
        case .shuttingDown:
            return "publication refused: the server is shutting down"
        }
    }
}
