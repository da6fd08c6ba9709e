import MushroomClient
import MushroomRPC
import MushroomWebSocket
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Many idle WebSocket sessions on one server, as cheap for the client as a session can be, so
/// that 10,000 of them in one process can count a broadcast at the rate a server sends it: no
/// engine and no task per session; each socket's frames are read by the shared
/// `MushroomWebSocketHandler` on its event loop, and its link only counts the
/// `LoadOptions.fanoutMethod` notifications (reading the frame's first bytes, not parsing it) and
/// acknowledges what arrived with one Heartbeat every `acknowledgeEvery` messages, as a
/// `MushroomClient` does by default, so that the server's buffers stay bounded.
/// Sessions that never subscribed receive every broadcast.
///
/// ```swift
/// let sessions = try await IdleSessions.open(url: "http://127.0.0.1:8080/", count: 10_000)
/// sessions.expect(perSession: 1)
/// // ... one broadcast of bench.fanout ...
/// let reached = await sessions.waitUntilEachReceived(timeout: .seconds(10))
/// await sessions.close()
/// ```
public final class IdleSessions: Sendable {
    /// How many sessions open at once (a bootstrap and an upgrade each).
    static let openingAtOnce = 64
    /// How many messages a session acknowledges at once: a `MushroomClient`'s default batch.
    static let acknowledgeEvery = ClientConfiguration().acknowledgeEveryMessages

    private let handles: [IdleSession.Handle]
    private let tally: IdleSessionTally

    private init(handles: [IdleSession.Handle], tally: IdleSessionTally) {
        self.handles = handles
        self.tally = tally
    }

    /// Bootstraps and opens `count` WebSocket sessions at the bootstrap URL `url`, at most
    /// `openingAtOnce` at a time. On a failure the sessions already open are closed and the first
    /// error is rethrown (a `BootstrapError`, a connection error, or `IdleSessionRefused`).
    public static func open(url: String, count: Int, timeout: Duration = .seconds(10)) async throws -> IdleSessions {
        let tally = IdleSessionTally()
        let handles = try await LoadClients.open(count, atOnce: openingAtOnce, closing: { await IdleSessions(handles: $0, tally: tally).close() }) {
            try await IdleSession.open(url: url, timeout: timeout, tally: tally)
        }
        return IdleSessions(handles: handles, tally: tally)
    }

    /// The number of open sessions.
    public var count: Int { handles.count }

    /// `LoadOptions.fanoutMethod` notifications received so far, over every session.
    public var delivered: Int { tally.delivered.load(ordering: .relaxed) }

    /// Sockets the server closed (or that failed) before `close()`.
    public var dropped: Int { tally.dropped.load(ordering: .relaxed) }

    /// Starts a round: every session is to receive `perSession` more notifications; the time each
    /// takes from now is recorded in `latency` when `recording`.
    public func expect(perSession: Int, recording: Bool = false) {
        tally.startRound(adding: perSession, sessions: handles.count, recording: recording)
    }

    /// Waits until every session received what `expect` asked for, or `timeout` passed; returns
    /// how many sessions did.
    public func waitUntilEachReceived(timeout: Duration) async -> Int {
        await tally.waitForRound(sessions: handles.count, timeout: timeout)
    }

    /// How long the last complete round took, from `expect` to the last session that received
    /// all of it, in seconds (0 while no round completed).
    public var lastRoundSeconds: Double { tally.roundSeconds }

    /// The time each session took to receive a round, over the rounds recorded.
    public var latency: LatencySummary { tally.latency.summary }

    /// Each session says Disconnect and closes its socket (the server ends the session); returns
    /// once every socket closed, or after 10 s.
    public func close() async {
        tally.leaving.store(true, ordering: .relaxed)
        for handle in handles { handle.socket?.close(.normalClosure, reason: "") }
        let deadline = ContinuousClock.now + .seconds(10)
        for handle in handles {
            while handle.channel.isActive, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
            if handle.channel.isActive { handle.channel.close(promise: nil) }
        }
    }
}

