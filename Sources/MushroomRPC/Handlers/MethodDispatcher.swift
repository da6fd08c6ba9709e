/// A type whose instances answer RPC calls through methods it lists explicitly.
///
/// Swift has no `getattr`, and exposing methods by reflection would expose too much. Instead the
/// type lists its callable methods by attribute name; nothing else can ever be called.
///
/// ```swift
/// final class Peer: RPCExposing {
///     static let rpcMethods: RPCMethodTable<Peer> = [
///         "rpc_echo": Peer.rpcEcho,
///         "rpc_add": Peer.rpcAdd,
///     ]
///     func rpcEcho(_ call: RPCCall) async throws -> JSONValue { call.data }
///     ...
/// }
/// let handler = MethodDispatcher(Peer())   // "echo" calls rpc_echo
/// ```
public protocol RPCExposing: Sendable {
    /// The callable methods by attribute name (prefix and suffix included, as with Python's `getattr`).
    static var rpcMethods: RPCMethodTable<Self> { get }
}

/// An explicit list of an `RPCExposing` type's callable methods, keyed by attribute name.
public struct RPCMethodTable<Object>: Sendable, ExpressibleByDictionaryLiteral {
    public typealias Method = @Sendable (Object) -> @Sendable (RPCCall) async throws -> JSONValue

    let methods: [String: Method]

    public init(dictionaryLiteral elements: (String, Method)...) {
        methods = Dictionary(elements, uniquingKeysWith: { first, _ in first })
    }

    /// The attribute names in the table, sorted.
    public var attributeNames: [String] { methods.keys.sorted() }
}

/// Maps a call of method `name` to the object's attribute `prefix + name + suffix`
/// (the reference's `MethodDispatcher(obj, prefix='rpc_', suffix='')`).
///
/// A table entry whose name lacks the prefix or suffix can never be reached, and an unknown
/// method answers `MethodNotFound` with the looked-up attribute name, e.g. `"rpc_nope"`.
public struct MethodDispatcher<Object: RPCExposing>: RPCHandler {
    public let object: Object
    public let prefix: String
    public let suffix: String

    public init(_ object: Object, prefix: String = "rpc_", suffix: String = "") {
        self.object = object
        self.prefix = prefix
        self.suffix = suffix
    }

    /// The method names callers can use (attribute names with the prefix and suffix removed), sorted.
    public var exposedMethodNames: [String] {
        Object.rpcMethods.attributeNames.compactMap { attribute in
            guard attribute.count >= prefix.count + suffix.count,
                attribute.hasPrefix(prefix), attribute.hasSuffix(suffix)
            else { return nil }
            return String(attribute.dropFirst(prefix.count).dropLast(suffix.count))
        }
    }

    public func handle(_ call: RPCCall) async throws -> JSONValue {
        let attribute = prefix + call.method + suffix
        guard let method = Object.rpcMethods.methods[attribute] else { throw MethodNotFound(attribute) }
        return try await method(object)(call)
    }
}
