import MushroomRPC

/// What one server's engine published since the last drain: its index
/// (`DashboardConfiguration.servers`) and its subscription's batch.
public struct ServerBatch: Sendable {
    public let server: Int
    public let batch: EventSubscription.Batch

    public init(server: Int, batch: EventSubscription.Batch) {
        self.server = server
        self.batch = batch
    }
}

extension DashboardModel {
    /// Takes in the batches of several servers drained together: each server's dropped
    /// notifications first (as `ingest(_:from:)` does), then every event in time order across
    /// the servers, so that the merged stream is in the order things happened (each batch is
    /// in its own order already; equal times keep the servers' order).
    public mutating func ingest(_ batches: [ServerBatch]) {
        if batches.count == 1, let only = batches.first { return ingest(only.batch, from: only.server) }
        for batch in batches where batch.batch.droppedNotifications != nil {
            ingest(EventSubscription.Batch(events: [], droppedNotifications: batch.batch.droppedNotifications), from: batch.server)
        }
        var next = Array(repeating: 0, count: batches.count)
        while true {
            var earliest: Int?
            for index in batches.indices where next[index] < batches[index].batch.events.count {
                let time = batches[index].batch.events[next[index]].time
                if earliest.map({ time < batches[$0].batch.events[next[$0]].time }) ?? true { earliest = index }
            }
            guard let index = earliest else { return }
            ingest(batches[index].batch.events[next[index]], from: batches[index].server)
            next[index] += 1
        }
    }
}