/// The server refused to upgrade a session URL it had just given out.
public struct IdleSessionRefused: Error, CustomStringConvertible {
    public let url: String
    public var description: String { "the server refused to open the WebSocket of session \(url)" }
}

/// What every idle session of a run counts into: notifications, rounds, dropped sockets.
final class IdleSessionTally: Sendable {
    let delivered = Atomic<Int>(0)
    let dropped = Atomic<Int>(0)
    let leaving = Atomic<Bool>(false)
    /// How many notifications each session is to have received by the end of the round.
    let target = Atomic<Int>(0)
    let latency = LatencyRecorder()
    private let recording = Atomic<Bool>(false)
    private let roundStart = Atomic<UInt64>(0)
    /// When the last session of the round received it.
    private let roundEnd = Atomic<UInt64>(0)
    /// Sessions that received the whole of a round, over every round, and that count at the end
    /// of the current round.
    private let completed = Atomic<Int>(0)
    private let goal = Atomic<Int>(0)

    func startRound(adding perSession: Int, sessions: Int, recording: Bool) {
        self.recording.store(recording, ordering: .relaxed)
        goal.add(sessions, ordering: .relaxed)
        roundStart.store(LoadTimeline.now(), ordering: .relaxed)
        target.add(perSession, ordering: .releasing)
    }

    /// A session received the whole round.
    func sessionCompletedRound() {
        let now = LoadTimeline.now()
        if recording.load(ordering: .relaxed) { latency.record(nanoseconds: now - roundStart.load(ordering: .relaxed)) }
        if completed.add(1, ordering: .relaxed).newValue == goal.load(ordering: .relaxed) {
            roundEnd.store(now, ordering: .relaxed)
        }
    }

    /// Waits (looking every millisecond) until every session received the round, or `timeout`
    /// passed; returns how many sessions did.
    func waitForRound(sessions: Int, timeout: Duration) async -> Int {
        let goal = goal.load(ordering: .relaxed)
        let deadline = ContinuousClock.now + timeout
        while completed.load(ordering: .relaxed) < goal, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(1))
        }
        return sessions - max(0, goal - completed.load(ordering: .relaxed))
    }

    /// How long the last complete round took, from its start to its last session, in seconds.
    var roundSeconds: Double {
        let (start, end) = (roundStart.load(ordering: .relaxed), roundEnd.load(ordering: .relaxed))
        return end > start ? Double(end - start) / 1e9 : 0
    }
}

/// One idle session's link to its socket's `MushroomWebSocketHandler`, on the socket's event loop.
final class IdleSession: WebSocketLink {
    /// What the coordinator keeps of a session: its channel, and its socket once open.
    final class Handle: Sendable {
        let channel: any Channel
        private let opened = Mutex<WebSocketSocket?>(nil)

        init(channel: any Channel) {
            self.channel = channel
        }

        var socket: WebSocketSocket? { opened.withLock { $0 } }

        fileprivate func open(_ socket: WebSocketSocket) {
            opened.withLock { $0 = socket }
        }
    }

    /// The frame prefix of a notification of `LoadOptions.fanoutMethod` after its id: `,"bench.fanout"`.
    private static let methodPrefix = Array(",\"\(LoadOptions.fanoutMethod)\"".utf8)

    private let tally: IdleSessionTally
    private let handle: Handle
    private var socket: WebSocketSocket?
    private var received = 0
    private var lastID: MessageID?
    private var acknowledgedID: MessageID?
    /// Messages with an id since the last Heartbeat.
    private var unacknowledged = 0

    private init(tally: IdleSessionTally, handle: Handle) {
        self.tally = tally
        self.handle = handle
    }

