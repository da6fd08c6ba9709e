extension Collection<UInt8> {
    /// Runs `body` on the bytes in contiguous memory, copying them first only when they are not
    /// (a `ByteBufferView` and an `Array` are). Inlined, so that `body` is specialised where it
    /// is called and the bytes are reached through one witness call.
    @inline(__always)
    func withContiguousBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let done: Swift.Result<Result, Failure>? = withContiguousStorageIfAvailable { buffer in
            Swift.Result { () throws(Failure) in try body(buffer) }
        }
        if let done { return try done.get() }
        return try Array(self).withUnsafeBufferPointer { buffer in Swift.Result { () throws(Failure) in try body(buffer) } }.get()
    }
}
