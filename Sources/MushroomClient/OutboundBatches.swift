import MushroomRPC

/// An attached connection's outbound messages as batches for an awaiting sender (the long-poll
/// transport POSTs each batch): `next()` waits for a wake-up and returns everything queued.
struct OutboundBatches: Sendable {
    let connection: EngineConnection
    let wakes: AsyncStream<Void>

    /// The messages queued since the last batch, waiting while there are none; `nil` once the
    /// connection has ended.
    func next() async -> [Message]? {
        var batch = connection.takeAllOutbound()
        var iterator = wakes.makeAsyncIterator()
        while batch.isEmpty {
            guard await iterator.next() != nil else { return nil }
            batch = connection.takeAllOutbound()
        }
        return batch
    }
}