    /// Bootstraps a WebSocket session at `url` and opens it.
    static func open(url: String, timeout: Duration, tally: IdleSessionTally) async throws -> Handle {
        let answer = try await Bootstrapper(url: url, timeout: timeout).run(transports: [.webSocket])
        let target = answer.session
        let (handle, upgraded) = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(timeout))
            .connect(host: target.host, port: target.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handle = Handle(channel: channel)
                    let upgrader = MushroomWebSocketClientUpgrader<NIOLoopBound<MushroomWebSocketHandler>?> { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            let link = IdleSession(tally: tally, handle: handle)
                            let handler = MushroomWebSocketHandler(role: .client, link: link, validatesUTF8: false)
                            try channel.pipeline.syncOperations.addMushroomWebSocketHandlers(
                                handler, maximumMessageSize: RawEchoServer.maximumFrameSize, keepalive: nil)
                            return NIOLoopBound(handler, eventLoop: channel.eventLoop)
                        }
                    }
                    var headers = HTTPHeaders()
                    headers.add(name: "Host", value: target.hostHeader)
                    let request = HTTPRequestHead(version: .http1_1, method: .GET, uri: target.target, headers: headers)
                    var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: .init(
                        upgradeRequestHead: request, upgraders: [upgrader]) { $0.eventLoop.makeSucceededFuture(nil) })
                    pipeline.leftOverBytesStrategy = .forwardBytes
                    let upgraded = try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: pipeline)
                    upgraded.assumeIsolated().whenSuccess { $0?.value.start() }
                    return (handle, upgraded)
                }
            }
        guard try await upgraded.get() != nil else {
            handle.channel.close(promise: nil)
            throw IdleSessionRefused(url: target.url)
        }
        return handle
    }

    func open(_ socket: WebSocketSocket) {
        self.socket = socket
        handle.open(socket)
    }

    /// A Heartbeat for what arrived since the last one; a Disconnect once the run is leaving.
    func takeOutbound() -> [Message] {
        var messages: [Message] = []
        if lastID != acknowledgedID {
            acknowledgedID = lastID
            unacknowledged = 0
            messages.append(.heartbeat(.init(lastMessageID: lastID)))
        }
        if tally.leaving.load(ordering: .relaxed) { messages.append(.disconnect) }
        return messages
    }

    /// Reads the code and id at the start of a frame (`[1,17,"bench.fanout",...`); counts the
    /// notifications of `LoadOptions.fanoutMethod`.
    func receive(text: ByteBufferView) -> WebSocketVerdict {
        let isFanout = text.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count > 3, bytes[0] == UInt8(ascii: "["), bytes[2] == UInt8(ascii: ","),
                  (UInt8(ascii: "1")...UInt8(ascii: "4")).contains(bytes[1]) else { return false }
            var index = 3
            var id = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                id = id &* 10 &+ Int(bytes[index] &- UInt8(ascii: "0"))
                index += 1
            }
            guard index > 3 else { return false }
            lastID = max(lastID ?? id, id)
            unacknowledged += 1
            let method = Self.methodPrefix
            return bytes[1] == UInt8(ascii: "1") && bytes.count - index >= method.count
                && bytes[index..<(index + method.count)].elementsEqual(method)
        } ?? false
        guard isFanout else { return .proceed }
        received += 1
        tally.delivered.add(1, ordering: .relaxed)
        if received == tally.target.load(ordering: .acquiring) { tally.sessionCompletedRound() }
        return .proceed
    }

    /// Asks for a Heartbeat (`takeOutbound`) once `acknowledgeEvery` messages arrived since the last.
    func readComplete() {
        if unacknowledged >= IdleSessions.acknowledgeEvery { socket?.wake() }
    }

    func reject(_ description: String) -> WebSocketVerdict {
        .proceed
    }

    func closed(_ closure: WebSocketClosure) {
        if !tally.leaving.load(ordering: .relaxed) { tally.dropped.add(1, ordering: .relaxed) }
    }
}
