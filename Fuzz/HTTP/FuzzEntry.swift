// libFuzzer entry point for the server's I/O-free HTTP request checks (the first request head,
// the bootstrap body, Host and session-id validation); built by scripts/fuzz.sh http together
// with Tests/MushroomServerTests/HTTPRequestProperty.swift, never by the normal `swift build`.

/// Runs the checks on one input and traps (a finding for libFuzzer) when the property fails.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    if let violation = HTTPRequestProperty.violation(for: bytes) {
        preconditionFailure("HTTP request property violated: \(violation)")
    }
    return 0
}
