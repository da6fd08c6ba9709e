import MushroomRPC

/// Times each inbound request's handling (the wrapped handler's `handle`, built-in methods
/// included) into `mushroom_request_duration_seconds`; notifications pass through untimed.
struct RequestTimingHandler: RPCHandler {
    let wrapped: any RPCHandler
    let metrics: ServerMetrics

    func handle(_ call: RPCCall) async throws -> JSONValue {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let answer = try await wrapped.handle(call)
            metrics.recordRequest(call.method, known: true, duration: clock.now - start)
            return answer
        } catch let notFound as MethodNotFound {
            metrics.recordRequest(call.method, known: false, duration: clock.now - start)
            throw notFound
        } catch {
            metrics.recordRequest(call.method, known: true, duration: clock.now - start)
            throw error
        }
    }

    func handleNotifications(_ calls: [RPCCall]) async {
        await wrapped.handleNotifications(calls)
    }
}
