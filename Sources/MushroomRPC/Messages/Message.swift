/// A message id: each side numbers its own outbound messages from 0, without gaps.
public typealias MessageID = Int

/// One mushroom message: a JSON array whose first element is the message code.
///
/// Either side may send any of them; `Heartbeat` and `Disconnect` carry no id of their own.
public enum Message: Sendable, Hashable {
    case heartbeat(Heartbeat)
    case notification(Notification)
    case request(Request)
    case response(Response)
    case error(ErrorResponse)
    case disconnect

    /// The wire code of each message type.
    public enum Code: Int64, Sendable, CaseIterable {
        case heartbeat = 0
        case notification = 1
        case request = 2
        case response = 3
        case error = 4
        case disconnect = -1

        /// The message type's name, as used in errors and logs.
        public var name: String {
            switch self {
            case .heartbeat: "Heartbeat"
            case .notification: "Notification"
            case .request: "Request"
            case .response: "Response"
            case .error: "Error"
            case .disconnect: "Disconnect"
            }
        }
    }

    /// `[0, last_message_id]`: acknowledges every message up to `lastMessageID` (none yet when `nil`).
    public struct Heartbeat: Sendable, Hashable {
        public static let code = Code.heartbeat
        public var lastMessageID: MessageID?
        public init(lastMessageID: MessageID?) { self.lastMessageID = lastMessageID }
    }

    /// `[1, message_id, method, data]`: a call that expects no answer; `[1, message_id, method,
    /// data, position]` when it carries its place in a cluster's stream (`StreamPosition`).
    ///
    /// A notification made with `init(broadcasting:data:position:)` carries its method, data and
    /// position already encoded, in one object every copy shares: a broadcast is encoded once,
    /// not once per peer, and a copy costs one reference.
    public struct Notification: Sendable, Hashable {
        public static let code = Code.notification
        public var id: MessageID
        public var method: String {
            get { broadcast?.method ?? ownMethod }
            set {
                unshare()
                ownMethod = newValue
            }
        }
        public var data: JSONValue {
            get { broadcast?.data ?? ownData }
            set {
                unshare()
                ownData = newValue
            }
        }
        /// Its place in a cluster's stream, for a client that asked for positions.
        public var position: StreamPosition? {
            get {
                if let broadcast { return broadcast.position }
                return ownPosition
            }
            set {
                unshare()
                ownPosition = newValue
            }
        }
        private var ownMethod: String
        private var ownData: JSONValue
        private var ownPosition: StreamPosition?
        /// What every copy of a broadcast shares, in place of its own method, data and position:
        /// a copy then costs one reference, not one per field.
        private var broadcast: SharedBroadcast?

        /// `"method",data]` (or `"method",data,position]`): the frame after the id, when encoded
        /// ahead (not part of the identity).
        var encodedTail: [UInt8]? { broadcast?.encodedTail }

        public init(id: MessageID, method: String, data: JSONValue = .null, position: StreamPosition? = nil) {
            self.id = id
            self.ownMethod = method
            self.ownData = data
            self.ownPosition = position
        }

        /// A notification to be sent to many peers, each copy numbered by its own engine
        /// (`Engine.notify(_:)`); `method`, `data` and `position` are encoded here, once for all
        /// of them. Throws for data nested deeper than a message may carry.
        public init(broadcasting method: String, data: JSONValue = .null, position: StreamPosition? = nil) throws(DataTooDeep) {
            try Message.checkDepth(of: data)
            self.init(id: 0, method: "", data: .null)
            broadcast = SharedBroadcast(method: method, data: data, position: position)
        }

        /// This notification numbered `id`: a peer's copy of a broadcast.
        func numbered(_ id: MessageID) -> Self {
            var copy = self
            copy.id = id
            return copy
        }

        /// Turns a shared broadcast back into fields of its own, before one of them changes.
        private mutating func unshare() {
            guard let broadcast else { return }
            ownMethod = broadcast.method
            ownData = broadcast.data
            ownPosition = broadcast.position
            self.broadcast = nil
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.id == rhs.id && lhs.method == rhs.method && lhs.data == rhs.data && lhs.position == rhs.position
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(id)
            hasher.combine(method)
            hasher.combine(data)
            hasher.combine(position)
        }
    }

    /// `[2, message_id, method, data]`: a call answered by a Response or an Error.
    public struct Request: Sendable, Hashable {
        public static let code = Code.request
        public var id: MessageID
        public var method: String
        public var data: JSONValue
        public init(id: MessageID, method: String, data: JSONValue = .null) {
            self.id = id
            self.method = method
            self.data = data
        }
    }

    /// `[3, message_id, request_message_id, data]`: the successful answer to a Request.
    public struct Response: Sendable, Hashable {
        public static let code = Code.response
        public var id: MessageID
        public var requestID: MessageID
        public var data: JSONValue
        public init(id: MessageID, requestID: MessageID, data: JSONValue = .null) {
            self.id = id
            self.requestID = requestID
            self.data = data
        }

        /// The Response answering `request`, numbered `id`.
        public static func forRequest(_ request: Request, id: MessageID, data: JSONValue) -> Response {
            Response(id: id, requestID: request.id, data: data)
        }
    }

    /// `[4, message_id, request_message_id, data]`: the failed answer to a Request.
    public struct ErrorResponse: Sendable, Hashable {
        public static let code = Code.error
        public var id: MessageID
        public var requestID: MessageID
        public var data: JSONValue
        public init(id: MessageID, requestID: MessageID, data: JSONValue = .null) {
            self.id = id
            self.requestID = requestID
            self.data = data
        }

        /// The Error answering `request`, numbered `id`.
        public static func forRequest(_ request: Request, id: MessageID, data: JSONValue) -> ErrorResponse {
            ErrorResponse(id: id, requestID: request.id, data: data)
        }
    }

    /// This message's code.
    public var code: Code {
        switch self {
        case .heartbeat: .heartbeat
        case .notification: .notification
        case .request: .request
        case .response: .response
        case .error: .error
        case .disconnect: .disconnect
        }
    }

    /// This message's own id; `nil` for Heartbeat and Disconnect.
    public var id: MessageID? {
        switch self {
        case .notification(let message): message.id
        case .request(let message): message.id
        case .response(let message): message.id
        case .error(let message): message.id
        case .heartbeat, .disconnect: nil
        }
    }

    /// The method name of a Notification or Request.
    public var method: String? {
        switch self {
        case .notification(let message): message.method
        case .request(let message): message.method
        default: nil
        }
    }

    /// The payload of a Notification, Request, Response or Error.
    public var data: JSONValue? {
        switch self {
        case .notification(let message): message.data
        case .request(let message): message.data
        case .response(let message): message.data
        case .error(let message): message.data
        case .heartbeat, .disconnect: nil
        }
    }
}

extension Message: CustomStringConvertible {
    /// The compact wire form.
    public var description: String { String(decoding: frame, as: UTF8.self) }
}
