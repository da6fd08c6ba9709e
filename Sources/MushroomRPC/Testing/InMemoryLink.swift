import Synchronization

/// Connects two engines without sockets, for tests and examples: every message is encoded to a
/// frame and parsed again on the other side, and the link can be cut and restored to simulate
/// a dropped connection (frames in flight are lost, as on a real one).
public final class InMemoryLink: Sendable {
    public let left: Engine
    public let right: Engine

    private struct Frame: Sendable {
        let bytes: [UInt8]
        let generation: Int
    }

    private struct LinkState {
        var generation = 0
        var connected = false
        var connections: (left: EngineConnection, right: EngineConnection)?
    }

    /// Shared with the pump tasks, which must not keep the link itself alive.
    private final class SharedState: Sendable {
        let state = Mutex(LinkState())
    }

    private let shared = SharedState()
    private let toRight: AsyncStream<Frame>.Continuation
    private let toLeft: AsyncStream<Frame>.Continuation

    public init(_ left: Engine, _ right: Engine) {
        self.left = left
        self.right = right
        let (rightBound, toRight) = AsyncStream<Frame>.makeStream()
        let (leftBound, toLeft) = AsyncStream<Frame>.makeStream()
        self.toRight = toRight
        self.toLeft = toLeft
        Task { [shared] in await Self.pump(rightBound, into: right, shared: shared) }
        Task { [shared] in await Self.pump(leftBound, into: left, shared: shared) }
    }

    deinit {
        toRight.finish()
        toLeft.finish()
    }

    /// Whether the link is up.
    public var isConnected: Bool { shared.state.withLock { $0.connected } }

    /// Opens the link: both engines attach and retransmit what the other has not acknowledged.
    public func connect() {
        let generation = shared.state.withLock { state in
            state.generation += 1
            state.connected = true
            return state.generation
        }
        let rightConnection = right.attach { [toLeft] message in toLeft.yield(Frame(bytes: message.frame, generation: generation)) }
        let leftConnection = left.attach { [toRight] message in toRight.yield(Frame(bytes: message.frame, generation: generation)) }
        shared.state.withLock { $0.connections = (leftConnection, rightConnection) }
    }

    /// Cuts the link: both engines detach, and frames still in flight are lost.
    public func disconnect() {
        let connections = shared.state.withLock { state in
            state.generation += 1
            state.connected = false
            defer { state.connections = nil }
            return state.connections
        }
        if let connections {
            left.detach(connections.left)
            right.detach(connections.right)
        }
    }

    private static func pump(_ frames: AsyncStream<Frame>, into engine: Engine, shared: SharedState) async {
        for await frame in frames {
            guard shared.state.withLock({ $0.generation == frame.generation }) else { continue }
            _ = try? engine.receive(frame: frame.bytes)
        }
    }
}
