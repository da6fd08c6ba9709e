import MushroomRPC

/// Answers `mushroom.methods` for every session, admin token or not: the sorted names of the
/// request methods the session can call, the built-in ones (`subscribe`, `unsubscribe`, this one,
/// and the admin methods for a session that carried the admin token) and the application's when
/// its handler lists them (`MethodListing`, as `RegistryDispatcher` and `MethodDispatcher` do).
/// Every other call goes to `wrapped`. Dashboards ask for it to complete method names.
struct MethodListHandler: RPCHandler {
    static let method = "mushroom.methods"

    /// The session's handler, built-in methods included.
    let wrapped: any RPCHandler
    /// The application's handler, asked for its names at each call.
    let application: any RPCHandler
    /// The built-in methods the session can call besides this one.
    let builtIns: [String]

    func handle(_ call: RPCCall) async throws -> JSONValue {
        guard call.method == Self.method else { return try await wrapped.handle(call) }
        let names = Set(builtIns + [Self.method] + ((application as? any MethodListing)?.listedMethodNames ?? []))
        return .array(names.sorted().map(JSONValue.string))
    }

    func handleNotifications(_ calls: [RPCCall]) async {
        await wrapped.handleNotifications(calls)
    }
}
