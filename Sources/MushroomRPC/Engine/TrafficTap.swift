import Foundation

/// A consumer that must see every message an engine accepts or sends, and every change of its
/// transport, in order, and cheaply (a recording): installed with `Engine.tap(_:)`, it is called
/// synchronously where the engine counts its traffic, without an `EngineEvent` built or queued.
/// An inbound message comes with its own JSON text as it arrived, so that it need not be encoded
/// again.
///
/// Every method but `flush()` is called with the engine's locks held: it must only take note
/// (append to a buffer of its own) and return, and never call the engine. `flush()` is called
/// once the locks are released, after a message or change was tapped (after a whole read for
/// messages received `heldUntilEndOfRead`): the moment to wake whatever writes out what was noted.
public protocol TrafficTap: AnyObject, Sendable {
    /// The engine accepted `message` at `time` (Heartbeats included, duplicates not); `json` is its
    /// JSON text as it arrived, within its frame, or `nil` when the transport handed the engine a
    /// parsed message. `json` is valid only during the call.
    func received(_ message: Message, json: UnsafeRawBufferPointer?, at time: Date)
    /// The engine handed `message` to the transport at `time` (Heartbeats and retransmissions included).
    func sent(_ message: Message, at time: Date)
    /// The transport's connection changed at `time`; the first call is the latest change before
    /// the tap was installed, if there was one.
    func transportChanged(_ change: TransportEvent, at time: Date)
    /// The engine closed (after its `closed` change) or was released: nothing follows.
    func finished()
    /// What was tapped since the last flush may be written out now; no lock is held.
    func flush()
}

extension Engine {
    /// Has `tap` see every message in and out and every transport change from now on, beginning
    /// with the latest change; on an engine that has closed, it sees that change and finishes.
    /// Call it once, before the connection opens, to miss nothing.
    public func tap(_ tap: any TrafficTap) {
        hub.install(tap)
        tap.flush()
    }
}
