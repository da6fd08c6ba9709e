import AsyncHTTPClient
import Foundation
import Logging
import MushroomRPC
import NIOCore
import NIOWebSocket
import Synchronization
import WSClient

/// The soak's slow consumers, raw clients that fall behind until the server cuts them:
/// - over WebSocket, a client that stops reading (its socket is not read, so its TCP window
///   fills) and never acknowledges; once its session has ended it reads everything the server had
///   written: exactly the bound's worth of messages, ids 0 up, then a close 1008;
/// - over long poll, a client that never polls; its session ends once the bound is reached.
///
/// Whether a session still lives is asked without touching its transport: a POST to a WebSocket
/// session's URL answers 400 while it lives, a body without heartbeat (`[]`) on a long-poll
/// session answers `null`; both answer 404 once the session has ended.
struct SlowConsumers: Sendable {
    let serverURL: String
    let bound: Int
    let tally: SoakTally
    /// How long a slow consumer may wait to be cut before it counts as a failure.
    var cutTimeout: Duration = .seconds(120)
    let clock = ContinuousClock()

    /// WebSocket slow consumers, one after the other, until `deadline`.
    func webSocket(until deadline: ContinuousClock.Instant) async {
        while clock.now < deadline {
            do {
                try await stalledWebSocket()
            } catch {
                tally.fail("WebSocket slow consumer: \(error)")
            }
        }
    }

    /// Long-poll slow consumers, one after the other, until `deadline`.
    func poll(until deadline: ContinuousClock.Instant) async {
        while clock.now < deadline {
            do {
                try await silentPoll()
            } catch {
                tally.fail("long-poll slow consumer: \(error)")
            }
        }
    }

    private func stalledWebSocket() async throws {
        let url = try await bootstrap(transport: "ws")
        let id = sessionID(of: url)
        let probeURL = "http://" + url.dropFirst("ws://".count)
        tally.slowConsumerStarted()
        let received = ReceivedIDs()
        let close = try await WebSocketClient.connect(
            url: url, configuration: .init(maxFrameSize: 1 << 20), logger: Logger(label: "soak.slow-consumer")
        ) { [self] inbound, _, _ in
            // Stalled: nothing is read, nothing acknowledged, until the server has ended the session.
            try await waitUntilEnded(probeURL, aliveStatus: 400, body: nil)
            for try await message in inbound.messages(maxSize: 1 << 20) {
                guard case .text(let text) = message else { continue }
                received.append(try Message(frame: Array(text.utf8)))
            }
        }
        let ids = received.ids
        guard ids == Array(0..<bound) else {
            throw SlowConsumerNotCut(description: "session \(id) received ids \(Self.summary(ids)) before its close, not 0..<\(bound)")
        }
        let reason = "slow consumer: \(bound) messages waiting for acknowledgement"
        guard close?.closeCode == .policyViolation, close?.reason == reason else {
            throw SlowConsumerNotCut(description: "session \(id) was closed with \(String(describing: close?.closeCode)) '\(close?.reason ?? "")', not 1008 '\(reason)'")
        }
        tally.slowConsumerCut(sessionID: id)
    }

    private func silentPoll() async throws {
        let url = try await bootstrap(transport: "poll")
        tally.slowConsumerStarted()
        try await waitUntilEnded(url, aliveStatus: 200, body: "[]")
        tally.slowConsumerCut(sessionID: sessionID(of: url))
    }

    /// Asks twice a second whether the session at `url` lives, until it answers 404 (with the
    /// exact unknown-session sentence).
    private func waitUntilEnded(_ url: String, aliveStatus: Int, body: String?) async throws {
        let id = sessionID(of: url)
        let deadline = clock.now + cutTimeout
        while clock.now < deadline {
            let (status, text) = try await post(url, body ?? "")
            switch status {
            case aliveStatus:
                try await Task.sleep(for: .milliseconds(500))
            case 404:
                let expected = "unknown session '\(id)': it never existed or has ended; bootstrap again\n"
                guard text == expected else { throw SlowConsumerNotCut(description: "session \(id) ended, answering '\(text)'") }
                return
            default:
                throw SlowConsumerNotCut(description: "session \(id) answered \(status) '\(text)' while waiting to be cut")
            }
        }
        throw SlowConsumerNotCut(description: "session \(id) was not cut within \(cutTimeout)")
    }

    private func bootstrap(transport: String) async throws -> String {
        let (status, text) = try await post(serverURL, #"{"transports": ["\#(transport)"]}"#)
        guard status == 200, let url = (try? JSONValue(parsing: Array(text.utf8)))?["url"]?.stringValue else {
            throw SlowConsumerNotCut(description: "bootstrap answered \(status) '\(text)'")
        }
        return url
    }

    private func post(_ url: String, _ body: String) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    private func sessionID(of url: String) -> String {
        String(url.split(separator: "/").last ?? "")
    }

    /// `0...199` for a gapless run, the list itself otherwise (shortened).
    private static func summary(_ ids: [Int]) -> String {
        if let first = ids.first, let last = ids.last, ids == Array(first...last) { return "\(first)...\(last)" }
        return ids.count > 20 ? "\(ids.prefix(10))... (\(ids.count))" : "\(ids)"
    }
}

/// The message ids a slow consumer read, in order.
private final class ReceivedIDs: Sendable {
    private let storage = Mutex<[Int]>([])

    func append(_ message: Message) {
        guard let id = message.id else { return }
        storage.withLock { $0.append(id) }
    }

    var ids: [Int] { storage.withLock { $0 } }
}

/// A slow consumer was not cut the way the bound says.
struct SlowConsumerNotCut: Error, CustomStringConvertible {
    let description: String
}
