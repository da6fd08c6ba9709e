import MushroomRPC

/// The handler of every subscriber connection of `fanout`: counts the notifications the publisher
/// sent (`LoadOptions.fanoutMethod`) and records their delivery latency from the send time stamped
/// in their data (`{"sent": NANOSECONDS}`); other notifications are ignored, requests echoed.
struct FanoutSubscriber: RPCHandler {
    let gate: DeliveryGate
    let timeline: LoadTimeline
    let recorder: LatencyRecorder
    let tally: LoadTally

    func handle(_ call: RPCCall) async throws -> JSONValue {
        guard call.kind == .notification else { return call.data }
        guard call.method == LoadOptions.fanoutMethod else { return .null }
        let now = LoadTimeline.now()
        let counted = timeline.isMeasuring
        if counted, let sent = call.data["sent"]?.integerValue, sent >= 0, UInt64(sent) <= now {
            recorder.record(nanoseconds: now - UInt64(sent))
        }
        tally.update { counts in
            counts.delivered += 1
            if counted { counts.measured += 1 }
        }
        gate.add()
        return .null
    }
}
