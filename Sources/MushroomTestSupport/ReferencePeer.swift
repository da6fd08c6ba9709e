import Foundation
import Synchronization

/// The reference Python mushroom server, started through `scripts/peer/run-peer.sh` on a free
/// loopback port and stopped with `stop()` (or when the value is released).
///
/// ```swift
/// let peer = try await ReferencePeer.start(tickMilliseconds: 0)
/// defer { peer.stop() }
/// let client = try await MushroomClient.connect(url: peer.url)
/// ```
public final class ReferencePeer: Sendable {
    /// The bootstrap URL, `http://127.0.0.1:PORT/`.
    public let url: String
    public let port: Int
    private let child: RunningChild

    /// The launcher in this repository (override with `MUSHROOM_PEER_SCRIPT`).
    public static var launcher: String {
        if let script = ProcessInfo.processInfo.environment["MUSHROOM_PEER_SCRIPT"] { return script }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("scripts/peer/run-peer.sh").path
    }

    /// Starts the peer. `tickMilliseconds` 0 turns the ticker off; `token` requires bootstrap auth
    /// `{"token": token}`; `pollTimeout` shortens how long the server holds an idle poll (seconds).
    /// The first start installs the server into a virtualenv, which can take a while.
    public static func start(
        tickMilliseconds: Int = 200, token: String? = nil, pollTimeout: Double? = nil,
        startupTimeout: Duration = .seconds(180)
    ) async throws -> ReferencePeer {
        if let reason = InteropGate.unavailableReason { throw InteropUnavailable(reason: reason) }
        var environment = ProcessInfo.processInfo.environment
        environment["PEER_TICK_MS"] = String(tickMilliseconds)
        environment["PEER_TOKEN"] = token
        environment["PEER_POLL_TIMEOUT"] = pollTimeout.map { String($0) }
        let child = try RunningChild(["/bin/bash", launcher, "127.0.0.1:0"], environment: environment)
        let port: Int
        do {
            let url = try await child.output.waitForServerURL(of: child, named: "the reference server", timeout: startupTimeout) {
                ReferencePeerFailed(description: $0)
            }
            guard let parsed = URL(string: url)?.port else { throw ReferencePeerFailed(description: "the reference server printed no port: \(url)") }
            port = parsed
        } catch {
            child.send(SIGKILL)
            throw error
        }
        return ReferencePeer(url: "http://127.0.0.1:\(port)/", port: port, child: child)
    }

    private init(url: String, port: Int, child: RunningChild) {
        self.url = url
        self.port = port
        self.child = child
    }

    /// What the server wrote on stderr so far (its log).
    public var log: String { child.output.stderr }

    /// Stops the server (SIGKILL: it holds nothing worth a clean shutdown); its thread reaps it.
    public func stop() {
        child.send(SIGKILL)
    }

    deinit { stop() }
}

/// The peer failed to start.
public struct ReferencePeerFailed: Error, CustomStringConvertible {
    public let description: String
}

