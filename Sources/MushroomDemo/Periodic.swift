/// Calls `body` with 1, 2, 3... every `interval` until the task is cancelled.
func repeatEvery(_ interval: Duration, _ body: (Int64) async -> Void) async {
    var count: Int64 = 0
    while !Task.isCancelled {
        do {
            try await Task.sleep(for: interval)
        } catch {
            return
        }
        count += 1
        await body(count)
    }
}
