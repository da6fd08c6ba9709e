import MushroomRPC

/// The server's own list of its request methods, asked for once after each connection with
/// `mushroom.methods` (a built-in of the Swift server) for the form's completion. A server
/// without it (the reference answers MethodNotFound) leaves the list empty: completion falls
/// back to the methods seen, and the request shows neither in the requests pane nor as an error.
struct ServerMethodList: Sendable {
    /// The method that lists the server's request methods.
    static let method = "mushroom.methods"
    /// How long the listing may take.
    static let timeout = Duration.seconds(10)

    /// The methods the server named (empty until it answered with a list of strings).
    private(set) var names: Set<String> = []
    /// Whether a connection came since the last listing was asked for.
    private var due = false
    /// The listing command in flight.
    private var command: CommandID?
    /// The engine ids of listing requests started and not finished, hidden from the panes.
    private var hidden: Set<MessageID> = []
    /// Listing requests asked for whose start was not seen yet.
    private var awaitingStart = 0

    /// A connection was made: the next tick asks again.
    mutating func connected() {
        due = true
    }

    /// The listing command when one is due.
    mutating func listingDue(id: CommandID) -> EngineCommand? {
        guard due, command == nil else { return nil }
        due = false
        command = id
        awaitingStart += 1
        return EngineCommand(id: id, kind: .sendRequest(method: Self.method, data: .null, timeout: Self.timeout))
    }

    /// Whether `id` is the listing command.
    func owns(_ id: CommandID) -> Bool { id == command }

    /// Takes the listing's result: a list of strings replaces the names; anything else (an Error
    /// such as MethodNotFound, a timeout, a refusal) leaves them.
    mutating func receive(_ result: CommandResult) {
        command = nil
        switch result.outcome {
        case .requestFinished(.response(.array(let items)), _):
            names = Set(items.compactMap(\.stringValue))
        case .refused:
            // Nothing was sent, so no start will come.
            awaitingStart = max(0, awaitingStart - 1)
        case .requestFinished, .notified:
            break
        }
    }

    /// Whether a request start is the listing's (then remembered, to hide its finish too).
    mutating func hides(_ start: RequestStart) -> Bool {
        guard awaitingStart > 0, start.direction == .outbound, start.method == Self.method else { return false }
        awaitingStart -= 1
        hidden.insert(start.id)
        return true
    }

    /// Whether a request finish is the listing's.
    mutating func hides(_ finish: RequestFinish) -> Bool {
        finish.direction == .outbound && hidden.remove(finish.id) != nil
    }
}
