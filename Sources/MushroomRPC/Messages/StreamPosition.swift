/// Where a notification stands in a cluster's stream of publications: `offset` numbers the
/// publications of one `epoch` (one lifetime of the cluster's log) contiguously from 1. A client
/// that kept the position of the last notification it received can ask a node for everything
/// after it (recovery); a position of another epoch cannot be recovered.
///
/// On the wire it is a notification's optional fifth element, `{"epoch": E, "offset": N}`, sent
/// only to a client that asked for positions, so that other clients see the four-element form.
public struct StreamPosition: Sendable, Hashable, CustomStringConvertible {
    public var epoch: String
    public var offset: Int64

    public init(epoch: String, offset: Int64) {
        self.epoch = epoch
        self.offset = offset
    }

    /// `{"epoch": E, "offset": N}`.
    public var json: JSONValue { ["epoch": .string(epoch), "offset": .integer(offset)] }

    /// The position `json` describes; `nil` unless it is an object with a string epoch and a
    /// non-negative integer offset.
    public init?(json: JSONValue) {
        guard case .object(let fields) = json, fields.count == 2, case .string(let epoch)? = fields["epoch"],
              case .integer(let offset)? = fields["offset"], offset >= 0 else { return nil }
        self.init(epoch: epoch, offset: offset)
    }

    public var description: String { "\(epoch):\(offset)" }
}
