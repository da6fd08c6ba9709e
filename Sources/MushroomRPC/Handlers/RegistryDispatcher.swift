/// A handler with methods registered by name; a name can be registered once.
///
/// ```swift
/// var registry = RegistryDispatcher()
/// try registry.register("echo") { call in call.data }
/// let engine = Engine(handler: registry)
/// ```
public struct RegistryDispatcher: RPCHandler {
    public typealias Method = @Sendable (RPCCall) async throws -> JSONValue

    /// Registering a name twice.
    public struct DuplicateMethod: Error, Hashable, CustomStringConvertible {
        public let name: String
        public var description: String { "method '\(name)' is already registered" }
    }

    private var methods: [String: Method] = [:]

    public init() {}

    /// The registered names, sorted.
    public var methodNames: [String] { methods.keys.sorted() }

    /// Adds `method` under `name`; throws `DuplicateMethod` if the name is taken.
    public mutating func register(_ name: String, _ method: @escaping Method) throws(DuplicateMethod) {
        guard methods[name] == nil else { throw DuplicateMethod(name: name) }
        methods[name] = method
    }

    public func handle(_ call: RPCCall) async throws -> JSONValue {
        guard let method = methods[call.method] else { throw MethodNotFound(call.method) }
        return try await method(call)
    }
}
