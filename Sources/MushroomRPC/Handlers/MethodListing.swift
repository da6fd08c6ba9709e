/// A handler that can name the request methods it answers, so that a server can list them
/// (the Swift server's `mushroom.methods`).
public protocol MethodListing: RPCHandler {
    /// The request methods callers can use, sorted.
    var listedMethodNames: [String] { get }
}

extension RegistryDispatcher: MethodListing {
    public var listedMethodNames: [String] { methodNames }
}

extension MethodDispatcher: MethodListing {
    public var listedMethodNames: [String] { exposedMethodNames }
}
