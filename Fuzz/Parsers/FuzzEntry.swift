// libFuzzer entry point for the MushroomRPC wire parsers; built by scripts/fuzz.sh parsers together
// with Tests/MushroomRPCTests/ParserProperty.swift, never by the normal `swift build`.

/// Runs both parsers on one input and traps (a finding for libFuzzer) when the property fails.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    if let violation = ParserProperty.violation(for: bytes) {
        preconditionFailure("parser property violated: \(violation)")
    }
    return 0
}
