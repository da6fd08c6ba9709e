/// Work that runs alongside a server for as long as it serves (a ticker, demo traffic): `run`
/// is started once the server listens and cancelled first when it shuts down.
public protocol ServerWorkload: Sendable {
    func run(sessions: SessionList) async
}
