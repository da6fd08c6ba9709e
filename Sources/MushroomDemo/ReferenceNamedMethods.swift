import MushroomRPC

/// Registered methods that answer an unknown name like the reference's
/// `MethodDispatcher(prefix="rpc_")`, with the looked-up name (`"rpc_nope"`), and list their
/// names for the server's `mushroom.methods`.
struct ReferenceNamedMethods: MethodListing {
    let registry: RegistryDispatcher
    /// The prefix put before an unknown name.
    let prefix: String

    var listedMethodNames: [String] { registry.methodNames }

    func handle(_ call: RPCCall) async throws -> JSONValue {
        do {
            return try await registry.handle(call)
        } catch let error as MethodNotFound where error.methodName == call.method {
            throw MethodNotFound(prefix + call.method)
        }
    }
}
