import MushroomRPC

/// The handler of every subscriber connection of `fanout`: counts the notifications the publisher
/// sent (`LoadOptions.fanoutMethod`) and records their delivery latency from the send time stamped
/// in their data (`{"sent": NANOSECONDS}`); other notifications are ignored, requests echoed.
/// What arrived together is counted together, where it arrived: one clock reading, one tally and
/// one gate update a read.
struct FanoutSubscriber: ImmediateNotificationHandler {
    let gate: DeliveryGate
    let timeline: LoadTimeline
    let recorder: LatencyRecorder
    let tally: LoadTally

    func handle(_ call: RPCCall) async throws -> JSONValue {
        guard call.kind == .notification else { return call.data }
        receiveNotifications([call])
        return .null
    }

    func receiveNotifications(_ calls: [RPCCall]) {
        let now = LoadTimeline.now()
        let counted = timeline.isMeasuring
        var delivered = 0
        for call in calls where call.method == LoadOptions.fanoutMethod {
            delivered += 1
            if counted, let sent = call.data["sent"]?.integerValue, sent >= 0, UInt64(sent) <= now {
                recorder.record(nanoseconds: now - UInt64(sent))
            }
        }
        guard delivered > 0 else { return }
        tally.update { counts in
            counts.delivered += delivered
            if counted { counts.measured += delivered }
        }
        gate.add(delivered)
    }
}
